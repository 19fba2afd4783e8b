-- The five layers of docs/ARCHITECTURE.md §2 exist, hold the tables the spine needs, and
-- api holds nothing but views (the client contract).
begin;
\ir ../helpers/fixtures.psql
select plan(20);

-- Setup: none, the catalog is the fixture

-- Test
select has_schema('raw', 'schema raw (landing) exists');
select has_schema('core', 'schema core (typed history) exists');
select has_schema('agg', 'schema agg (continuous aggregates) exists');
select has_schema('api', 'schema api (client contract) exists');
select has_schema('ops', 'schema ops (runs, files, ledger, quality) exists');

select has_table('raw', 'batch', 'raw.batch: one row per landed file or API response');
select has_table('raw', 'stored_record', 'raw.stored_record: one row per CSV row (its CSV line) or API document (JSONB)');
select has_view('raw', 'record', 'raw.record: every landed record as JSONB');
select has_table('raw', 'rejected_row', 'raw.rejected_row: rows the loader could not read');
select has_table('ops', 'task_run', 'ops.task_run: the task execution log');
select has_table('ops', 'file_tracker', 'ops.file_tracker: the file processing tracker');
select has_table('ops', 'transform_definition', 'ops.transform_definition: the definition ledger');
select has_table('ops', 'transform_batch', 'ops.transform_batch: batches consumed per transform');
select has_table('ops', 'quality_issue', 'ops.quality_issue: quality issues per row');
select has_table('ops', 'quarantine', 'ops.quarantine: records that could not be keyed');
select has_table('core', 'instrument', 'core.instrument: the shared identifier registry');
select has_table('core', 'fundata_data', 'core.fundata_data: Fundata reference data, versioned');
select has_table('core', 'fundata_quotes', 'core.fundata_quotes: Fundata daily NAVPS, versioned');

select is_empty(
    $$
    select c.relname, c.relkind
    from pg_class as c
    where c.relnamespace = 'api'::regnamespace
        and c.relkind not in ('v', 'm')
    $$,
    'api holds only views: no tables, sequences or indexes the client could depend on'
);
select isnt_empty(
    $$ select 1 from pg_views where schemaname = 'api' $$,
    'api holds the client views'
);

select * from finish();
rollback;
