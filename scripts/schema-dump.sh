#!/usr/bin/env bash
# The schema after migrating, as text, for the drift gate: every object of the
# project's schemas with its grants, without data, test helpers or pg_cron's
# own schema. Usage: scripts/schema-dump.sh <database url>
set -euo pipefail
pg_dump --schema-only --no-owner --no-comments --exclude-schema=tests --exclude-schema=cron \
  --exclude-table=public.pgmigrations --exclude-table=public.pgmigrations_id_seq "$1" |
  grep -vE '^(--|SET |SELECT pg_catalog\.set_config|CREATE EXTENSION IF NOT EXISTS (pgtap|pg_cron) |\\restrict|\\unrestrict)' | sed -e '/^$/N;/^\n$/D'
