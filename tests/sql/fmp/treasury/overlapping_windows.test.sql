-- core.treasury: one row per date; overlapping date windows add nothing for
-- the days already loaded; a revised day is version 2; api.treasury_rate
-- has one row per date.
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(5);

-- Setup: two windows overlapping on 2024-01-03
select tests.land_fmp('fmp.treasury', '/api/v4/treasury', '{"from": "2024-01-02", "to": "2024-01-03"}', $$[
    {"date": "2024-01-03", "month1": 5.54, "month2": 5.5, "month3": 5.48, "month6": 5.28, "year1": 4.84, "year2": 4.33,
     "year3": 4.09, "year5": 3.94, "year7": 3.95, "year10": 3.91, "year20": 4.19, "year30": 4.05},
    {"date": "2024-01-02", "month1": 5.55, "month2": 5.54, "month3": 5.46, "month6": 5.24, "year1": 4.8, "year2": 4.33,
     "year3": 4.09, "year5": 3.93, "year7": 3.95, "year10": 3.95, "year20": 4.25, "year30": 4.08}
]$$);
select tests.land_fmp('fmp.treasury', '/stable/treasury-rates', '{"from": "2024-01-03", "to": "2024-01-04"}', $$[
    {"date": "2024-01-04", "month1": 5.55, "month2": 5.5, "month3": 5.48, "month6": 5.28, "year1": 4.86, "year2": 4.38,
     "year3": 4.15, "year5": 4.01, "year7": 4.03, "year10": 3.99, "year20": 4.27, "year30": 4.13},
    {"date": "2024-01-03", "month1": 5.54, "month2": 5.5, "month3": 5.48, "month6": 5.28, "year1": 4.84, "year2": 4.33,
     "year3": 4.09, "year5": 3.94, "year7": 3.95, "year10": 3.91, "year20": 4.19, "year30": 4.05}
]$$);

-- Test
select results_eq(
    $$ select rows_in, rows_out from ops.run_transform('treasury') $$,
    $$ values (4::bigint, 3::bigint) $$,
    'two overlapping windows in one run write each of the three days once'
);
select results_eq(
    $$ select date, month1, year10, year30, data_version from api.treasury_rate order by date $$,
    $$ values (date '2024-01-02', 5.55::numeric, 3.95::numeric, 4.08::numeric, 1),
              (date '2024-01-03', 5.54, 3.91, 4.05, 1),
              (date '2024-01-04', 5.55, 3.99, 4.13, 1) $$,
    'api.treasury_rate: one row per date, yields in percent'
);

-- FMP revises 2024-01-04
select tests.land_fmp('fmp.treasury', '/stable/treasury-rates', '{"from": "2024-01-04", "to": "2024-01-04"}', $$[
    {"date": "2024-01-04", "month1": 5.55, "month2": 5.5, "month3": 5.48, "month6": 5.28, "year1": 4.86, "year2": 4.38,
     "year3": 4.15, "year5": 4.01, "year7": 4.03, "year10": 4.0, "year20": 4.27, "year30": 4.13}
]$$);
select results_eq(
    $$ select rows_out from ops.run_transform('treasury') $$,
    $$ values (1::bigint) $$,
    'a revised day writes one row'
);
select results_eq(
    $$ select year10, data_version from api.treasury_rate where date = '2024-01-04' $$,
    $$ values (4.0::numeric, 2) $$,
    'the revised day is version 2 and the view shows it'
);
select is_empty(
    $$ select date from api.treasury_rate group by date having count(*) > 1 $$,
    'api.treasury_rate has one row per date'
);

select * from finish();
rollback;
