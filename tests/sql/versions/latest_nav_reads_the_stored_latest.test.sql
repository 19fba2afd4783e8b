-- api.fund_latest_nav reads the stored latest through its keys: for one fund,
-- and for all funds of one company, the plan reads the per-fund stored latest
-- NAV (core.fundata_quotes_current_date: the newest date, its current version
-- and values) and the fund's current reference data, by index; no table is
-- scanned, no fund's history is sorted or even read.
begin;
\ir ../helpers/fixtures.psql
select plan(6);

-- Setup: 10,000 funds of 1,000 companies, two versions of each fund's reference
-- data, 5 days of NAVPS each, with their stored latest, statistics as in production
insert into core.fundata_data (identifier, legal_name, company, currency, data_source, data_version, content_hash, updated_at, batch_id, batch_line)
select 'F' || i, format('Fund %s v%s', i, v), 'Company ' || (i % 1000), 'CAD', 'CSV', v, 0, now(), v, i
from generate_series(1, 10000) as i
cross join generate_series(1, 2) as v;
insert into core.fundata_data_current (identifier, data_version, vendor_as_of, batch_id, line)
select 'F' || i, 2, now(), 2, i from generate_series(1, 10000) as i;
insert into core.fundata_quotes (identifier, date, navps, data_source, data_version, content_hash, updated_at, batch_id, batch_line)
select 'F' || i, date '2024-01-01' + d, 10 + d / 100.0, 'CSV', 1, 0, now(), 3, d + 2
from generate_series(1, 10000) as i
cross join generate_series(0, 4) as d;
insert into core.fundata_quotes_current (identifier, date, data_version, vendor_as_of, batch_id, line)
select q.identifier, q.date, 1, now(), 3, q.batch_line from core.fundata_quotes as q;
insert into core.fundata_quotes_current_date (identifier, date, data_version, navps, updated_at)
select distinct on (q.identifier) q.identifier, q.date, q.data_version, q.navps, q.updated_at
from core.fundata_quotes as q order by q.identifier, q.date desc;
analyze core.fundata_data;
analyze core.fundata_data_current;
analyze core.fundata_quotes;
analyze core.fundata_quotes_current;
analyze core.fundata_quotes_current_date;

-- Test: one fund
select is_empty(
    $$ select n from tests.plan_nodes($q$ select * from api.fund_latest_nav where identifier = 'F42' $q$) as n
       where n = 'Seq Scan' $$,
    'the latest NAV of one fund scans no table'
);
select is(
    (select array_agg(distinct i order by i) from tests.plan_indexes($q$ select * from api.fund_latest_nav where identifier = 'F42' $q$) as i),
    array['fundata_data_current_pkey', 'fundata_data_version_uq', 'fundata_quotes_current_date_pkey'],
    'the latest NAV of one fund reads its stored latest NAV and its current name by key, and no history of NAVPS'
);
select results_eq(
    $$ select nav_date, navps, legal_name from api.fund_latest_nav where identifier = 'F42' $$,
    $$ values (date '2024-01-05', 10.04::numeric(12, 2), 'Fund 42 v2'::text) $$,
    'and returns its newest day and its current reference data'
);

-- Test: all funds of one company
select is_empty(
    $$ select n from tests.plan_nodes($q$
        select f.identifier, f.legal_name, n.nav_date, n.navps
        from api.fund as f
        join api.fund_latest_nav as n on n.identifier = f.identifier
        where f.company = 'Company 7' $q$) as n
       where n = 'Seq Scan' $$,
    'the funds of one company with their latest NAV scan no table'
);
select ok(
    (select array_agg(distinct i) from tests.plan_indexes($q$
        select f.identifier, f.legal_name, n.nav_date, n.navps
        from api.fund as f
        join api.fund_latest_nav as n on n.identifier = f.identifier
        where f.company = 'Company 7' $q$) as i)
        @> array['fundata_data_company_identifier_idx', 'fundata_quotes_current_date_pkey'],
    'the funds of one company: the company index, then each fund''s stored latest by its key'
);
select is(
    (select count(*)::integer from api.fund as f join api.fund_latest_nav as n on n.identifier = f.identifier where f.company = 'Company 7'),
    10,
    'and returns the company''s 10 funds'
);

select * from finish();
rollback;
