#!/usr/bin/env bash
# Prepares the local PostgreSQL 15 cluster for `make test` on Debian-like
# systems: installs pgTAP, pg_prove and pg_cron from Debian's packages when
# missing, preloads pg_cron (cron.database_name = the test database) and
# restarts the cluster when that setting changed. Idempotent; with
# DATABASE_URL pointing elsewhere it only checks what it can.
set -euo pipefail

PGVER=${PGVER:-15}
TEST_DB=${SRA_TEST_DB:-sra_test}
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

if command -v apt-get >/dev/null 2>&1; then
  missing=()
  # python3-pydantic and python3-psycopg: the client contract check (clients/python/check_contract.py);
  # sqlfluff: make lint; python3-numpy and python3-scipy: the analytics fixture generator
  # (tests/fixtures/analytics/make_expected.py)
  for p in "postgresql-$PGVER-pgtap" pgtap "postgresql-$PGVER-cron" python3-pydantic python3-psycopg sqlfluff python3-numpy python3-scipy; do
    have_pkg "$p" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup-postgres: installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

command -v pg_prove >/dev/null || { echo "setup-postgres: pg_prove is not installed (Debian package pgtap)"; exit 1; }

# Waits until the cluster accepts connections. After an unclean shutdown the
# server replays its WAL first (with max_wal_size = 8GB below, minutes after a
# big load), answering "not yet accepting connections" meanwhile: keep waiting
# while it is starting up, and give up with a clear message after
# SRA_PG_READY_TIMEOUT seconds (default 1200).
wait_ready() {
  local limit=${SRA_PG_READY_TIMEOUT:-1200} waited=0
  until pg_isready -q -h 127.0.0.1 -p 5432; do
    if [ "$waited" -ge "$limit" ]; then
      echo "setup-postgres: PostgreSQL is not accepting connections after ${limit}s (see /var/log/postgresql/)" >&2
      exit 1
    fi
    if [ $((waited % 30)) -eq 0 ] && [ "$waited" -gt 0 ]; then
      echo "setup-postgres: waiting for PostgreSQL to accept connections (${waited}s; recovering after an unclean shutdown?)"
    fi
    sleep 2
    waited=$((waited + 2))
  done
}

if [ -z "${DATABASE_URL:-}" ] && command -v pg_ctlcluster >/dev/null 2>&1; then
  confdir=/etc/postgresql/$PGVER/main/conf.d
  conf=$confdir/sra-data.conf
  want="# written by sra-data scripts/setup-postgres.sh
shared_preload_libraries = 'pg_cron'
cron.database_name = '$TEST_DB'
cron.use_background_workers = on
max_worker_processes = 16
# bulk loads: fewer checkpoints and more WAL buffer during million-row transforms
shared_buffers = '1GB'
wal_buffers = '64MB'
max_wal_size = '8GB'
checkpoint_timeout = '30min'
maintenance_work_mem = '512MB'
# full-page images compressed: a bulk load writes fewer WAL bytes
wal_compression = lz4"
  if [ ! -f "$conf" ] || [ "$(cat "$conf")" != "$want" ]; then
    echo "setup-postgres: preloading pg_cron (cron.database_name = $TEST_DB); restarting the cluster"
    $sudo mkdir -p "$confdir"
    printf '%s\n' "$want" | $sudo tee "$conf" >/dev/null
    $sudo pg_ctlcluster --skip-systemctl-redirect "$PGVER" main restart
  elif ! pg_lsclusters -h | awk -v v="$PGVER" '$1==v && $2=="main" {print $4}' | grep -q online; then
    $sudo pg_ctlcluster --skip-systemctl-redirect "$PGVER" main start
  fi
  wait_ready
  # pg_cron's launcher exits for good when its database is dropped (an older
  # scripts/test-db.sh did that): with the database there but no launcher,
  # only a restart brings scheduling back.
  launcher() {
    psql -X -At -h 127.0.0.1 -p 5432 -U postgres -d postgres -c \
      "select count(*) from pg_stat_activity where backend_type = 'pg_cron launcher'" 2>/dev/null || echo 0
  }
  has_db=$(psql -X -At -h 127.0.0.1 -p 5432 -U postgres -d postgres -c \
    "select count(*) from pg_database where datname = '$TEST_DB'" 2>/dev/null || echo 0)
  if [ "$has_db" = "0" ]; then
    # on a fresh machine pg_cron's database does not exist yet: create it so
    # the launcher (restarted below if it gave up) has a database to serve
    psql -X -q -h 127.0.0.1 -p 5432 -U postgres -d postgres -c "create database $TEST_DB" && has_db=1
  fi
  if [ "$has_db" = "1" ] && [ "$(launcher)" = "0" ]; then
    sleep 2
    if [ "$(launcher)" = "0" ]; then
      echo "setup-postgres: pg_cron's launcher is not running; restarting the cluster"
      $sudo pg_ctlcluster --skip-systemctl-redirect "$PGVER" main restart
      wait_ready
    fi
  fi
fi
