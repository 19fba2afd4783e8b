-- fund/getassociatedbenchmark -> core.fundata_associated_benchmarks and api.fund_associated_benchmark (docs/FUNDATA-API.md): every
-- column typed (numbers DECIMAL(12,2) half away from zero, whole numbers
-- integer); a value that does not type is NULL with a quality issue; a row
-- without its key part (benchmark_identifier) is quarantined with the reason while the rest
-- land; versions follow ChangeDate: a change dated earlier than the current
-- version adds history but does not become the latest.
begin;
\ir ../../helpers/fixtures.psql
select plan(7);

-- Setup
select tests.land('fundata.fund_associated_benchmark', $$[
    {"InstrumentKey": "412682", "RecordId": "9401", "BenchmarkInstrumentKey": "900001", "BenchmarkName": "S&P/TSX Composite Index TR", "BenchmarkType": "Blended", "Weight": "60.125", "RecordState": "Active", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "412682", "RecordId": "9402", "BenchmarkInstrumentKey": "900042", "BenchmarkName": "FTSE Canada Universe Bond Index", "BenchmarkType": "Blended", "Weight": "forty", "RecordState": "Active", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "4095", "RecordId": "9403", "BenchmarkName": "No key", "ChangeDate": "2024-01-16"}
]$$, 'bench-1.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_associated_benchmarks');
-- a change, dated later
select tests.land('fundata.fund_associated_benchmark', $$[{"InstrumentKey": "412682", "RecordId": "9401", "BenchmarkInstrumentKey": "900001", "BenchmarkName": "S&P/TSX Composite Index TR", "BenchmarkType": "Blended", "Weight": "70", "RecordState": "Active", "ChangeDate": "2024-03-01"}]$$, 'bench-2.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_associated_benchmarks');
-- another change, landed last but dated between the two
select tests.land('fundata.fund_associated_benchmark', $$[{"InstrumentKey": "412682", "RecordId": "9401", "BenchmarkInstrumentKey": "900001", "BenchmarkName": "S&P/TSX Composite Index TR", "BenchmarkType": "Blended", "Weight": "50", "RecordState": "Active", "ChangeDate": "2024-02-01"}]$$, 'bench-3.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_associated_benchmarks');

-- Test
select results_eq(
    $$ select identifier collate "default", benchmark_identifier collate "default", benchmark_name, benchmark_type, weight, record_id, change_date
    from core.fundata_associated_benchmarks where data_version = 1 order by identifier, benchmark_identifier $$,
    $$ values
        ('412682'::text, '900001'::text, 'S&P/TSX Composite Index TR'::text, 'Blended'::text, 60.13::numeric(12, 2), '9401'::text, date '2024-01-16'),
        ('412682'::text, '900042'::text, 'FTSE Canada Universe Bond Index'::text, 'Blended'::text, null::numeric(12, 2), '9402'::text, date '2024-01-16') $$,
    'the first batch: both keyed rows typed, rounded half away from zero'
);
select results_eq(
    $$ select rule, field, raw_value from ops.quality_issue where batch_id = tests.batch('bench-1.csv') and field = 'weight' $$,
    $$ values ('bad_number'::text, 'weight'::text, 'forty'::text) $$,
    'the value that does not type is a quality issue with its raw value (and NULL in core)'
);
select results_eq(
    $$ select line, reason from ops.quarantine where batch_id = tests.batch('bench-1.csv') $$,
    $$ values (4, 'missing_benchmark_identifier'::text) $$,
    'the row without its key part is quarantined with the reason'
);
select is(
    (select count(*)::int from core.fundata_associated_benchmarks where batch_id = tests.batch('bench-1.csv')),
    2,
    'the other rows of the batch landed'
);
select results_eq(
    $$ select data_version, change_date, source_file from core.fundata_associated_benchmarks where identifier = '412682'::text and benchmark_identifier = '900001'::text order by data_version $$,
    $$ values (1, date '2024-01-16', 'bench-1.csv'::text), (2, date '2024-03-01', 'bench-2.csv'), (3, date '2024-02-01', 'bench-3.csv') $$,
    'each change is a new version with its ChangeDate and file'
);
select results_eq(
    $$ select weight, data_version, change_date, data_source from api.fund_associated_benchmark where identifier = '412682'::text and benchmark_identifier = '900001'::text $$,
    $$ values (70.00::numeric(12, 2), 2, date '2024-03-01', 'API'::text) $$,
    'api.fund_associated_benchmark shows the version with the newest ChangeDate, not the last to land'
);
select is(
    (select count(*)::int from api.fund_associated_benchmark),
    2,
    'api.fund_associated_benchmark: one row per key'
);

-- Finish
select * from finish();
rollback;
