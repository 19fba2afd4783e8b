-- A net margin of 15.5 in a fraction column (1550 %) next to a history of
-- 0.14 .. 0.16 is proposed as 0.155 and not applied; approved, it becomes a
-- new version (data_version 2) with the corrected value and lineage to the
-- correction, the original staying in history; a reload of the same vendor
-- record adds nothing; rolled back, a third version restores 15.5 as latest.
begin;
\ir ../helpers/fixtures.psql
\ir ../fmp/fmp_fixtures.psql
\ir corrections_fixtures.psql
select plan(16);

-- Setup
select tests.land_ratios('ACME', $$[
    {"symbol": "ACME", "date": "2024-09-28", "period": "Q4", "netProfitMargin": 15.5, "currentRatio": 1.2},
    {"symbol": "ACME", "date": "2024-06-29", "period": "Q3", "netProfitMargin": 0.16, "currentRatio": 1.1},
    {"symbol": "ACME", "date": "2024-03-30", "period": "Q2", "netProfitMargin": 0.14, "currentRatio": 1.0},
    {"symbol": "ACME", "date": "2023-12-30", "period": "Q1", "netProfitMargin": 0.15, "currentRatio": 0.9}
]$$);
select results_eq(
    $$ select table_name, batches, proposed::integer from ops.check_quality() $$,
    $$ values ('core.equity_ratios'::text, 1, 1) $$,
    'the check looks at the new batch and proposes one correction'
);

-- Test: proposed, not applied
select results_eq(
    $$ select "table", key, "column", data_version, old_value, new_value, factor, state, history_median, history_count
       from ops.correction $$,
    $$ values ('core.equity_ratios'::text, '{"symbol": "ACME", "period": "Q4", "date": "2024-09-28"}'::jsonb,
               'net_profit_margin'::text, 1, 15.5::numeric, 0.155::numeric, 0.01::numeric, 'proposed'::text, 0.15::numeric, 3) $$,
    'the 100x-off value is proposed x 0.01 (0.155), judged against the median 0.15 of its 3 other periods'
);
select ok(
    (select reason like '%outside [-10, 1]%median 0.15%' from ops.correction),
    'the reason names the range and the history'
);
select results_eq(
    $$ select data_version, net_profit_margin from core.equity_ratios where symbol = 'ACME' and period = 'Q4' $$,
    $$ values (1, 15.5::numeric) $$,
    'proposed is not applied: one version, the vendor''s value'
);
select is(
    (select count(*)::integer from ops.quality_issue where rule = 'out_of_range' and field = 'net_profit_margin' and raw_value = '15.5'),
    1,
    'the out-of-range value is flagged as well'
);
select is(
    (select count(*)::integer from ops.correction where key ->> 'period' <> 'Q4'),
    0,
    'values in range are not touched: no correction for the other periods'
);

-- Test: approved
select results_eq(
    $$ select id::integer, outcome, applied_version from ops.apply_corrections(array(select id from ops.correction), 'tester') $$,
    $$ select id::integer, 'approved'::text, 2 from ops.correction $$,
    'approval writes version 2'
);
select results_eq(
    $$ select data_version, net_profit_margin, current_ratio, correction_id, batch_id from core.equity_ratios
       where symbol = 'ACME' and period = 'Q4' order by data_version $$,
    $$ select 1, 15.5::numeric, 1.2::numeric, null::bigint, (select min(batch_id) from raw.batch)
       union all select 2, 0.155, 1.2, (select id from ops.correction), (select min(batch_id) from raw.batch) $$,
    'version 2 has the corrected value, the other columns, the raw lineage and the correction id; version 1 keeps the original'
);
select results_eq(
    $$ select data_version, net_profit_margin from core.equity_ratios_latest where symbol = 'ACME' and period = 'Q4' $$,
    $$ values (2, 0.155::numeric) $$,
    'the latest is the corrected version'
);
select results_eq(
    $$ select state, decided_by, applied_version from ops.correction $$,
    $$ values ('approved'::text, 'tester'::text, 2) $$,
    'the correction records who approved it and the version it wrote'
);
select is(
    (select count(*)::integer from core.equity_ratios where symbol = 'ACME' and period in ('Q1', 'Q2', 'Q3') and data_version > 1),
    0,
    'only the named value of the named key changed: no other period got a version'
);

-- Test: the same vendor answer landed again adds nothing
select tests.land_ratios('ACME', $$[
    {"symbol": "ACME", "date": "2024-09-28", "period": "Q4", "netProfitMargin": 15.5, "currentRatio": 1.2},
    {"symbol": "ACME", "date": "2024-06-29", "period": "Q3", "netProfitMargin": 0.16, "currentRatio": 1.1},
    {"symbol": "ACME", "date": "2024-03-30", "period": "Q2", "netProfitMargin": 0.14, "currentRatio": 1.0},
    {"symbol": "ACME", "date": "2023-12-30", "period": "Q1", "netProfitMargin": 0.15, "currentRatio": 0.9}
]$$);
select is(
    (select max(data_version) from core.equity_ratios_latest where symbol = 'ACME' and period = 'Q4'),
    2,
    'reloading the same vendor record adds no version: the correction stays latest'
);

-- Test: approving twice does nothing
select results_eq(
    $$ select outcome from ops.apply_corrections(array(select id from ops.correction), 'tester') $$,
    $$ values ('not applied: the correction is approved'::text) $$,
    'an applied correction is not applied again'
);

-- Test: rolled back
select results_eq(
    $$ select outcome, rolled_back_version from ops.rollback_correction((select id from ops.correction), 'tester') $$,
    $$ values ('rolled_back'::text, 3) $$,
    'rollback writes version 3'
);
select results_eq(
    $$ select data_version, net_profit_margin, correction_id from core.equity_ratios_latest where symbol = 'ACME' and period = 'Q4' $$,
    $$ select 3, 15.5::numeric, id from ops.correction $$,
    'the original value is back as the latest, with lineage to the rolled-back correction'
);
select results_eq(
    $$ select state, rolled_back_by, (select count(*)::integer from core.equity_ratios where symbol = 'ACME' and period = 'Q4')
       from ops.correction $$,
    $$ values ('rolled_back'::text, 'tester'::text, 3) $$,
    'the correction is rolled_back and all three versions stay in history'
);

select * from finish();
rollback;
