-- fund/getyearlyperformance and benchmark/getyearlyperformance both feed
-- core.fundata_yearly_performance: one row per identifier and calendar year.
begin;
\ir ../../helpers/fixtures.psql
select plan(3);

-- Setup
select tests.land('fundata.fund_yearly_performance', $$[
    {"InstrumentKey": "412682", "Year": "2023", "Return": "11.405", "CategoryReturn": "9.875", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "412682", "Year": "2022", "Return": "-5.555", "CategoryReturn": "-6.125", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "412682", "Year": "", "Return": "1", "ChangeDate": "2024-01-16"}
]$$, 'fund-yearly.csv', 'api', 'csv_row');
select tests.land('fundata.benchmark_yearly_performance', $$[
    {"InstrumentKey": "900001", "Year": "2023", "Return": "11.755", "ChangeDate": "2024-01-16"}
]$$, 'benchmark-yearly.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_yearly_performance');

-- Test
select results_eq(
    $$
    select identifier collate "default", performance_year, annual_return, category_return
    from api.fund_yearly_performance order by identifier, performance_year
    $$,
    $$
    values
        ('412682'::text, 2022, -5.56::numeric(12, 2), -6.13::numeric(12, 2)),
        ('412682', 2023, 11.41, 9.88),
        ('900001', 2023, 11.76, null)
    $$,
    'funds and benchmarks, one row per identifier and year, returns rounded half away from zero'
);
select results_eq(
    $$ select reason from ops.quarantine where batch_id = tests.batch('fund-yearly.csv') $$,
    $$ values ('missing_performance_year'::text) $$,
    'a row without a year is quarantined'
);
select is_empty(
    $$ select identifier, performance_year from api.fund_yearly_performance group by identifier, performance_year having count(*) > 1 $$,
    'api.fund_yearly_performance has one row per identifier and year'
);

-- Finish
select * from finish();
rollback;
