-- An operator rule (ops.correction_rule auto_approve) applies the proposals
-- of its table and column at once (state auto_approved, a new version);
-- proposals of other columns wait for approval.
begin;
\ir ../helpers/fixtures.psql
\ir ../fmp/fmp_fixtures.psql
\ir corrections_fixtures.psql
select plan(4);

-- Setup
insert into ops.correction_rule ("table", "column", auto_approve, note)
values ('core.equity_ratios', 'gross_profit_margin', true, 'test: gross margins are always fractions');
select tests.land_ratios('AUTO', $$[
    {"symbol": "AUTO", "date": "2024-09-30", "period": "Q3", "grossProfitMargin": 46, "netProfitMargin": 24},
    {"symbol": "AUTO", "date": "2024-06-30", "period": "Q2", "grossProfitMargin": 0.45, "netProfitMargin": 0.23},
    {"symbol": "AUTO", "date": "2024-03-31", "period": "Q1", "grossProfitMargin": 0.47, "netProfitMargin": 0.25}
]$$);
select * from ops.check_quality();

-- Test
select results_eq(
    $$ select "column", state, decided_by, applied_version from ops.correction order by "column" $$,
    $$ values ('gross_profit_margin'::text, 'auto_approved'::text, 'rule'::text, 2),
              ('net_profit_margin', 'proposed', null, null) $$,
    'the rule''s column is auto-approved, the other waits'
);
select results_eq(
    $$ select data_version, gross_profit_margin, net_profit_margin from core.equity_ratios
       where symbol = 'AUTO' and period = 'Q3' order by data_version $$,
    $$ values (1, 46::numeric, 24::numeric), (2, 0.46, 24) $$,
    'the auto-approved correction wrote version 2, changing only its column'
);
-- approving the waiting one builds on the auto-approved version
select results_eq(
    $$ select outcome, applied_version from ops.apply_corrections(array(select id from ops.correction where state = 'proposed'), 'tester') $$,
    $$ values ('approved'::text, 3) $$,
    'a second correction of the same key builds on the first'
);

select results_eq(
    $$ select gross_profit_margin, net_profit_margin, correction_id from core.equity_ratios_latest where symbol = 'AUTO' and period = 'Q3' $$,
    $$ select 0.46::numeric, 0.24::numeric, id from ops.correction where "column" = 'net_profit_margin' $$,
    'the latest carries both corrections; the other periods are untouched'
);

select * from finish();
rollback;
