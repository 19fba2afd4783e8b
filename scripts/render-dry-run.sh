#!/usr/bin/env bash
# render.yaml, as written, on a fresh clone of the committed tree: its
# buildCommand, then its preDeployCommand against a fresh database, then its
# startCommand with the blueprint's environment values and PORT; passes when
# GET /health (healthCheckPath) answers 200 and SIGTERM ends the service with
# exit code 0 within SRA_SHUTDOWN_GRACE_MS. Uses DATABASE_URL's server or the
# local cluster (database sra_render_dry_run, dropped afterwards).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
base=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
db=sra_render_dry_run
work=$(mktemp -d "${TMPDIR:-/tmp}/sra-render-XXXXXX")
url_for() { node -e 'const u=new URL(process.argv[1]); u.pathname="/"+process.argv[2]; console.log(u.toString())' "$base" "$1"; }
admin=$(url_for postgres)
pid=

cleanup() {
  [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null || true
  psql -X -q "$admin" -c "drop database if exists $db with (force)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

step() { echo "render dry run: $*" >&2; }

git clone --quiet "$root" "$work/app"
cd "$work/app"

# the blueprint: single-line commands, and every env var that has a value
field() { sed -n "s/^ *$1: *//p" render.yaml | head -1; }
build=$(field buildCommand)
predeploy=$(field preDeployCommand)
start=$(field startCommand)
health=$(field healthCheckPath)
[ -n "$build" ] && [ -n "$predeploy" ] && [ -n "$start" ] && [ -n "$health" ] || { echo "render.yaml: missing a command or healthCheckPath" >&2; exit 1; }
eval "$(node -e '
  const lines = require("fs").readFileSync("render.yaml", "utf8").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const k = /^\s*- key: (\w+)\s*$/.exec(lines[i]);
    const v = k && /^\s*value: "?([^"]*)"?\s*$/.exec(lines[i + 1] ?? "");
    if (v && k[1] !== "NODE_VERSION") console.log(`export ${k[1]}=${JSON.stringify(v[1])}`);
  }')"

step "build: $build"
eval "$build"

psql -X -q "$admin" -v ON_ERROR_STOP=1 -c "drop database if exists $db with (force)" -c "create database $db" >/dev/null
export DATABASE_URL
DATABASE_URL=$(url_for "$db")
step "pre-deploy: $predeploy"
eval "$predeploy"

PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
export PORT
step "start: $start (PORT=$PORT)"
# exec all the way down, as a host runs it: the signal reaches the service itself
bash -c "exec $start" &
pid=$!
status=
for _ in $(seq 1 120); do
  status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$health" || true)
  [ "$status" = 200 ] && break
  kill -0 "$pid" 2>/dev/null || { echo "render dry run: the service exited before answering $health" >&2; exit 1; }
  sleep 0.5
done
[ "$status" = 200 ] || { echo "render dry run: GET $health answered ${status:-nothing}, not 200" >&2; exit 1; }
step "GET $health: 200"

grace_s=$(( (${SRA_SHUTDOWN_GRACE_MS:-25000} + 999) / 1000 + 5 ))
kill -TERM "$pid"
rc=
for _ in $(seq 1 $((grace_s * 10))); do
  if ! kill -0 "$pid" 2>/dev/null; then
    set +e; wait "$pid"; rc=$?; set -e
    break
  fi
  sleep 0.1
done
pid_left=$pid
pid=
[ -n "$rc" ] || { pid=$pid_left; echo "render dry run: still running ${grace_s}s after SIGTERM" >&2; exit 1; }
[ "$rc" = 0 ] || { echo "render dry run: exit code $rc after SIGTERM, not 0" >&2; exit 1; }
step "SIGTERM: exit 0; render.yaml runs as written"
