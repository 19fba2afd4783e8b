-- sra_reader, the client's role, selects every api view and nothing in raw,
-- core, agg or ops, and writes nothing (docs/ARCHITECTURE.md §7).
begin;
\ir ../helpers/fixtures.psql
select plan(20);

-- Setup: one fund with one NAV, so the views have something to show
grant usage on schema tests to sra_reader;
select tests.land('fundata.data', '[{"InstrumentKey": "412682", "LegalName": "MD Dividend Income Index", "Currency": "CAD"}]', 'reader-data.csv');
select tests.land('fundata.quotes', '[{"InstrumentKey": "412682", "Date": "2024-01-15", "NAVPS": "11.58"}]', 'reader-quotes.csv');
select * from ops.run_transforms();
select ops.detect_gaps();

-- Test
select schema_privs_are('api', 'sra_reader', array['USAGE'], 'sra_reader uses schema api and cannot create in it');
select schema_privs_are('raw', 'sra_reader', array[]::text[], 'sra_reader has no privilege on schema raw');
select schema_privs_are('core', 'sra_reader', array[]::text[], 'sra_reader has no privilege on schema core');
select schema_privs_are('agg', 'sra_reader', array[]::text[], 'sra_reader has no privilege on schema agg');
select schema_privs_are('ops', 'sra_reader', array[]::text[], 'sra_reader has no privilege on schema ops');
select is_empty(
    $$
    select c.oid::regclass
    from pg_class as c
    where c.relnamespace = 'api'::regnamespace and c.relkind in ('v', 'm')
        and not has_table_privilege('sra_reader', c.oid, 'SELECT')
    $$,
    'sra_reader may select every api view'
);
select is_empty(
    $$
    select c.oid::regclass, p.privilege
    from pg_class as c
    cross join unnest(array['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) as p (privilege)
    where c.relnamespace = 'api'::regnamespace and c.relkind in ('v', 'm')
        and has_table_privilege('sra_reader', c.oid, p.privilege)
    $$,
    'sra_reader may only select the api views, never write them'
);
select is_empty(
    $$
    select c.oid::regclass, p.privilege
    from pg_class as c
    cross join unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) as p (privilege)
    where c.relnamespace in ('raw'::regnamespace, 'core'::regnamespace, 'agg'::regnamespace, 'ops'::regnamespace)
        and c.relkind in ('r', 'p', 'v', 'm')
        and has_table_privilege('sra_reader', c.oid, p.privilege)
    $$,
    'sra_reader holds no privilege on any table or view of raw, core, agg or ops'
);

set local role sra_reader;
select results_eq(
    $$ select identifier collate "default", legal_name from api.fund $$,
    $$ values ('412682'::text, 'MD Dividend Income Index'::text) $$,
    'sra_reader reads api.fund'
);
select results_eq(
    $$ select identifier collate "default", data_version from api.fund_history $$,
    $$ values ('412682'::text, 1) $$,
    'sra_reader reads api.fund_history'
);
select results_eq(
    $$ select identifier collate "default", date, navps from api.fund_nav $$,
    $$ values ('412682'::text, date '2024-01-15', 11.58::numeric(12, 2)) $$,
    'sra_reader reads api.fund_nav'
);
select results_eq(
    $$ select identifier collate "default", nav_date, navps from api.fund_latest_nav $$,
    $$ values ('412682'::text, date '2024-01-15', 11.58::numeric(12, 2)) $$,
    'sra_reader reads api.fund_latest_nav'
);
select results_eq(
    $$ select kind, key collate "default", latest_date, sessions_behind >= 0 from api.security_freshness $$,
    $$ values ('fund'::text, '412682'::text, date '2024-01-15', true) $$,
    'sra_reader reads api.security_freshness (sessions counted by the calendar it cannot read itself)'
);
select throws_ok($$ select * from raw.batch $$, '42501', null, 'sra_reader cannot read raw.batch');
select throws_ok($$ select * from raw.record $$, '42501', null, 'sra_reader cannot read raw.record');
select throws_ok($$ select * from core.fundata_data $$, '42501', null, 'sra_reader cannot read core.fundata_data');
select throws_ok($$ select * from core.fundata_quotes $$, '42501', null, 'sra_reader cannot read core.fundata_quotes');
select throws_ok($$ select * from core.instrument $$, '42501', null, 'sra_reader cannot read core.instrument');
select throws_ok($$ select * from ops.quality_issue $$, '42501', null, 'sra_reader cannot read ops.quality_issue');
select throws_ok($$ select * from ops.transform_definition $$, '42501', null, 'sra_reader cannot read ops.transform_definition');
reset role;

select * from finish();
rollback;
