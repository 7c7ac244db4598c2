# Where a test-only install lives, one install at a time, and CI's fresh start: shared by
# install-test-host.sh and install-verdaccio.sh, which source it after setting `label` and `repo`.

log() { echo "[$label] $*" >&2; }

# install_dir OVERRIDE CI_FOLDER CACHE_NAME: OVERRIDE when set; else, in CI (CI=true), .test-host/CI_FOLDER
# inside the clone, emptied by --fresh-in-ci so that a warm cache can never hide a broken install; else
# a per-user cache folder named for the pinned versions, reused by repeated runs.
install_dir() {
  if [ -n "$1" ]; then echo "$1"
  elif [ "${CI:-}" = true ]; then echo "$repo/.test-host/$2"
  else echo "${XDG_CACHE_HOME:-$HOME/.cache}/npm-publish-auth/$3"
  fi
}

# claim_install_dir DIR [--fresh-in-ci]: one install at a time per folder (a lock on fd 9, held until the
# script ends): a second run waits for the first and then finds its install instead of deleting its
# staging folder. In CI with the flag, the folder is emptied first.
claim_install_dir() {
  mkdir -p "$(dirname "$1")"
  exec 9>"$1.lock"
  flock 9
  if [ "${2:-}" = --fresh-in-ci ] && [ "${CI:-}" = true ]; then
    log "CI: installing into an empty folder ($1)"
    rm -rf "$1"
  fi
}
