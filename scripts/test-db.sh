#!/usr/bin/env bash
# Creates a fresh test database, migrates it (migrations, definitions, views),
# and prints its URL. Uses DATABASE_URL's server when given, else the local
# cluster over 127.0.0.1 as postgres.
set -euo pipefail
TEST_DB=${SRA_TEST_DB:-sra_test}
base=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
admin=$(node -e 'const u=new URL(process.argv[1]); u.pathname="/postgres"; console.log(u.toString())' "$base")
url=$(node -e 'const u=new URL(process.argv[1]); u.pathname="/"+process.argv[2]; console.log(u.toString())' "$base" "$TEST_DB")
psql -q "$admin" -v ON_ERROR_STOP=1 <<SQL >/dev/null
select pg_terminate_backend(pid) from pg_stat_activity where datname = '$TEST_DB' and pid <> pg_backend_pid() and backend_type = 'client backend';
drop database if exists $TEST_DB;
create database $TEST_DB;
SQL
psql -q "$url" -v ON_ERROR_STOP=1 -c 'create schema if not exists tests' -c 'create extension if not exists pgtap schema tests' >/dev/null
DATABASE_URL=$url LOG_LEVEL=warn "$(dirname "$0")/../bin/sra" migrate >&2
echo "$url"
