-- agg.equity_ohlcv_weekly / _monthly: per symbol, the open of the first
-- trading day, the highest high, the lowest low, the close of the last day and
-- the total volume, from the latest version of each day in core.equity_quotes;
-- refreshed incrementally, always equal to a full recomputation.
begin;
\ir ../helpers/fixtures.psql
\ir ../fmp/fmp_fixtures.psql
select plan(6);

-- Setup: Thursday 2024-02-29 to Tuesday 2024-03-05 (weeks start Monday 02-26 and 03-04)
select tests.land_fmp('fmp.equity_price', '/stable/historical-price-eod/full', '{"symbol": "XYZ"}', $$[
    {"symbol": "XYZ", "date": "2024-03-05", "open": 106, "high": 108, "low": 105, "close": 107, "volume": 500},
    {"symbol": "XYZ", "date": "2024-03-04", "open": 104, "high": 106, "low": 103, "close": 105, "volume": 400},
    {"symbol": "XYZ", "date": "2024-03-01", "open": 102, "high": 104, "low": 101, "close": 103, "volume": 300},
    {"symbol": "XYZ", "date": "2024-02-29", "open": 100, "high": 102, "low": 99,  "close": 101, "volume": 200}
]$$);
select * from ops.run_transform('equity_quotes');
select * from agg.refresh();

-- Test
select results_eq(
    $$ select symbol, week_start_date, first_date, last_date, open, high, low, close, volume, trading_days
       from agg.equity_ohlcv_weekly order by week_start_date $$,
    $$ values
        ('XYZ'::text, date '2024-02-26', date '2024-02-29', date '2024-03-01', 100::numeric, 104::numeric, 99::numeric, 103::numeric, 500::numeric, 2),
        ('XYZ', date '2024-03-04', date '2024-03-04', date '2024-03-05', 104, 108, 103, 107, 900, 2) $$,
    'weekly OHLCV: Monday-start weeks across a month end'
);
select results_eq(
    $$ select symbol, month_start_date, open, high, low, close, volume, trading_days
       from agg.equity_ohlcv_monthly order by month_start_date $$,
    $$ values
        ('XYZ'::text, date '2024-02-01', 100::numeric, 102::numeric, 99::numeric, 101::numeric, 200::numeric, 1),
        ('XYZ', date '2024-03-01', 102, 108, 101, 107, 1200, 3) $$,
    'monthly OHLCV: calendar months'
);

-- FMP restates 2024-03-05 (a new version) and adds 2024-03-06
select tests.land_fmp('fmp.equity_price', '/stable/historical-price-eod/full', '{"symbol": "XYZ"}', $$[
    {"symbol": "XYZ", "date": "2024-03-06", "open": 107, "high": 110, "low": 106, "close": 109, "volume": 600},
    {"symbol": "XYZ", "date": "2024-03-05", "open": 106, "high": 108, "low": 105, "close": 107.5, "volume": 550}
]$$);
select * from ops.run_transform('equity_quotes');
create temp table second as select * from agg.refresh();

select results_eq(
    $$ select aggregate_name, buckets from second where aggregate_name like 'equity_ohlcv_%' order by 1 $$,
    $$ values ('equity_ohlcv_monthly'::text, 1), ('equity_ohlcv_weekly', 1) $$,
    'the new batch touched one week and one month: only those are recomputed'
);
select results_eq(
    $$ select close, volume, trading_days from agg.equity_ohlcv_weekly where week_start_date = '2024-03-04' $$,
    $$ values (109::numeric, 1550::numeric, 3) $$,
    'the week takes the restated day''s latest version and the new day'
);

create temp table weekly as select * from agg.equity_ohlcv_weekly;
create temp table monthly as select * from agg.equity_ohlcv_monthly;
select * from agg.refresh(true);
select set_eq($$ select * from weekly $$, $$ select * from agg.equity_ohlcv_weekly $$,
    'the incremental weekly OHLCV equals a full recomputation');
select set_eq($$ select * from monthly $$, $$ select * from agg.equity_ohlcv_monthly $$,
    'the incremental monthly OHLCV equals a full recomputation');

select * from finish();
rollback;
