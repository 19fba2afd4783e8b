-- fund/getyearlyperformanceranking -> core.fundata_yearly_performance_ranking and api.fund_yearly_performance_ranking (docs/FUNDATA-API.md): every
-- column typed (numbers DECIMAL(12,2) half away from zero, whole numbers
-- integer); a value that does not type is NULL with a quality issue; a row
-- without its key part (performance_year) is quarantined with the reason while the rest
-- land; versions follow ChangeDate: a change dated earlier than the current
-- version adds history but does not become the latest.
begin;
\ir ../../helpers/fixtures.psql
select plan(7);

-- Setup
select tests.land('fundata.fund_yearly_performance_ranking', $$[
    {"InstrumentKey": "412682", "RecordId": "9801", "Year": "2023", "Quartile": "1", "Rank": "12", "CategoryCount": "1,204", "Percentile": "2", "RecordState": "Active", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "412682", "RecordId": "9802", "Year": "2022", "Quartile": "3", "Rank": "tenth", "CategoryCount": "1180", "Percentile": "61", "RecordState": "Active", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "4095", "RecordId": "9803", "Quartile": "2", "ChangeDate": "2024-01-16"}
]$$, 'ranking-1.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_yearly_performance_ranking');
-- a change, dated later
select tests.land('fundata.fund_yearly_performance_ranking', $$[{"InstrumentKey": "412682", "RecordId": "9801", "Year": "2023", "Quartile": "1", "Rank": "10", "CategoryCount": "1,204", "Percentile": "2", "RecordState": "Active", "ChangeDate": "2024-03-01"}]$$, 'ranking-2.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_yearly_performance_ranking');
-- another change, landed last but dated between the two
select tests.land('fundata.fund_yearly_performance_ranking', $$[{"InstrumentKey": "412682", "RecordId": "9801", "Year": "2023", "Quartile": "1", "Rank": "30", "CategoryCount": "1,204", "Percentile": "2", "RecordState": "Active", "ChangeDate": "2024-02-01"}]$$, 'ranking-3.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_yearly_performance_ranking');

-- Test
select results_eq(
    $$ select identifier collate "default", performance_year, quartile, category_rank, category_count, percentile_rank
    from core.fundata_yearly_performance_ranking where data_version = 1 order by identifier, performance_year $$,
    $$ values
        ('412682'::text, 2022::integer, 3::integer, null::integer, 1180::integer, 61::integer),
        ('412682'::text, 2023::integer, 1::integer, 12::integer, 1204::integer, 2::integer) $$,
    'the first batch: both keyed rows typed, rounded half away from zero'
);
select results_eq(
    $$ select rule, field, raw_value from ops.quality_issue where batch_id = tests.batch('ranking-1.csv') and field = 'category_rank' $$,
    $$ values ('bad_number'::text, 'category_rank'::text, 'tenth'::text) $$,
    'the value that does not type is a quality issue with its raw value (and NULL in core)'
);
select results_eq(
    $$ select line, reason from ops.quarantine where batch_id = tests.batch('ranking-1.csv') $$,
    $$ values (4, 'missing_performance_year'::text) $$,
    'the row without its key part is quarantined with the reason'
);
select is(
    (select count(*)::int from core.fundata_yearly_performance_ranking where batch_id = tests.batch('ranking-1.csv')),
    2,
    'the other rows of the batch landed'
);
select results_eq(
    $$ select data_version, change_date, source_file from core.fundata_yearly_performance_ranking where identifier = '412682'::text and performance_year = 2023::integer order by data_version $$,
    $$ values (1, date '2024-01-16', 'ranking-1.csv'::text), (2, date '2024-03-01', 'ranking-2.csv'), (3, date '2024-02-01', 'ranking-3.csv') $$,
    'each change is a new version with its ChangeDate and file'
);
select results_eq(
    $$ select category_rank, data_version, change_date, data_source from api.fund_yearly_performance_ranking where identifier = '412682'::text and performance_year = 2023::integer $$,
    $$ values (10::integer, 2, date '2024-03-01', 'API'::text) $$,
    'api.fund_yearly_performance_ranking shows the version with the newest ChangeDate, not the last to land'
);
select is(
    (select count(*)::int from api.fund_yearly_performance_ranking),
    2,
    'api.fund_yearly_performance_ranking: one row per key'
);

-- Finish
select * from finish();
rollback;
