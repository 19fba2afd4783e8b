#!/usr/bin/env bash
# Creates a fresh test database, migrates it (migrations, definitions, views),
# and prints its URL. Uses DATABASE_URL's server when given, else the local
# cluster over 127.0.0.1 as postgres.
#
# When the test database is pg_cron's database (cron.database_name), it is
# emptied in place instead of dropped: dropping it terminates pg_cron's
# launcher, which exits cleanly and is then never restarted by the postmaster
# (no scheduling until the cluster restarts). Any other database is dropped
# with (force) and created again. In pg_cron's database the project's jobs are
# installed by the migration and then paused, so no transform runs beside a test.
set -euo pipefail
TEST_DB=${SRA_TEST_DB:-sra_test}
base=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
admin=$(node -e 'const u=new URL(process.argv[1]); u.pathname="/postgres"; console.log(u.toString())' "$base")
url=$(node -e 'const u=new URL(process.argv[1]); u.pathname="/"+process.argv[2]; console.log(u.toString())' "$base" "$TEST_DB")

q() { psql -X -q -At "$1" -v ON_ERROR_STOP=1 -c "$2"; }

cron_db=$(q "$admin" "select coalesce(current_setting('cron.database_name', true), '')")
exists=$(q "$admin" "select count(*) from pg_database where datname = '$TEST_DB'")

if [ "$cron_db" = "$TEST_DB" ] && [ "$exists" = "1" ]; then
  # empty it in place: every schema but the system ones, and pg_cron's jobs
  psql -X -q "$url" -v ON_ERROR_STOP=1 <<'SQL' >/dev/null
set client_min_messages = warning;
select pg_terminate_backend(a.pid)
from pg_stat_activity as a
where a.datname = current_database() and a.pid <> pg_backend_pid() and a.backend_type = 'client backend';
drop extension if exists pg_cron cascade;
do $$
declare
    s text;
begin
    for s in
        select n.nspname from pg_namespace as n
        where n.nspname not in ('pg_catalog', 'information_schema', 'public')
            and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp%'
    loop
        execute format('drop schema %I cascade', s);
    end loop;
end
$$;
drop schema public cascade;
create schema public;
grant usage, create on schema public to public;
SQL
else
  psql -X -q "$admin" -v ON_ERROR_STOP=1 <<SQL >/dev/null
drop database if exists $TEST_DB with (force);
create database $TEST_DB;
SQL
fi

if [ "$cron_db" = "$TEST_DB" ]; then
  # pg_cron's launcher connects to its database within a second or two of it existing
  for _ in $(seq 1 20); do
    [ "$(q "$admin" "select count(*) from pg_stat_activity where backend_type = 'pg_cron launcher' and datname = '$TEST_DB'")" = "0" ] || break
    sleep 0.5
  done
  if [ "$(q "$admin" "select count(*) from pg_stat_activity where backend_type = 'pg_cron launcher' and datname = '$TEST_DB'")" = "0" ]; then
    echo "test-db: pg_cron's launcher is not running: jobs are installed but not scheduled until the cluster restarts (scripts/setup-postgres.sh restarts it)" >&2
  fi
fi

psql -X -q "$url" -v ON_ERROR_STOP=1 -c 'create schema if not exists tests' -c 'create extension if not exists pgtap schema tests' >/dev/null
DATABASE_URL=$url LOG_LEVEL=warn "$(dirname "$0")/../bin/sra" migrate >&2
if [ "$cron_db" = "$TEST_DB" ]; then
  # the tests' database must not run the scheduled transforms, aggregates and
  # analytics between (and inside) the tests: the jobs stay installed, paused
  psql -X -q -At "$url" -v ON_ERROR_STOP=1 \
    -c "select cron.alter_job(jobid, active := false) from cron.job where jobname like 'sra-%' and database = current_database()" >/dev/null
fi
echo "$url"
