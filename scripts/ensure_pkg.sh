# Sourced by the test scripts: installs a Debian package only when the
# command it provides is missing, quietly, so a second run costs nothing.
# usage: ensure_pkg COMMAND PACKAGE...
# (With recommends: the fonts come with them, and that is the setup tested.
# chromium + libreoffice-calc + poppler-utils took 1 min 36 s here.)
ensure_pkg() {
  local cmd=$1
  shift
  command -v "$cmd" >/dev/null 2>&1 && return 0
  echo "installing $* (for $cmd)" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y -qq "$@" >/dev/null
  command -v "$cmd" >/dev/null 2>&1 || { echo "cannot install $cmd" >&2; return 1; }
}
