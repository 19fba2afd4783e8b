-- api.equity_latest_price and api.etf_latest_price: one row per symbol, its
-- newest trading date's latest version, equal to a recompute from history in
-- every column, read by key from one table (the newest date per symbol and
-- that day's values are stored by the price transforms:
-- core.<table>_current_date); an older window landed later never moves the
-- newest date back; a corrected newest day shows its correction.
begin;
\ir ../helpers/fixtures.psql
\ir ../fmp/fmp_fixtures.psql
select plan(8);

-- Setup: two windows of AAPL (the second older, landed later), MSFT, an ETF, and a correction
select tests.land_fmp('fmp.equity_price', '/stable/historical-price-eod/full', '{"symbol": "AAPL"}', $$[
    {"symbol": "AAPL", "date": "2024-01-04", "open": 182, "high": 183, "low": 180, "close": 181.91, "volume": 1},
    {"symbol": "AAPL", "date": "2024-01-03", "open": 184, "high": 185, "low": 183, "close": 184.25, "volume": 1},
    {"symbol": "MSFT", "date": "2023-12-29", "open": 375, "high": 377, "low": 373, "close": 376.04, "volume": 1}
]$$);
select * from ops.run_transform('equity_quotes');
select tests.land_fmp('fmp.equity_price', '/stable/historical-price-eod/full', '{"symbol": "AAPL"}', $$[
    {"symbol": "AAPL", "date": "2024-01-02", "open": 187, "high": 188, "low": 183, "close": 185.64, "volume": 1},
    {"symbol": "MSFT", "date": "2023-12-29", "open": 375, "high": 377, "low": 373, "close": 376.10, "volume": 1}
]$$);
select * from ops.run_transform('equity_quotes');
select tests.land_fmp('fmp.etf_price', '/stable/historical-price-eod/full', '{"symbol": "SPY"}', $$[
    {"symbol": "SPY", "date": "2024-01-04", "open": 470, "high": 471, "low": 468, "close": 467.28, "volume": 1}
]$$);
select * from ops.run_transform('etfs_quotes');

-- Test
select results_eq(
    $$ select symbol collate "default", date, close, data_version from api.equity_latest_price order by symbol $$,
    $$ values ('AAPL'::text, date '2024-01-04', 181.91::numeric, 1), ('MSFT', date '2023-12-29', 376.10, 2) $$,
    'each symbol''s newest day, its latest version (MSFT corrected); the older window landed later changes nothing'
);
select set_eq(
    $$ select symbol, date, open, high, low, close, adj_close, volume, unadjusted_volume, change, change_percent, vwap,
           data_version, api_version, updated_at
       from api.equity_latest_price $$,
    $$ select distinct on (symbol) symbol, date, open, high, low, close, adj_close, volume, unadjusted_volume, change,
           change_percent, vwap, data_version, api_version, updated_at
       from api.equity_price order by symbol, date desc $$,
    'api.equity_latest_price equals the newest day of api.equity_price, every column'
);
select set_eq(
    $$ select symbol, date, open, high, low, close, adj_close, volume, unadjusted_volume, change, change_percent, vwap,
           data_version, api_version, updated_at
       from api.etf_latest_price $$,
    $$ select distinct on (symbol) symbol, date, open, high, low, close, adj_close, volume, unadjusted_volume, change,
           change_percent, vwap, data_version, api_version, updated_at
       from api.etf_price order by symbol, date desc $$,
    'api.etf_latest_price equals the newest day of api.etf_price, every column'
);
select results_eq(
    $$ select symbol collate "default", date, close from api.etf_latest_price $$,
    $$ values ('SPY'::text, date '2024-01-04', 467.28::numeric) $$,
    'api.etf_latest_price: the ETF''s newest day'
);
-- a handful of fixture rows: whatever statistics earlier runs left on the
-- tables, the question is whether an index serves the lookup, so sequential
-- scans are priced out (one remains only where no index can serve)
set local enable_seqscan = off;
select is_empty(
    $$ select n from tests.plan_nodes($q$ select * from api.equity_latest_price where symbol = 'AAPL' $q$) as n
       where n = 'Seq Scan' $$,
    'the latest price of one symbol scans no table (its only sort is of that one day''s rows)'
);
select is(
    (select array_agg(distinct i) from tests.plan_indexes($q$ select * from api.equity_latest_price where symbol = 'AAPL' $q$) as i),
    array['equity_quotes_current_date_pkey'],
    'it reads the symbol''s stored latest by key, and nothing of history'
);
-- a corrected newest day (a new version of AAPL 2024-01-04) replaces the stored values
select tests.land_fmp('fmp.equity_price', '/stable/historical-price-eod/full', '{"symbol": "AAPL"}', $$[
    {"symbol": "AAPL", "date": "2024-01-04", "open": 182, "high": 183.5, "low": 180, "close": 182.00, "volume": 2}
]$$);
select * from ops.run_transform('equity_quotes');
select results_eq(
    $$ select date, high, close, volume, data_version from api.equity_latest_price where symbol = 'AAPL' $$,
    $$ values (date '2024-01-04', 183.5::numeric, 182.00::numeric, 2::bigint, 2) $$,
    'a new version of the newest day replaces its stored values'
);
select set_eq(
    $$ select symbol, date from core.equity_quotes_current_date $$,
    $$ select symbol, max(date) from core.equity_quotes_current group by symbol $$,
    'core.equity_quotes_current_date holds the newest date of each symbol'
);

select * from finish();
rollback;
