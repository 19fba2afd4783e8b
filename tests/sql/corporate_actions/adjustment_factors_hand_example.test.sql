-- Adjustment factors of core.total_return_price against a hand computation
-- (docs/CORPORATE-ACTIONS.md): CRSP-style backward adjustment, and a split
-- that arrives after the prices re-adjusts the earlier prices at once.
--
-- Prices as traded (XYZ):  03-01 100, 03-04 102, 03-05 51, 03-06 52, 03-07 50
-- Split 2:1 ex 2024-03-05: prices before 03-05 × 1/2.
-- Dividend 1.02 ex 2024-03-06: previous close (03-05) 51: prices before
--   03-06 × (1 - 1.02 / 51) = 0.98.
--   date   split_f dividend_f split_adjusted  total_return
--   03-01  0.5     0.98       50              49       (100 × 0.5 × 0.98)
--   03-04  0.5     0.98       51              49.98    (102 × 0.5 × 0.98)
--   03-05  1       0.98       51              49.98    (51 × 0.98)
--   03-06  1       1          52              52       (the ex-date itself: not adjusted)
--   03-07  1       1          50              50
-- Before the split is known (dividend only): 03-04 split_adjusted 102,
--   total_return 102 × 0.98 = 99.96; 03-01 100 and 98.
begin;
\ir ../helpers/fixtures.psql
\ir ../fmp/fmp_fixtures.psql
select plan(6);

-- Setup: prices and the dividend (legacy answer), no split yet
select tests.land_fmp('fmp.equity_price', '/stable/historical-price-eod/full', '{"symbol": "XYZ"}', $$[
    {"symbol": "XYZ", "date": "2024-03-07", "open": 50, "high": 53, "low": 50, "close": 50, "volume": 1000},
    {"symbol": "XYZ", "date": "2024-03-06", "open": 52, "high": 53, "low": 50, "close": 52, "volume": 1000},
    {"symbol": "XYZ", "date": "2024-03-05", "open": 51, "high": 52, "low": 50, "close": 51, "volume": 1000},
    {"symbol": "XYZ", "date": "2024-03-04", "open": 102, "high": 103, "low": 100, "close": 102, "volume": 1000},
    {"symbol": "XYZ", "date": "2024-03-01", "open": 100, "high": 101, "low": 99, "close": 100, "volume": 1000}
]$$);
select * from ops.run_transform('equity_quotes');
select tests.land_fmp('fmp.equity_dividend', '/api/v3/historical-price-full/stock_dividend/XYZ', '{"symbol": "XYZ"}', $${
    "symbol": "XYZ",
    "historical": [{"date": "2024-03-06", "label": "March 06, 24", "adjDividend": 1.02, "dividend": 1.02,
                    "recordDate": "2024-03-07", "paymentDate": "2024-03-20", "declarationDate": "2024-02-20"}]
}$$);
select * from ops.run_transform('equity_dividend');

-- Test
select results_eq(
    $$ select date, split_adjusted_close, total_return_close, basis from api.equity_price_adjusted where symbol = 'XYZ' order by date $$,
    $$ values
        (date '2024-03-01', 100.000000::numeric, 98.000000::numeric, 'adjusted'::text),
        (date '2024-03-04', 102, 99.960000, 'adjusted'),
        (date '2024-03-05', 51, 49.980000, 'adjusted'),
        (date '2024-03-06', 52, 52, 'adjusted'),
        (date '2024-03-07', 50, 50, 'adjusted') $$,
    'dividend only: prices before the ex-date × (1 - 1.02 / 51); the ex-date and later as traded'
);

-- the split arrives late
select tests.land_fmp('fmp.equity_split', '/stable/splits', '{"symbol": "XYZ"}',
    '[{"symbol": "XYZ", "date": "2024-03-05", "numerator": 2, "denominator": 1}]');
select * from ops.run_transform('equity_split');

select results_eq(
    $$ select date, close, split_adjusted_close, total_return_close from api.equity_price_adjusted where symbol = 'XYZ' order by date $$,
    $$ values
        (date '2024-03-01', 100::numeric, 50.000000::numeric, 49.000000::numeric),
        (date '2024-03-04', 102, 51, 49.980000),
        (date '2024-03-05', 51, 51, 49.980000),
        (date '2024-03-06', 52, 52, 52),
        (date '2024-03-07', 50, 50, 50) $$,
    'a late 2:1 split re-adjusts every earlier price: before 03-05 halved, dividend factor kept'
);
select results_eq(
    $$ select date, round(split_factor::numeric, 12), round(dividend_factor::numeric, 12)
       from api.equity_price_adjusted where symbol = 'XYZ' order by date $$,
    $$ values
        (date '2024-03-01', 0.5::numeric, 0.98::numeric),
        (date '2024-03-04', 0.5, 0.98),
        (date '2024-03-05', 1, 0.98),
        (date '2024-03-06', 1, 1),
        (date '2024-03-07', 1, 1) $$,
    'the cumulative factors are the hand products'
);
select results_eq(
    $$ select action, date, previous_date, previous_close, split_event_factor, round(dividend_event_factor::numeric, 12)
       from core.price_adjustment_event where symbol = 'XYZ' order by date $$,
    $$ values
        ('split'::text, date '2024-03-05', null::date, null::numeric, 0.5::double precision, null::numeric),
        ('dividend', date '2024-03-06', date '2024-03-05', 51::numeric, null, 0.98) $$,
    'each event''s own factor: 1/2 for the split, 1 - 1.02 / 51 with the close of the session before the ex-date'
);

-- a corrected dividend (a new version) re-adjusts too: 2.04 → 1 - 2.04 / 51 = 0.96
select tests.land_fmp('fmp.equity_dividend', '/stable/dividends', '{"symbol": "XYZ"}', $$[
    {"symbol": "XYZ", "date": "2024-03-06", "recordDate": "2024-03-07", "paymentDate": "2024-03-20", "declarationDate": "2024-02-20",
     "adjDividend": 2.04, "dividend": 2.04, "yield": 4.1, "frequency": "Quarterly"}
]$$);
select * from ops.run_transform('equity_dividend');
select results_eq(
    $$ select total_return_close from api.equity_price_adjusted where symbol = 'XYZ' and date = '2024-03-01' $$,
    $$ values (48.000000::numeric) $$,
    'a corrected dividend re-adjusts: 100 × 0.5 × 0.96 = 48'
);

-- core.total_return_price covers ETFs too; a symbol without actions is unadjusted
select tests.land_fmp('fmp.etf_price', '/stable/historical-price-eod/full', '{"symbol": "ETFX"}', $$[
    {"symbol": "ETFX", "date": "2024-03-04", "open": 10, "high": 11, "low": 9, "close": 10.5, "volume": 1000}
]$$);
select * from ops.run_transform('etfs_quotes');
select results_eq(
    $$ select kind, close, total_return_close, basis from core.total_return_price where symbol = 'ETFX' $$,
    $$ values ('etf'::text, 10.5::numeric, 10.500000::numeric, 'unadjusted'::text) $$,
    'an ETF''s prices are in core.total_return_price; without any action its closes are as traded'
);

select * from finish();
rollback;
