-- A vendor unit change recorded as a cutover (ops.unit_cutover: values before
-- from_date read x factor) makes history before and after read alike: a
-- dividend yield percentage that came as a fraction before 2024 and in
-- percent since is not proposed for rescaling; without the cutover the same
-- data is.
begin;
\ir ../helpers/fixtures.psql
\ir ../fmp/fmp_fixtures.psql
\ir corrections_fixtures.psql
select plan(5);

-- Setup: 2023 as a fraction, 2024 in percent
select tests.land_ratios('UNIT', $$[
    {"symbol": "UNIT", "date": "2024-03-31", "period": "Q1", "dividendYieldPercentage": 1.6},
    {"symbol": "UNIT", "date": "2023-12-31", "period": "Q4", "dividendYieldPercentage": 0.015},
    {"symbol": "UNIT", "date": "2023-09-30", "period": "Q3", "dividendYieldPercentage": 0.016},
    {"symbol": "UNIT", "date": "2023-06-30", "period": "Q2", "dividendYieldPercentage": 0.014}
]$$);

-- Test: without the cutover
select * from ops.check_quality();
select results_eq(
    $$ select key ->> 'date', new_value from ops.correction $$,
    $$ values ('2024-03-31'::text, 0.016::numeric) $$,
    'without a cutover the new percent looks 100x too large against the fraction history'
);
select is(
    (select count(*)::integer from ops.quality_issue where rule = 'out_of_range'),
    0,
    'every value is within the percent range [0, 25]: only the history tells'
);

-- Test: with the cutover, checked again
delete from ops.correction;
delete from ops.quality_issue where rule = 'out_of_range';
delete from ops.quality_check_batch;
delete from ops.quality_score;
insert into ops.unit_cutover ("table", "column", from_date, factor, note)
values ('core.equity_ratios', 'dividend_yield_percentage', '2024-01-01', 100, 'test: a fraction before 2024, percent since');
select * from ops.check_quality();
select is((select count(*)::integer from ops.correction), 0, 'with the cutover nothing is proposed');
select is((select count(*)::integer from ops.quality_score), 1, 'the batch is scored again');
select results_eq(
    $$ select key ->> 'date', value, value_in_unit from ops.metric_value_in_unit('core.equity_ratios')
       where "column" = 'dividend_yield_percentage' order by 1 $$,
    $$ values ('2023-06-30'::text, 0.014::numeric, 1.4::numeric), ('2023-09-30', 0.016, 1.6), ('2023-12-31', 0.015, 1.5),
              ('2024-03-31', 1.6, 1.6) $$,
    'ops.metric_value_in_unit reads the history in today''s unit'
);

select * from finish();
rollback;
