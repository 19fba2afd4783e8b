-- The weekly maintenance never blocks readers or writers: it analyzes
-- (SHARE UPDATE EXCLUSIVE, which neither reads nor writes wait for) and never
-- rewrites or reorders a table (no CLUSTER, no VACUUM FULL); no table is
-- marked for CLUSTER any more. Next year's partitions, already there, are
-- not created again (creating one is the only lock it may take, once a year).
begin;
\ir ../helpers/fixtures.psql
select plan(5);

-- Setup
select tests.land('fundata.quotes', '[{"InstrumentKey": "M1", "Date": "2024-01-02", "NAVPS": "5.00"}]', 'maintenance.csv');
select * from ops.run_transforms();
create table core.zz_never_filled (x integer);
-- the locks the setup holds (the transform created its year's partition)
create temp table setup_locks as
select l.relation, l.mode from pg_locks as l where l.pid = pg_backend_pid() and l.relation is not null;
create temp table done as select * from ops.run_maintenance();

-- Test
select is_empty(
    $$
    select l.relation::regclass, l.mode
    from pg_locks as l
    join pg_class as c on c.oid = l.relation
    where l.pid = pg_backend_pid()
        and c.relnamespace in ('raw'::regnamespace, 'core'::regnamespace, 'agg'::regnamespace)
        and l.mode in ('ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')
        and c.relname <> 'zz_never_filled'  -- created by this test
        and not exists (select 1 from setup_locks as s where s.relation = l.relation and s.mode = l.mode)
    $$,
    'maintenance holds no lock that a reader (ACCESS SHARE) or a writer (ROW EXCLUSIVE) waits for'
);
select is_empty(
    $$ select table_name, action from done
       where action not in ('analyze', 'skipped')
           and not (action = 'partition' and detail = '0 partitions created') $$,
    'maintenance only analyzes (or skips a busy table); this year''s and next year''s partitions exist already'
);
select set_has(
    $$ select table_name from done $$,
    $$ values ('raw.batch'::text), ('raw.stored_record'), ('core.fundata_quotes'), ('core.instrument') $$,
    'maintenance covers the raw and core tables that hold rows'
);
select is_empty(
    $$ select table_name from done where table_name = 'core.zz_never_filled' $$,
    'a table that never held a row is left alone (the planner keeps its default guess)'
);
select is_empty(
    $$ select i.indexrelid::regclass from pg_index as i join pg_class as c on c.oid = i.indrelid
       where i.indisclustered and c.relnamespace in ('raw'::regnamespace, 'core'::regnamespace, 'agg'::regnamespace, 'ops'::regnamespace) $$,
    'no table is marked for CLUSTER'
);

select * from finish();
rollback;
