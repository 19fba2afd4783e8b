-- API rows of fund/getperformancesummary: returns rounded half away from zero
-- to DECIMAL(12,2); an identical reload adds nothing; a changed fund gets
-- version 2 (data_source API) while version 1 stays as it was.
begin;
\ir ../../helpers/fixtures.psql
select plan(7);

-- Setup
select tests.land('fundata.fund_performance_summary', $$[
    {"InstrumentKey": "412682", "RecordId": "801", "PerformanceAsOfDate": "2023-12-31", "OneMonthReturn": "1.2345",
     "ThreeMonthReturn": "5.005", "SixMonthReturn": "-2.345", "YearToDateReturn": "11.4", "OneYearReturn": "11.4",
     "ThreeYearReturn": "4.125", "FiveYearReturn": "6.999", "TenYearReturn": "", "InceptionReturn": "7.015",
     "RecordState": "Active", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "4095", "RecordId": "802", "PerformanceAsOfDate": "2023-12-31", "OneMonthReturn": "0.5",
     "ThreeMonthReturn": "n/a", "RecordState": "Active", "ChangeDate": "2024-01-17"}
]$$, 'perf-1.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_performance_summary');
create temp table v1 on commit drop as
select to_jsonb(p) as row from core.fundata_performance_summary as p;

-- the same rows again, in another batch and another order
select tests.land('fundata.fund_performance_summary', $$[
    {"InstrumentKey": "4095", "RecordId": "802", "PerformanceAsOfDate": "2023-12-31", "OneMonthReturn": "0.50",
     "ThreeMonthReturn": "n/a", "RecordState": "Active", "ChangeDate": "2024-01-17"},
    {"InstrumentKey": "412682", "RecordId": "801", "PerformanceAsOfDate": "2023-12-31", "OneMonthReturn": "1.2345",
     "ThreeMonthReturn": "5.005", "SixMonthReturn": "-2.345", "YearToDateReturn": "11.4", "OneYearReturn": "11.4",
     "ThreeYearReturn": "4.125", "FiveYearReturn": "6.999", "TenYearReturn": "", "InceptionReturn": "7.015",
     "RecordState": "Active", "ChangeDate": "2024-01-16"}
]$$, 'perf-2.csv', 'api', 'csv_row');
create temp table reload on commit drop as
select * from ops.run_transform('fundata_performance_summary');

-- 412682 a month later
select tests.land('fundata.fund_performance_summary', $$[
    {"InstrumentKey": "412682", "RecordId": "801", "PerformanceAsOfDate": "2024-01-31", "OneMonthReturn": "0.875",
     "ThreeMonthReturn": "6.1", "SixMonthReturn": "1.0", "YearToDateReturn": "0.875", "OneYearReturn": "12.2",
     "ThreeYearReturn": "4.2", "FiveYearReturn": "7.0", "TenYearReturn": "", "InceptionReturn": "7.1",
     "RecordState": "Active", "ChangeDate": "2024-02-02"}
]$$, 'perf-3.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_performance_summary');

-- Test
select results_eq(
    $$
    select one_month_return, three_month_return, six_month_return, ytd_return, ten_year_return, inception_return
    from core.fundata_performance_summary where identifier = '412682' and data_version = 1
    $$,
    $$ values (1.23::numeric(12, 2), 5.01::numeric(12, 2), -2.35::numeric(12, 2), 11.40::numeric(12, 2), null::numeric(12, 2), 7.02::numeric(12, 2)) $$,
    '412682 version 1: 1.2345 -> 1.23, 5.005 -> 5.01, -2.345 -> -2.35, "11.4" -> 11.40, empty -> NULL'
);
select is(
    (select three_month_return from core.fundata_performance_summary where identifier = '4095'),
    null::numeric(12, 2),
    '"n/a" is NULL'
);
select results_eq(
    $$ select batches, rows_out from reload $$,
    $$ values (1, 0::bigint) $$,
    'the identical reload is consumed and adds no row'
);
select results_eq(
    $$ select identifier collate "default", data_version, data_source, as_of_date from core.fundata_performance_summary order by identifier, data_version $$,
    $$
    values
        ('4095'::text, 1, 'API'::text, date '2023-12-31'),
        ('412682', 1, 'API', date '2023-12-31'),
        ('412682', 2, 'API', date '2024-01-31')
    $$,
    'only the changed fund gets a version 2, from the API'
);
select set_eq(
    $$ select to_jsonb(p) from core.fundata_performance_summary as p where data_version = 1 $$,
    $$ select row from v1 $$,
    'version 1 rows are untouched by the later batches'
);
select results_eq(
    $$ select identifier collate "default", as_of_date, one_month_return, data_version from api.fund_performance order by identifier $$,
    $$
    values
        ('4095'::text, date '2023-12-31', 0.50::numeric(12, 2), 1),
        ('412682', date '2024-01-31', 0.88::numeric(12, 2), 2)
    $$,
    'api.fund_performance: one row per identifier, its latest version'
);
select is(
    (select count(*)::int from core.instrument where identifier in ('412682', '4095')),
    2,
    'both funds are in the shared instrument registry'
);

-- Finish
select * from finish();
rollback;
