-- The quality score, by hand. One ratios batch:
--   ONE Q3: netProfitMargin 0.1, priceToEarningsRatio 5000 (out of range), currentRatio 1.2
--   ONE Q2: netProfitMargin "abc" (does not type), currentRatio 2
--   ONE (no date: quarantined) counts every metric column of core.equity_ratios
--   TWO Q3: netProfitMargin 0.2
-- ONE: typed 4 (0.1, 5000, 1.2, 2), out of range 1, untyped 1, quarantined
--      37 (the metric columns of core.equity_ratios) -> checked 4 + 1 + 37 = 42,
--      passed 4 - 1 = 3, score 3 / 42 = 0.0714
-- TWO: checked 1, passed 1, score 1
-- batch: checked 43, passed 4, score 4 / 43 = 0.0930
begin;
\ir ../helpers/fixtures.psql
\ir ../fmp/fmp_fixtures.psql
\ir corrections_fixtures.psql
select plan(5);

-- Setup
select tests.land_ratios('ONE', $$[
    {"symbol": "ONE", "date": "2024-09-30", "period": "Q3", "netProfitMargin": 0.1, "priceToEarningsRatio": 5000, "currentRatio": 1.2},
    {"symbol": "ONE", "date": "2024-06-30", "period": "Q2", "netProfitMargin": "abc", "currentRatio": 2},
    {"symbol": "ONE", "period": "Q1", "netProfitMargin": 0.1},
    {"symbol": "TWO", "date": "2024-09-30", "period": "Q3", "netProfitMargin": 0.2}
]$$);
set local role sra_transformer;
select * from ops.check_quality();
reset role;

-- Test
select is(
    (select count(*)::integer from ops.metric_range where "table" = 'core.equity_ratios'),
    37,
    'core.equity_ratios has 37 metric columns (the quarantine weight used above)'
);
select results_eq(
    $$ select subject, values_checked, values_passed, values_untyped, values_out_of_range, values_quarantined, score
       from api.data_quality where scope = 'symbol' order by subject $$,
    $$ values ('ONE'::text, 42::bigint, 3::bigint, 1::bigint, 1::bigint, 37::bigint, 0.0714::numeric),
              ('TWO', 1, 1, 0, 0, 0, 1.0000) $$,
    'per symbol: ONE 3 / 42, TWO 1 / 1'
);
select results_eq(
    $$ select values_checked, values_passed, score, table_name, dataset from api.data_quality where scope = 'batch' $$,
    $$ values (43::bigint, 4::bigint, 0.0930::numeric, 'core.equity_ratios'::text, 'fmp.ratios'::text) $$,
    'per batch: 4 / 43'
);
select is(
    (select count(*)::integer from ops.quality_score),
    2,
    'the history keeps one row per batch, table and symbol'
);
select ok(has_table_privilege('sra_reader', 'api.data_quality', 'select'), 'the client role reads api.data_quality');

select * from finish();
rollback;
