-- A profile lookup by symbol and a one-year price range for a symbol read an
-- index (the stored latest's key, then the version key's leading columns),
-- not the whole table, through the api views the client queries. A series of
-- closing prices is read from the version key alone (it includes close and
-- adj_close), not from a heap page per day.
begin;
\ir ../../helpers/fixtures.psql
select plan(7);

-- Setup: 2,000 profiles and 100 symbols x 3 years of prices, statistics as in production
insert into core.equity_profile (symbol, company_name, data_source, data_version, content_hash, updated_at, batch_id, batch_line, batch_elem)
select format('S%s', i), format('Company %s', i), 'API', 1, 0, now(), 1, 1, 0
from generate_series(1, 2000) as i;
insert into core.equity_quotes (symbol, date, open, high, low, close, volume, data_source, data_version, content_hash, updated_at, batch_id, batch_line, batch_elem)
select format('S%s', i), date '2021-01-01' + d, 100, 101, 99, 100, 1000, 'API', 1, 0, now(), 1, 1, d
from generate_series(1, 100) as i
cross join generate_series(0, 3 * 365) as d;
-- their stored latest (what core.write_versions keeps)
insert into core.equity_profile_current (symbol, data_version, vendor_as_of, batch_id, line)
select p.symbol, 1, now(), 1, 1 from core.equity_profile as p;
insert into core.equity_quotes_current (symbol, date, data_version, vendor_as_of, batch_id, line)
select q.symbol, q.date, 1, now(), 1, 1 from core.equity_quotes as q;
analyze core.equity_profile;
analyze core.equity_quotes;
analyze core.equity_profile_current;
analyze core.equity_quotes_current;

-- Test
select is_empty(
    $$ select n from tests.plan_nodes($q$ select * from api.equity_profile where symbol = 'S42' $q$) as n where n = 'Seq Scan' $$,
    'a profile lookup by symbol does not scan core.equity_profile'
);
select set_eq(
    $$ select distinct i from tests.plan_indexes($q$ select * from api.equity_profile where symbol = 'S42' $q$) as i $$,
    $$ values ('equity_profile_current_pkey'::text), ('equity_profile_version_uq') $$,
    'a profile lookup by symbol reads the version key'
);
select is_empty(
    $$ select n from tests.plan_nodes($q$ select * from api.equity_price where symbol = 'S42' and date between '2022-01-01' and '2022-12-31' $q$) as n
       where n = 'Seq Scan' $$,
    'a one-year price range of one symbol does not scan core.equity_quotes'
);
select set_eq(
    $$ select distinct i from tests.plan_indexes($q$ select * from api.equity_price where symbol = 'S42' and date between '2022-01-01' and '2022-12-31' $q$) as i $$,
    $$ values ('equity_quotes_current_pkey'::text), ('equity_quotes_version_uq') $$,
    'a one-year price range of one symbol reads the version key (symbol, date, ...)'
);
select is(
    (select count(*)::integer from api.equity_price where symbol = 'S42' and date between '2022-01-01' and '2022-12-31'),
    365,
    'the range returns the year''s 365 days of the fixture'
);
select results_eq(
    $$ select distinct jsonb_path_query(tests.plan_json($q$ select date, close, adj_close from api.equity_price where symbol = 'S42' and date between '2022-01-01' and '2022-12-31' $q$),
           'strict $.**?(@."Relation Name" == "equity_quotes_default")."Node Type"') #>> '{}' $$,
    $$ values ('Index Only Scan') $$,
    'a closing-price series reads history (here its default partition) by an index-only scan of the version key'
);
-- no ETF rows in the fixture: whatever statistics earlier runs left on the
-- ETF tables, sequential scans are priced out, so one remains only where no
-- index can serve the range
set local enable_seqscan = off;
select is_empty(
    $$ select n from tests.plan_nodes($q$ select * from api.etf_price where symbol = 'S42' and date >= '2022-01-01' $q$) as n where n = 'Seq Scan' $$,
    'an ETF price range reads an index as well'
);

select * from finish();
rollback;
