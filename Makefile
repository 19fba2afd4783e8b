# sra-data: operators' commands. Every target runs the `sra` CLI (bin/sra).
SHELL := /bin/bash
SRA := bin/sra
export SRA_TEST_DB ?= sra_test

.PHONY: help install migrate load transform refresh worker models schema demo test test-sql test-ts lint format bench bench-scale clean

help:
	@echo "make demo       migrate, load the shipped sample data, transform, show the api views"
	@echo "make test       set up PostgreSQL (pgTAP, pg_cron), a fresh test database, pg_prove, then vitest"
	@echo "make migrate    apply migrations, transform definitions and views to DATABASE_URL"
	@echo "make load       land every source (Fundata CSV files; FMP and Fundata API where configured)"
	@echo "make transform  run the transforms over every batch not yet consumed"
	@echo "make refresh    the daily unified refresh"
	@echo "make worker     the long-running worker (schedules, /health, /status)"
	@echo "make models     regenerate the client models from the live api views"
	@echo "make schema     record the migrated schema for the drift gate (tests/schema.sql)"
	@echo "make lint       eslint, prettier --check, tsc and sqlfluff (postgres dialect)"
	@echo "make bench      the benchmarks (docs/BENCHMARKS.md)"
	@echo "make bench-scale  25M NAVPS rows end to end and the read paths at that size (BENCH_SCALE_FUNDS, BENCH_SCALE_DAYS, ...; docs/SCALING.md)"

# `npm ci` installs exactly what package-lock.json pins (the lock records the
# optional native packages of every platform), as Render's build command does.
node_modules/.install-stamp: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

install: node_modules/.install-stamp

migrate: install
	$(SRA) migrate

load: install
	$(SRA) load all $(ARGS)

transform: install
	$(SRA) transform $(ARGS)

refresh: install
	$(SRA) refresh $(ARGS)

worker: install
	$(SRA) worker $(ARGS)

models: install
	$(SRA) models $(ARGS)

demo: install
	$(SRA) demo

test: install
	scripts/setup-postgres.sh
	@url=$$(scripts/test-db.sh) && \
	  echo "pgTAP: $$(find tests/sql -name '*.test.sql' | wc -l) files against $$url" && \
	  pg_prove --dbname "$$url" --ext .sql -r tests/sql && \
	  TEST_DATABASE_URL=$$url npx vitest run

test-sql: install
	@url=$$(scripts/test-db.sh) && pg_prove --dbname "$$url" --ext .sql -r tests/sql

test-ts: install
	@url=$$(scripts/test-db.sh) && TEST_DATABASE_URL=$$url npx vitest run

# record the migrated schema for the drift gate (tests/loader/schema.drift.test.ts)
schema: install
	@url=$$(SRA_TEST_DB=sra_schema scripts/test-db.sh) && scripts/schema-dump.sh "$$url" > tests/schema.sql && \
	  psql -q "$$(node -e 'const u=new URL(process.argv[1]); u.pathname="/postgres"; console.log(u.toString())' "$$url")" -c 'drop database sra_schema with (force)' && \
	  echo "tests/schema.sql updated"

# TypeScript: eslint (eslint.config.js), prettier (.prettierrc.json), tsc.
# SQL: sqlfluff, postgres dialect (.sqlfluff); Debian package sqlfluff.
lint: install
	npx eslint .
	npx prettier --check '**/*.{ts,js,mjs}'
	npx tsc --noEmit
	@command -v sqlfluff >/dev/null || { echo "lint: sqlfluff is not installed (Debian package sqlfluff: scripts/setup-postgres.sh installs it)"; exit 1; }
	sqlfluff lint --processes 2 migrations transforms views tests/sql

# rewrite the TypeScript in prettier's layout
format: install
	npx prettier --write '**/*.{ts,js,mjs}'

bench: install
	@for f in bench/*.bench.ts; do node --import tsx "$$f" || exit 1; done

# not part of `make bench`: it loads 25M rows (about an hour on two cores);
# BENCH_SCALE_FUNDS=1000 BENCH_SCALE_DAYS=500 make bench-scale for a quick run
bench-scale: install
	node --import tsx bench/scale.ts

# root's demo data may live in /var/lib/sra-data, linked from .sra/pgdata
clean:
	@if [ -L .sra/pgdata ]; then rm -rf "$$(dirname "$$(readlink .sra/pgdata)")"; fi
	rm -rf .sra bench/out
