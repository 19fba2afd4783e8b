-- Every SECURITY DEFINER function of the sra-data schemas pins its
-- search_path, is not executable by PUBLIC, and lets its callers learn
-- nothing they could not select themselves: the loader's Fundata API cursor
-- reads only Fundata datasets and their Date/ChangeDate, the analytics'
-- symbols answer symbol, reason, kind and a short-history flag only, and the ops views
-- over tables the loader may not read answer with their reader's rights.
begin;
\ir ../helpers/fixtures.psql
select plan(15);

-- Setup
grant usage on schema tests to sra_loader;
create temp table definer as
select p.oid, p.oid::regprocedure::text as fn, p.proconfig, p.proacl
from pg_proc as p
join pg_namespace as n on n.oid = p.pronamespace
where p.prosecdef and n.nspname in ('raw', 'core', 'agg', 'api', 'ops', 'parse_fast', 'parse_careful');
select tests.land('fundata.fund_general', '[{"InstrumentKey": "7", "ChangeDate": "2024-03-01"}]', 'general.json', 'api');
select tests.land('fundata.quotes', '[{"InstrumentKey": "7", "Date": "2024-02-01", "NAVPS": "1.00"}]', 'quotes.csv');

-- Test
select is_empty(
    $$ select fn from definer where not exists (select 1 from unnest(proconfig) as c where c like 'search\_path=%') $$,
    'every security definer function sets its search_path'
);
select is_empty(
    $$ select fn from definer
       where proacl is null or exists (select 1 from aclexplode(proacl) as a where a.grantee = 0 and a.privilege_type = 'EXECUTE') $$,
    'no security definer function is executable by PUBLIC'
);
select set_eq(
    $$ select fn from definer where has_function_privilege('sra_loader', oid, 'EXECUTE') $$,
    $$ values ('raw.refresh_statistics()'), ('ops.fundata_api_fromdate(text[],text)'), ('ops.fmp_analytics_symbols()'),
        ('ops.fmp_analytics_from(date,integer)'), ('raw.land_referencing(bigint,bigint)') $$,
    'sra_loader executes only the raw statistics refresh, the Fundata API cursor, the analytics'' symbols and their first date, and the reload''s references'
);
select is(
    (select prorettype::regtype::text from pg_proc where oid = 'ops.fmp_analytics_from(date,integer)'::regprocedure),
    'date',
    'the analytics'' first date answers a date only (from the trading calendar)'
);
select set_eq(
    $$ select unnest(proargnames) from pg_proc where oid = 'ops.fmp_analytics_symbols()'::regprocedure $$,
    array['symbol', 'reason', 'kind', 'short_history'],
    'the analytics'' symbols answer no quantity, price or portfolio'
);
select set_eq(
    $$ select fn from definer where has_function_privilege('sra_reader', oid, 'EXECUTE') $$,
    $$ values ('api.search_securities(text,integer)'), ('ops.is_stale(text,text,date,date)'), ('ops.last_session()'),
        ('ops.stale_cutoff(text,integer,date)'), ('ops.stale_allowed_sessions(text,integer)'),
        ('ops.sessions_behind(date,date)') $$,
    'sra_reader executes only the security search (it returns public columns of securities), the freshness flag of the latest-price views, its cutoff, the sessions a series may lag and is behind, and the last session it is judged by'
);
select is(
    (select array_agg(prorettype::regtype::text order by proname) from pg_proc
     where oid in ('ops.is_stale(text,text,date,date)'::regprocedure, 'ops.last_session()'::regprocedure,
         'ops.stale_cutoff(text,integer,date)'::regprocedure, 'ops.stale_allowed_sessions(text,integer)'::regprocedure,
         'ops.sessions_behind(date,date)'::regprocedure)),
    array['boolean', 'date', 'integer', 'integer', 'date'],
    'the freshness functions answer a boolean, a calendar date or a number of sessions only (nothing of the settings or cadences they read)'
);

set local role sra_loader;
select is(
    ops.fundata_api_fromdate(array['fundata.fund_general'], 'ChangeDate'),
    date '2024-03-02',
    'the loader reads its cursor: the day after the newest ChangeDate landed'
);
select throws_ok(
    $$ select ops.fundata_api_fromdate(array['fundata.quotes'], 'NAVPS') $$,
    '22023', null,
    'the cursor refuses a field other than Date or ChangeDate (no reading of other values)'
);
select throws_ok(
    $$ select ops.fundata_api_fromdate(array['fmp.profile'], 'Date') $$,
    '42501', null,
    'the cursor refuses a dataset that is not Fundata'
);
select throws_ok(
    $$ select * from ops.batch_quality $$,
    '42501', null,
    'sra_loader cannot read the quality and quarantine counts through ops.batch_quality'
);
select throws_ok(
    $$ select * from ops.failed_batch $$,
    '42501', null,
    'sra_loader cannot read the transforms'' failures through ops.failed_batch'
);
create temp table _landing (batch_id bigint, line integer, payload jsonb);
select throws_ok(
    $$ select * from raw.land_referencing(tests.batch('quotes.csv'), tests.batch('quotes.csv')) $$,
    'P0001', null,
    'the reload''s references take rows only into a batch still being landed, from an earlier one'
);
reset role;
select ok(
    (select 'security_invoker=true' = any(c.reloptions) from pg_class as c where c.oid = 'ops.batch_quality'::regclass),
    'ops.batch_quality runs with its reader''s rights (security_invoker)'
);
select ok(
    (select 'security_invoker=true' = any(c.reloptions) from pg_class as c where c.oid = 'ops.failed_batch'::regclass),
    'ops.failed_batch runs with its reader''s rights (security_invoker)'
);

select * from finish();
rollback;
