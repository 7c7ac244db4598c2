#!/usr/bin/env bash
# Installs the real Verdaccio the private-registry tests run against (verdaccio 6.8.0 on this Node), kept
# outside the project's dependencies as the test host is. 6.8.0 needs node-fetch pinned to 2.7.0 to run on
# Node 20 (an `overrides` entry of the install's own package.json). Prints Verdaccio's folder on its last line.
#
# Where it lives: $NPM_PUBLISH_AUTH_VERDACCIO, else — in CI (CI=true) — `.test-host/verdaccio` inside the
# clone, emptied by `--fresh-in-ci` at the start of every `npm test`; else a per-user cache keyed by the
# pinned version. Built in a staging folder and moved into place only once it answers `--version`.
set -euo pipefail

VERDACCIO_VERSION=6.8.0
NODE_FETCH_VERSION=2.7.0
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
label=verdaccio
# shellcheck source=install-common.sh
source "$repo/scripts/install-common.sh"
dir="$(install_dir "${NPM_PUBLISH_AUTH_VERDACCIO:-}" verdaccio "verdaccio-$VERDACCIO_VERSION")"
claim_install_dir "$dir" "${1:-}"

bin_rel=node_modules/verdaccio/bin/verdaccio
answers_version() { node "$1/$bin_rel" --version 2>/dev/null | grep -m1 -E '^v?[0-9]' || true; }

if [ -f "$dir/.complete" ] && [ -n "$(answers_version "$dir")" ]; then
  log "ready: verdaccio $(answers_version "$dir")"
  echo "$dir"
  exit 0
fi
[ -e "$dir" ] && { log "the install in $dir is incomplete or broken: installing it again"; rm -rf "$dir"; }

started=$SECONDS
rm -rf "$dir".partial-*
staging="$(mktemp -d "$dir.partial-XXXXXX")"
trap 'rm -rf "$staging"' EXIT
cat > "$staging/package.json" <<JSON
{ "name": "npm-publish-auth-verdaccio", "private": true,
  "dependencies": { "verdaccio": "$VERDACCIO_VERSION" },
  "overrides": { "node-fetch": "$NODE_FETCH_VERSION" } }
JSON
# The outer npm's config (npm_* variables) must not steer this install; its own cache keeps ~/.npm untouched.
unset_args=()
for name in $(compgen -e); do case $name in npm_*|INIT_CWD|NODE) unset_args+=(-u "$name") ;; esac; done
log "installing verdaccio $VERDACCIO_VERSION (about 15 s)"
if ! (cd "$staging" && env "${unset_args[@]}" npm_config_cache="$staging/.npm-cache" npm install --no-audit --no-fund --loglevel=error >&2); then
  log "FAILED: installing verdaccio@$VERDACCIO_VERSION (npm's messages above). Nothing was kept; run the command again to retry."
  exit 1
fi
[ -n "$(answers_version "$staging")" ] || { log "FAILED: the installed verdaccio does not answer --version"; exit 1; }
rm -rf "$staging/.npm-cache"
touch "$staging/.complete"
mv "$staging" "$dir"
trap - EXIT
log "installed verdaccio $(answers_version "$dir") in $((SECONDS - started)) s"
echo "$dir"
