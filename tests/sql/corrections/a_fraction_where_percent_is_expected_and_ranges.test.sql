-- A dividend yield of 0.155 in a percent column (dividendYieldPercentage)
-- next to a history of 15.2 .. 15.8 is proposed x 100; an out-of-range P/E
-- is flagged (table, key, column, value, range) and kept, never corrected; a
-- value in range is not touched.
begin;
\ir ../helpers/fixtures.psql
\ir ../fmp/fmp_fixtures.psql
\ir corrections_fixtures.psql
select plan(7);

-- Setup
select tests.land_ratios('HIYD', $$[
    {"symbol": "HIYD", "date": "2024-09-30", "period": "Q3", "dividendYieldPercentage": 0.155, "priceToEarningsRatio": 5000, "netProfitMargin": 0.21},
    {"symbol": "HIYD", "date": "2024-06-30", "period": "Q2", "dividendYieldPercentage": 15.2, "priceToEarningsRatio": 11, "netProfitMargin": 0.2},
    {"symbol": "HIYD", "date": "2024-03-31", "period": "Q1", "dividendYieldPercentage": 15.8, "priceToEarningsRatio": 12, "netProfitMargin": 0.2},
    {"symbol": "HIYD", "date": "2023-12-31", "period": "Q4", "dividendYieldPercentage": 15.5, "priceToEarningsRatio": 10, "netProfitMargin": 0.19}
]$$);
select * from ops.check_quality();

-- Test
select results_eq(
    $$ select key ->> 'date', "column", old_value, new_value, factor, state from ops.correction $$,
    $$ values ('2024-09-30'::text, 'dividend_yield_percentage'::text, 0.155::numeric, 15.5::numeric, 100::numeric, 'proposed'::text) $$,
    'the percent value 100x too small is proposed x 100, and nothing else is'
);
select ok(
    (select reason like '%1/100.0 of its history median%' from ops.correction),
    'in range, it is judged by the company''s history: 1/100 of its median'
);
select results_eq(
    $$ select rule, field, raw_value, identifier, detail from ops.quality_issue where rule = 'out_of_range' $$,
    $$ values ('out_of_range'::text, 'price_to_earnings_ratio'::text, '5000'::text, 'HIYD'::text,
        'core.equity_ratios {"date": "2024-09-30", "period": "Q3", "symbol": "HIYD"}: price_to_earnings_ratio = 5000 is outside [-1000, 1000] (ratio)'::text) $$,
    'the out-of-range P/E is flagged with table, key, column, value and range'
);
select is(
    (select price_to_earnings_ratio from core.equity_ratios_latest where symbol = 'HIYD' and period = 'Q3'),
    5000::numeric,
    'and kept: flagged, not dropped'
);
select is(
    (select count(*)::integer from ops.correction where "column" = 'price_to_earnings_ratio'),
    0,
    'a ratio multiple is never rescaled'
);
select results_eq(
    $$ select net_profit_margin, data_version from core.equity_ratios_latest where symbol = 'HIYD' order by date $$,
    $$ values (0.19::numeric, 1), (0.2, 1), (0.2, 1), (0.21, 1) $$,
    'values in range are untouched'
);
select is(
    (select count(*)::integer from ops.check_quality()),
    0,
    'a second check finds nothing new: each batch is checked once'
);

select * from finish();
rollback;
