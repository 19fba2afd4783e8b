-- A rebuild from raw (sra transform --rebuild) writes the vendor's versions
-- again; an approved correction is then written again on top of them, with
-- its lineage, so the latest value is the corrected one as before the
-- rebuild, also a second correction of the same record; the rebuilt batches
-- are checked again. A rolled-back correction is not replayed, and a key
-- whose vendor value moved on keeps the vendor's value.
begin;
\ir ../helpers/fixtures.psql
\ir ../fmp/fmp_fixtures.psql
\ir corrections_fixtures.psql
select plan(8);

-- Setup: ACME Q4 net margin 1550 % and gross margin 4200 % (both approved),
-- BETA Q4 1480 % (approved, then rolled back)
select tests.land_ratios('ACME', $$[
    {"symbol": "ACME", "date": "2024-09-28", "period": "Q4", "netProfitMargin": 15.5, "grossProfitMargin": 42.0, "currentRatio": 1.2},
    {"symbol": "ACME", "date": "2024-06-29", "period": "Q3", "netProfitMargin": 0.16, "grossProfitMargin": 0.43, "currentRatio": 1.1},
    {"symbol": "ACME", "date": "2024-03-30", "period": "Q2", "netProfitMargin": 0.14, "grossProfitMargin": 0.41, "currentRatio": 1.0},
    {"symbol": "ACME", "date": "2023-12-30", "period": "Q1", "netProfitMargin": 0.15, "grossProfitMargin": 0.42, "currentRatio": 0.9}
]$$);
select tests.land_ratios('BETA', $$[
    {"symbol": "BETA", "date": "2024-09-28", "period": "Q4", "netProfitMargin": 14.8, "currentRatio": 1.2},
    {"symbol": "BETA", "date": "2024-06-29", "period": "Q3", "netProfitMargin": 0.15, "currentRatio": 1.1},
    {"symbol": "BETA", "date": "2024-03-30", "period": "Q2", "netProfitMargin": 0.14, "currentRatio": 1.0},
    {"symbol": "BETA", "date": "2023-12-30", "period": "Q1", "netProfitMargin": 0.15, "currentRatio": 0.9}
]$$);
select ops.check_quality();
select count(*) from ops.apply_corrections(array(select id from ops.correction order by id), 'tester');
select count(*) from ops.rollback_correction((select id from ops.correction where key ->> 'symbol' = 'BETA'), 'tester');
create temp table before_rebuild on commit drop as
select symbol, period, date, net_profit_margin, gross_profit_margin, current_ratio from core.equity_ratios_latest;

-- Test
select results_eq(
    $$ select symbol collate "default", net_profit_margin from core.equity_ratios_latest where period = 'Q4' order by symbol $$,
    $$ values ('ACME'::text, 0.155::numeric), ('BETA', 14.8) $$,
    'before the rebuild: ACME corrected, BETA rolled back to the vendor''s value'
);
select count(*) from ops.rebuild_transform('equity_ratios');
select results_eq(
    $$ select symbol collate "default", net_profit_margin, gross_profit_margin, correction_id is not null
       from core.equity_ratios_latest where period = 'Q4' order by symbol $$,
    $$ values ('ACME'::text, 0.155::numeric, 0.42::numeric, true), ('BETA', 14.8, null, false) $$,
    'after the rebuild: both approved corrections of ACME Q4 are the latest again, with their lineage; the rolled-back one is not replayed'
);
select set_eq(
    $$ select symbol, period, date, net_profit_margin, gross_profit_margin, current_ratio from core.equity_ratios_latest $$,
    $$ select * from before_rebuild $$,
    'the latest ratios read as before the rebuild'
);
select results_eq(
    $$ select h.data_version, h.correction_id, (h.net_profit_margin = 0.155)::integer + (h.gross_profit_margin = 0.42)::integer
       from core.equity_ratios as h where h.symbol = 'ACME' and h.period = 'Q4' order by h.data_version $$,
    $$ select 1, null::bigint, 0
       union all
       select (1 + row_number() over (order by c.id))::integer, c.id, (row_number() over (order by c.id))::integer
       from ops.correction as c where c.key ->> 'symbol' = 'ACME' $$,
    'history after the rebuild: the vendor''s record, then one version per correction in the order they were made, each adding its corrected value'
);
select results_eq(
    $$ select c.applied_version from ops.correction as c where c.key ->> 'symbol' = 'ACME' order by c.id $$,
    $$ values (2), (3) $$,
    'each correction''s applied_version names the version written again'
);
select results_eq(
    $$ select batches from ops.check_quality() where table_name = 'core.equity_ratios' $$,
    $$ values (2) $$,
    'the rebuilt batches are checked again'
);
select ok(
    exists (select 1 from ops.quality_issue where transform_name = 'equity_ratios' and rule = 'out_of_range' and raw_value = '15.5'),
    'the out-of-range value is flagged again after the rebuild'
);

-- a newer vendor value for ACME Q4, then a rebuild: the vendor's newer value stays
select tests.land_ratios('ACME', $$[
    {"symbol": "ACME", "date": "2024-09-28", "period": "Q4", "netProfitMargin": 0.152, "currentRatio": 1.2}
]$$);
select count(*) from ops.rebuild_transform('equity_ratios');
select results_eq(
    $$ select net_profit_margin, correction_id is null from core.equity_ratios_latest where symbol = 'ACME' and period = 'Q4' $$,
    $$ values (0.152::numeric, true) $$,
    'a key whose vendor value moved on keeps the vendor''s newer value after a rebuild'
);

select * from finish();
rollback;
