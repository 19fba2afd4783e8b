-- fund/getyearlyperformancerisk -> core.fundata_yearly_performance_risk and api.fund_yearly_performance_risk (docs/FUNDATA-API.md): every
-- column typed (numbers DECIMAL(12,2) half away from zero, whole numbers
-- integer); a value that does not type is NULL with a quality issue; a row
-- without its key part (performance_year) is quarantined with the reason while the rest
-- land; versions follow ChangeDate: a change dated earlier than the current
-- version adds history but does not become the latest.
begin;
\ir ../../helpers/fixtures.psql
select plan(7);

-- Setup
select tests.land('fundata.fund_yearly_performance_risk', $$[
    {"InstrumentKey": "412682", "RecordId": "9901", "Year": "2023", "StandardDeviation": "11.115", "SharpeRatio": "0.805", "MaxDrawdown": "-7.425", "BestMonthReturn": "6.5", "WorstMonthReturn": "-4.445", "RecordState": "Active", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "412682", "RecordId": "9902", "Year": "2022", "StandardDeviation": "14", "SharpeRatio": "-0.5", "MaxDrawdown": "big", "BestMonthReturn": "5", "WorstMonthReturn": "-6", "RecordState": "Active", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "4095", "RecordId": "9903", "Year": "", "StandardDeviation": "9", "ChangeDate": "2024-01-16"}
]$$, 'risk-1.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_yearly_performance_risk');
-- a change, dated later
select tests.land('fundata.fund_yearly_performance_risk', $$[{"InstrumentKey": "412682", "RecordId": "9901", "Year": "2023", "StandardDeviation": "11.115", "SharpeRatio": "0.9", "MaxDrawdown": "-7.425", "BestMonthReturn": "6.5", "WorstMonthReturn": "-4.445", "RecordState": "Active", "ChangeDate": "2024-03-01"}]$$, 'risk-2.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_yearly_performance_risk');
-- another change, landed last but dated between the two
select tests.land('fundata.fund_yearly_performance_risk', $$[{"InstrumentKey": "412682", "RecordId": "9901", "Year": "2023", "StandardDeviation": "11.115", "SharpeRatio": "0.1", "MaxDrawdown": "-7.425", "BestMonthReturn": "6.5", "WorstMonthReturn": "-4.445", "RecordState": "Active", "ChangeDate": "2024-02-01"}]$$, 'risk-3.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_yearly_performance_risk');

-- Test
select results_eq(
    $$ select identifier collate "default", performance_year, standard_deviation, sharpe_ratio, max_drawdown, best_month_return, worst_month_return
    from core.fundata_yearly_performance_risk where data_version = 1 order by identifier, performance_year $$,
    $$ values
        ('412682'::text, 2022::integer, 14.00::numeric(12, 2), -0.50::numeric(12, 2), null::numeric(12, 2), 5.00::numeric(12, 2), -6.00::numeric(12, 2)),
        ('412682'::text, 2023::integer, 11.12::numeric(12, 2), 0.81::numeric(12, 2), -7.43::numeric(12, 2), 6.50::numeric(12, 2), -4.45::numeric(12, 2)) $$,
    'the first batch: both keyed rows typed, rounded half away from zero'
);
select results_eq(
    $$ select rule, field, raw_value from ops.quality_issue where batch_id = tests.batch('risk-1.csv') and field = 'max_drawdown' $$,
    $$ values ('bad_number'::text, 'max_drawdown'::text, 'big'::text) $$,
    'the value that does not type is a quality issue with its raw value (and NULL in core)'
);
select results_eq(
    $$ select line, reason from ops.quarantine where batch_id = tests.batch('risk-1.csv') $$,
    $$ values (4, 'missing_performance_year'::text) $$,
    'the row without its key part is quarantined with the reason'
);
select is(
    (select count(*)::int from core.fundata_yearly_performance_risk where batch_id = tests.batch('risk-1.csv')),
    2,
    'the other rows of the batch landed'
);
select results_eq(
    $$ select data_version, change_date, source_file from core.fundata_yearly_performance_risk where identifier = '412682'::text and performance_year = 2023::integer order by data_version $$,
    $$ values (1, date '2024-01-16', 'risk-1.csv'::text), (2, date '2024-03-01', 'risk-2.csv'), (3, date '2024-02-01', 'risk-3.csv') $$,
    'each change is a new version with its ChangeDate and file'
);
select results_eq(
    $$ select sharpe_ratio, data_version, change_date, data_source from api.fund_yearly_performance_risk where identifier = '412682'::text and performance_year = 2023::integer $$,
    $$ values (0.90::numeric(12, 2), 2, date '2024-03-01', 'API'::text) $$,
    'api.fund_yearly_performance_risk shows the version with the newest ChangeDate, not the last to land'
);
select is(
    (select count(*)::int from api.fund_yearly_performance_risk),
    2,
    'api.fund_yearly_performance_risk: one row per key'
);

-- Finish
select * from finish();
rollback;
