-- What each group role may write, over every table of the sra-data schemas:
-- the loader writes raw and its own ops run tables, nothing else; the
-- transformer writes core, agg and its ops ledger and quality tables, never
-- raw; the reader writes nothing and reads the api views only.
begin;
\ir ../helpers/fixtures.psql
select plan(7);

-- Setup: every (role, table, privilege) a group role holds; the transformer may call pgTAP
grant usage on schema tests to sra_transformer;
create temp table held as
select r.rolname, c.oid::regclass::text as rel, n.nspname, p.privilege
from pg_class as c
join pg_namespace as n on n.oid = c.relnamespace
cross join (values ('sra_loader'), ('sra_transformer'), ('sra_reader')) as r (rolname)
cross join (values ('SELECT'), ('INSERT'), ('UPDATE'), ('DELETE'), ('TRUNCATE')) as p (privilege)
where n.nspname in ('raw', 'core', 'agg', 'api', 'ops', 'parse_fast', 'parse_careful')
    and c.relkind in ('r', 'p', 'v', 'm', 'f')
    and has_table_privilege(r.rolname, c.oid, p.privilege);

-- Test
select set_eq(
    $$ select rel, privilege from held where rolname = 'sra_loader' and privilege <> 'SELECT' $$,
    $$ values ('raw.batch', 'INSERT'), ('raw.batch', 'UPDATE'), ('raw.record', 'INSERT'), ('raw.stored_record', 'INSERT'), ('raw.rejected_row', 'INSERT'),
              ('ops.task_run', 'INSERT'), ('ops.task_run', 'UPDATE'),
              ('ops.file_tracker', 'INSERT'), ('ops.file_tracker', 'UPDATE'),
              ('ops.fmp_api_call', 'INSERT') $$,
    'sra_loader writes raw batches, records and rejected rows, and its runs, files and FMP calls in ops: nothing else'
);
select is_empty(
    $$ select rel, privilege from held where rolname = 'sra_loader' and privilege = 'SELECT' and nspname not in ('raw', 'ops') $$,
    'sra_loader reads nothing outside raw and ops'
);
select is_empty(
    $$ select rel, privilege from held where rolname = 'sra_transformer' and nspname = 'raw' and privilege <> 'SELECT' $$,
    'sra_transformer cannot write any raw table'
);
select is_empty(
    $$ select rel, privilege from held
       where rolname = 'sra_transformer' and privilege <> 'SELECT' and nspname = 'ops'
           and rel not in ('ops.transform_definition', 'ops.transform_run', 'ops.transform_batch', 'ops.quality_issue',
               'ops.quarantine', 'ops.task_run', 'ops.aggregate_batch', 'ops.aggregate_invalidation', 'ops.aggregate_state',
               'ops.transform_batch_failure', 'ops.stage_fields', 'ops.schema_check', 'ops.schema_change',
               'ops.schema_policy', 'ops.correction', 'ops.quality_check_batch', 'ops.quality_score',
               'ops.backfill_request', 'ops.series_state', 'ops.fund_cadence') $$,
    'sra_transformer writes only its ledger, run, quality, aggregate-ledger, schema drift, correction and gap-detection tables in ops'
);
select is_empty(
    $$ select rel, privilege from held where rolname = 'sra_reader' and (privilege <> 'SELECT' or nspname <> 'api') $$,
    'sra_reader only selects, and only from api'
);

set local role sra_transformer;
select throws_ok(
    $$ update ops.transform_definition set target = 'core.instrument' where name = 'fundata_quotes' $$,
    '42501', null,
    'sra_transformer cannot change a definition''s target or datasets (owner-run code reads them), only mark it rebuilt'
);
select throws_ok(
    $$ delete from raw.batch $$,
    '42501', null,
    'sra_transformer cannot delete landed batches'
);
reset role;

select * from finish();
rollback;
