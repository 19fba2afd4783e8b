-- fund/getload -> core.fundata_loads and api.fund_load (docs/FUNDATA-API.md): every
-- column typed (numbers DECIMAL(12,2) half away from zero, whole numbers
-- integer); a value that does not type is NULL with a quality issue; a row
-- without its key part (breakpoint_sequence) is quarantined with the reason while the rest
-- land; versions follow ChangeDate: a change dated earlier than the current
-- version adds history but does not become the latest.
begin;
\ir ../../helpers/fixtures.psql
select plan(7);

-- Setup
select tests.land('fundata.fund_load', $$[
    {"InstrumentKey": "412682", "RecordId": "9101", "LoadType": "Front End", "Sequence": "1", "BreakpointFrom": "0", "BreakpointTo": "25,000", "BreakpointUnit": "Amount", "LoadPercent": "4.995", "RecordState": "Active", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "412682", "RecordId": "9102", "LoadType": "Deferred Sales Charge", "Sequence": "2", "BreakpointFrom": "1", "BreakpointTo": "2", "BreakpointUnit": "Years", "LoadPercent": "five", "RecordState": "Active", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "4095", "RecordId": "9103", "LoadType": "Front End", "LoadPercent": "2", "ChangeDate": "2024-01-16"}
]$$, 'loads-1.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_loads');
-- a change, dated later
select tests.land('fundata.fund_load', $$[{"InstrumentKey": "412682", "RecordId": "9101", "LoadType": "Front End", "Sequence": "1", "BreakpointFrom": "0", "BreakpointTo": "25,000", "BreakpointUnit": "Amount", "LoadPercent": "4.5", "RecordState": "Active", "ChangeDate": "2024-03-01"}]$$, 'loads-2.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_loads');
-- another change, landed last but dated between the two
select tests.land('fundata.fund_load', $$[{"InstrumentKey": "412682", "RecordId": "9101", "LoadType": "Front End", "Sequence": "1", "BreakpointFrom": "0", "BreakpointTo": "25,000", "BreakpointUnit": "Amount", "LoadPercent": "3", "RecordState": "Active", "ChangeDate": "2024-02-01"}]$$, 'loads-3.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_loads');

-- Test
select results_eq(
    $$ select identifier collate "default", load_type, breakpoint_sequence, breakpoint_from, breakpoint_to, breakpoint_unit, load_percent, record_id, record_state, change_date
    from core.fundata_loads where data_version = 1 order by identifier, load_type, breakpoint_sequence $$,
    $$ values
        ('412682'::text, 'Deferred Sales Charge'::text, 2::integer, 1.00::numeric(12, 2), 2.00::numeric(12, 2), 'Years'::text, null::numeric(12, 2), '9102'::text, 'Active'::text, date '2024-01-16'),
        ('412682'::text, 'Front End'::text, 1::integer, 0.00::numeric(12, 2), 25000.00::numeric(12, 2), 'Amount'::text, 5.00::numeric(12, 2), '9101'::text, 'Active'::text, date '2024-01-16') $$,
    'the first batch: both keyed rows typed, rounded half away from zero'
);
select results_eq(
    $$ select rule, field, raw_value from ops.quality_issue where batch_id = tests.batch('loads-1.csv') and field = 'load_percent' $$,
    $$ values ('bad_number'::text, 'load_percent'::text, 'five'::text) $$,
    'the value that does not type is a quality issue with its raw value (and NULL in core)'
);
select results_eq(
    $$ select line, reason from ops.quarantine where batch_id = tests.batch('loads-1.csv') $$,
    $$ values (4, 'missing_breakpoint_sequence'::text) $$,
    'the row without its key part is quarantined with the reason'
);
select is(
    (select count(*)::int from core.fundata_loads where batch_id = tests.batch('loads-1.csv')),
    2,
    'the other rows of the batch landed'
);
select results_eq(
    $$ select data_version, change_date, source_file from core.fundata_loads where identifier = '412682'::text and load_type = 'Front End'::text and breakpoint_sequence = 1::integer order by data_version $$,
    $$ values (1, date '2024-01-16', 'loads-1.csv'::text), (2, date '2024-03-01', 'loads-2.csv'), (3, date '2024-02-01', 'loads-3.csv') $$,
    'each change is a new version with its ChangeDate and file'
);
select results_eq(
    $$ select load_percent, data_version, change_date, data_source from api.fund_load where identifier = '412682'::text and load_type = 'Front End'::text and breakpoint_sequence = 1::integer $$,
    $$ values (4.50::numeric(12, 2), 2, date '2024-03-01', 'API'::text) $$,
    'api.fund_load shows the version with the newest ChangeDate, not the last to land'
);
select is(
    (select count(*)::int from api.fund_load),
    2,
    'api.fund_load: one row per key'
);

-- Finish
select * from finish();
rollback;
