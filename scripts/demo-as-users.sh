#!/usr/bin/env bash
# `make demo` from fresh clones of this commit, without DATABASE_URL, the way a
# new user runs it (docs/ARCHITECTURE.md §9):
#   1. as root, from a folder only root may enter (mode 700, like /root), twice:
#      the second run restarts the existing cluster and lands nothing new;
#   2. as root, from a folder everyone may enter;
#   3. as an ordinary user ($SRA_DEMO_USER, default sra-demo, created when
#      missing), from a mode-700 folder in their home folder.
# Run by someone other than root, it runs the demo once as that user from a
# mode-700 folder. npm installs from a copy of the invoking user's npm cache.
# Each run is bounded by SRA_DEMO_TIMEOUT seconds (default 600). Exit 0 when
# every run printed the api views and left no server behind.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
rev=$(git rev-parse HEAD)
limit=${SRA_DEMO_TIMEOUT:-600}
user=${SRA_DEMO_USER:-sra-demo}
cache=$(npm config get cache)
work=$(mktemp -d) # mode 700
cleanup=()
trap 'for c in "${cleanup[@]}"; do eval "$c" || true; done; rm -rf "$work"' EXIT

free_port() {
  node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}
port_free() {
  node -e 'const s = require("node:net").createServer(); s.once("error", () => process.exit(1)); s.listen(Number(process.argv[1]), "127.0.0.1", () => s.close())' "$1"
}

# clone <dir>: a fresh clone of this commit
clone() {
  git clone --quiet --no-hardlinks "$repo" "$1"
  git -C "$1" checkout --quiet --detach "$rev"
  # where root's server keeps the data of a private clone (linked from .sra/pgdata)
  cleanup+=("d=\$(readlink '$1/.sra/pgdata' 2>/dev/null) && rm -rf \"\$(dirname \"\$d\")\"")
}

failed=0
# demo <label> <clone> [runuser -u USER --]: make demo, checked
demo() {
  local label=$1 dir=$2
  shift 2
  local port out rc=0
  port=$(free_port)
  out="$work/$(echo "$label" | tr -c 'a-z0-9' '-').log"
  local t0=$SECONDS
  "$@" env -u DATABASE_URL SRA_EMBEDDED_PORT="$port" SRA_PROGRESS=never npm_config_cache="$npm_cache" \
    timeout "$limit" make -C "$dir" --no-print-directory demo >"$out" 2>&1 || rc=$?
  local rows
  rows=$(awk '$1 == "api.fund" { print $2 }' "$out" | head -1)
  if [[ $rc -ne 0 || -z $rows || $rows -eq 0 ]]; then
    echo "FAIL $label: exit $rc, api.fund ${rows:-missing} rows; last lines:"
    tail -15 "$out" | sed 's/^/    /'
    failed=1
  elif ! port_free "$port"; then
    echo "FAIL $label: a server still listens on port $port after the demo"
    failed=1
  else
    echo "ok   $label: exit 0, api.fund $rows rows, $((SECONDS - t0)) s"
    grep -E 'info  (running as root|DATABASE_URL is not set)' "$out" | sed 's/^[^ ]* info  /       /' || true
  fi
}

if [[ $(id -u) -ne 0 ]]; then
  npm_cache=$cache
  clone "$work/sra-data"
  demo "$(id -un), mode-700 folder" "$work/sra-data"
  exit $failed
fi

# 1. root, private folder (mode 700, as /root is)
npm_cache=$cache
clone "$work/private/sra-data"
chmod 700 "$work/private"
demo "root, mode-700 folder" "$work/private/sra-data"
demo "root, mode-700 folder, second run" "$work/private/sra-data"

# 2. root, folder everyone may enter
shared=$(mktemp -d)
chmod 755 "$shared"
cleanup+=("rm -rf '$shared'")
clone "$shared/sra-data"
demo "root, mode-755 folder" "$shared/sra-data"

# 3. an ordinary user, from their home folder
if ! id "$user" >/dev/null 2>&1; then
  useradd --create-home --shell /bin/bash "$user"
fi
home=$(getent passwd "$user" | cut -d: -f6)
mkdir -p "$home"
chown "$user:" "$home"
mine="$home/sra-data-demo-$$"
dir="$mine/sra-data"
clone "$dir"
cleanup+=("rm -rf '$mine'")
npm_cache="$home/.sra-demo-npm-cache-$$"
cleanup+=("rm -rf '$npm_cache'")
mkdir -p "$npm_cache"
[[ -d $cache/_cacache ]] && cp -a "$cache/_cacache" "$npm_cache/"
chown -R "$user:" "$mine" "$npm_cache"
chmod 700 "$mine"
demo "$user (not root), mode-700 folder in their home" "$dir" runuser -u "$user" -- env HOME="$home" PATH="$PATH"

exit $failed
