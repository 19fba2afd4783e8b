-- fund/getadvancedperformance -> core.fundata_advanced_performance and api.fund_advanced_performance (docs/FUNDATA-API.md): every
-- column typed (numbers DECIMAL(12,2) half away from zero, whole numbers
-- integer); a value that does not type is NULL with a quality issue; a row
-- without its key part (identifier) is quarantined with the reason while the rest
-- land; versions follow ChangeDate: a change dated earlier than the current
-- version adds history but does not become the latest.
begin;
\ir ../../helpers/fixtures.psql
select plan(7);

-- Setup
select tests.land('fundata.fund_advanced_performance', $$[
    {"InstrumentKey": "412682", "RecordId": "9701", "PerformanceAsOfDate": "2023-12-31", "TwoYearReturn": "2.345", "FourYearReturn": "-1.005", "FifteenYearReturn": "6.6666", "TwentyYearReturn": "", "StandardDeviation3Yr": "12.875", "SharpeRatio3Yr": "0.455", "Alpha3Yr": "-0.125", "Beta3Yr": "0.965", "RSquared3Yr": "88.885", "RecordState": "Active", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "4095", "RecordId": "9702", "PerformanceAsOfDate": "2023-12-31", "TwoYearReturn": "5", "FourYearReturn": "4", "FifteenYearReturn": "n/a", "TwentyYearReturn": "n/a", "StandardDeviation3Yr": "8.1", "SharpeRatio3Yr": "high", "Alpha3Yr": "1", "Beta3Yr": "0.5", "RSquared3Yr": "60", "RecordState": "Active", "ChangeDate": "2024-01-16"},
    {"RecordId": "9703", "TwoYearReturn": "1", "ChangeDate": "2024-01-16"}
]$$, 'advperf-1.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_advanced_performance');
-- a change, dated later
select tests.land('fundata.fund_advanced_performance', $$[{"InstrumentKey": "412682", "RecordId": "9701", "PerformanceAsOfDate": "2023-12-31", "TwoYearReturn": "3.1", "FourYearReturn": "-1.005", "FifteenYearReturn": "6.6666", "TwentyYearReturn": "", "StandardDeviation3Yr": "12.875", "SharpeRatio3Yr": "0.455", "Alpha3Yr": "-0.125", "Beta3Yr": "0.965", "RSquared3Yr": "88.885", "RecordState": "Active", "ChangeDate": "2024-03-01"}]$$, 'advperf-2.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_advanced_performance');
-- another change, landed last but dated between the two
select tests.land('fundata.fund_advanced_performance', $$[{"InstrumentKey": "412682", "RecordId": "9701", "PerformanceAsOfDate": "2023-12-31", "TwoYearReturn": "9", "FourYearReturn": "-1.005", "FifteenYearReturn": "6.6666", "TwentyYearReturn": "", "StandardDeviation3Yr": "12.875", "SharpeRatio3Yr": "0.455", "Alpha3Yr": "-0.125", "Beta3Yr": "0.965", "RSquared3Yr": "88.885", "RecordState": "Active", "ChangeDate": "2024-02-01"}]$$, 'advperf-3.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_advanced_performance');

-- Test
select results_eq(
    $$ select identifier collate "default", as_of_date, two_year_return, four_year_return, fifteen_year_return, twenty_year_return, standard_deviation_3y, sharpe_ratio_3y, alpha_3y, beta_3y, r_squared_3y
    from core.fundata_advanced_performance where data_version = 1 order by identifier $$,
    $$ values
        ('4095'::text, date '2023-12-31', 5.00::numeric(12, 2), 4.00::numeric(12, 2), null::numeric(12, 2), null::numeric(12, 2), 8.10::numeric(12, 2), null::numeric(12, 2), 1.00::numeric(12, 2), 0.50::numeric(12, 2), 60.00::numeric(12, 2)),
        ('412682'::text, date '2023-12-31', 2.35::numeric(12, 2), -1.01::numeric(12, 2), 6.67::numeric(12, 2), null::numeric(12, 2), 12.88::numeric(12, 2), 0.46::numeric(12, 2), -0.13::numeric(12, 2), 0.97::numeric(12, 2), 88.89::numeric(12, 2)) $$,
    'the first batch: both keyed rows typed, rounded half away from zero'
);
select results_eq(
    $$ select rule, field, raw_value from ops.quality_issue where batch_id = tests.batch('advperf-1.csv') and field = 'sharpe_ratio_3y' $$,
    $$ values ('bad_number'::text, 'sharpe_ratio_3y'::text, 'high'::text) $$,
    'the value that does not type is a quality issue with its raw value (and NULL in core)'
);
select results_eq(
    $$ select line, reason from ops.quarantine where batch_id = tests.batch('advperf-1.csv') $$,
    $$ values (4, 'missing_identifier'::text) $$,
    'the row without its key part is quarantined with the reason'
);
select is(
    (select count(*)::int from core.fundata_advanced_performance where batch_id = tests.batch('advperf-1.csv')),
    2,
    'the other rows of the batch landed'
);
select results_eq(
    $$ select data_version, change_date, source_file from core.fundata_advanced_performance where identifier = '412682'::text order by data_version $$,
    $$ values (1, date '2024-01-16', 'advperf-1.csv'::text), (2, date '2024-03-01', 'advperf-2.csv'), (3, date '2024-02-01', 'advperf-3.csv') $$,
    'each change is a new version with its ChangeDate and file'
);
select results_eq(
    $$ select two_year_return, data_version, change_date, data_source from api.fund_advanced_performance where identifier = '412682'::text $$,
    $$ values (3.10::numeric(12, 2), 2, date '2024-03-01', 'API'::text) $$,
    'api.fund_advanced_performance shows the version with the newest ChangeDate, not the last to land'
);
select is(
    (select count(*)::int from api.fund_advanced_performance),
    2,
    'api.fund_advanced_performance: one row per key'
);

-- Finish
select * from finish();
rollback;
