-- sra_loader lands raw data and records its runs and files; it cannot write
-- core, touch the transform ledger, or read the api views (docs/ARCHITECTURE.md §7).
begin;
\ir ../helpers/fixtures.psql
select plan(16);

-- Setup: the roles may call pgTAP and the fixture helpers
grant usage on schema tests to sra_loader;

-- Test
select table_privs_are('raw', 'record', 'sra_loader', array['INSERT'],
    'sra_loader may only insert into raw.record: landed rows are append-only');
select schema_privs_are('core', 'sra_loader', array[]::text[], 'sra_loader has no privilege on schema core');
select schema_privs_are('api', 'sra_loader', array[]::text[], 'sra_loader has no privilege on schema api');
select is_empty(
    $$
    select c.oid::regclass, p.privilege
    from pg_class as c
    cross join unnest(array['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) as p (privilege)
    where c.relnamespace in ('core'::regnamespace, 'agg'::regnamespace, 'api'::regnamespace)
        and c.relkind in ('r', 'p', 'v', 'm')
        and has_table_privilege('sra_loader', c.oid, p.privilege)
    $$,
    'sra_loader can write no table of core, agg or api'
);

set local role sra_loader;
select lives_ok(
    $$ select tests.land('fundata.quotes', '[{"InstrumentKey": "4095", "Date": "2024-01-15", "NAVPS": "11.5829"}]', 'loader.csv') $$,
    'sra_loader lands a batch: raw.batch and raw.record'
);
select lives_ok(
    $$ insert into raw.rejected_row (batch_id, line, raw_text, reason) values (tests.batch('loader.csv'), 3, 'a,"b', 'broken quoting') $$,
    'sra_loader keeps a row it could not read in raw.rejected_row'
);
select lives_ok(
    $$ update raw.batch set row_count = 1, landed_at = clock_timestamp() where batch_id = tests.batch('loader.csv') $$,
    'sra_loader finishes its batch row'
);
select lives_ok(
    $$
    insert into ops.task_run (task_type, task_id) values ('load', 'fundata-csv');
    update ops.task_run set status = 'completed', finished_at = now() where task_id = 'fundata-csv'
    $$,
    'sra_loader records and finishes its task run in ops.task_run'
);
select lives_ok(
    $$
    insert into ops.file_tracker (file_path, dataset, sha256, file_size, status)
    values ('fundata/quotes/loader.csv', 'fundata.quotes', repeat('a', 64), 10, 'landed')
    $$,
    'sra_loader records the file in ops.file_tracker'
);
select throws_ok(
    $$ delete from raw.record $$,
    '42501', null,
    'sra_loader cannot delete landed rows'
);
select throws_ok(
    $$
    insert into core.fundata_quotes (identifier, date, data_source, data_version, content_hash, updated_at, batch_id, batch_line)
    values ('4095', '2024-01-15', 'CSV', 1, 0, now(), 1, 2)
    $$,
    '42501', null,
    'sra_loader cannot write core.fundata_quotes'
);
select throws_ok(
    $$ insert into core.instrument (identifier) values ('4095') $$,
    '42501', null,
    'sra_loader cannot write core.instrument'
);
select throws_ok(
    $$ insert into ops.transform_batch (transform_name, batch_id, version) values ('fundata_quotes', 1, 1) $$,
    '42501', null,
    'sra_loader cannot mark a batch consumed in the transform ledger'
);
select throws_ok(
    $$ select * from api.fund $$,
    '42501', null,
    'sra_loader cannot read api.fund'
);
select throws_ok(
    $$ select * from api.fund_nav $$,
    '42501', null,
    'sra_loader cannot read api.fund_nav'
);
reset role;

select is(
    (select count(*)::integer from raw.record where batch_id = tests.batch('loader.csv')),
    1,
    'the batch landed by sra_loader holds its row'
);

select * from finish();
rollback;
