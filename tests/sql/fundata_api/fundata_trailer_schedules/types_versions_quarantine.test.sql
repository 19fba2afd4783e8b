-- fund/gettrailerschedule -> core.fundata_trailer_schedules and api.fund_trailer_schedule (docs/FUNDATA-API.md): every
-- column typed (numbers DECIMAL(12,2) half away from zero, whole numbers
-- integer); a value that does not type is NULL with a quality issue; a row
-- without its key part (from_year) is quarantined with the reason while the rest
-- land; versions follow ChangeDate: a change dated earlier than the current
-- version adds history but does not become the latest.
begin;
\ir ../../helpers/fixtures.psql
select plan(7);

-- Setup
select tests.land('fundata.fund_trailer_schedule', $$[
    {"InstrumentKey": "412682", "RecordId": "9301", "LoadType": "Front End", "FromYear": "1", "ToYear": "", "TrailerFee": "1.0", "RecordState": "Active", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "412682", "RecordId": "9302", "LoadType": "Deferred Sales Charge", "FromYear": "1", "ToYear": "6", "TrailerFee": "one", "RecordState": "Active", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "4095", "RecordId": "9303", "LoadType": "Front End", "FromYear": "first", "TrailerFee": "1", "ChangeDate": "2024-01-16"}
]$$, 'trailer-1.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_trailer_schedules');
-- a change, dated later
select tests.land('fundata.fund_trailer_schedule', $$[{"InstrumentKey": "412682", "RecordId": "9301", "LoadType": "Front End", "FromYear": "1", "ToYear": "", "TrailerFee": "0.75", "RecordState": "Active", "ChangeDate": "2024-03-01"}]$$, 'trailer-2.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_trailer_schedules');
-- another change, landed last but dated between the two
select tests.land('fundata.fund_trailer_schedule', $$[{"InstrumentKey": "412682", "RecordId": "9301", "LoadType": "Front End", "FromYear": "1", "ToYear": "", "TrailerFee": "0.5", "RecordState": "Active", "ChangeDate": "2024-02-01"}]$$, 'trailer-3.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_trailer_schedules');

-- Test
select results_eq(
    $$ select identifier collate "default", load_type, from_year, to_year, trailer_fee, record_id, change_date
    from core.fundata_trailer_schedules where data_version = 1 order by identifier, load_type, from_year $$,
    $$ values
        ('412682'::text, 'Deferred Sales Charge'::text, 1::integer, 6::integer, null::numeric(12, 2), '9302'::text, date '2024-01-16'),
        ('412682'::text, 'Front End'::text, 1::integer, null::integer, 1.00::numeric(12, 2), '9301'::text, date '2024-01-16') $$,
    'the first batch: both keyed rows typed, rounded half away from zero'
);
select results_eq(
    $$ select rule, field, raw_value from ops.quality_issue where batch_id = tests.batch('trailer-1.csv') and field = 'trailer_fee' $$,
    $$ values ('bad_number'::text, 'trailer_fee'::text, 'one'::text) $$,
    'the value that does not type is a quality issue with its raw value (and NULL in core)'
);
select results_eq(
    $$ select line, reason from ops.quarantine where batch_id = tests.batch('trailer-1.csv') $$,
    $$ values (4, 'unreadable_from_year'::text) $$,
    'the row without its key part is quarantined with the reason'
);
select is(
    (select count(*)::int from core.fundata_trailer_schedules where batch_id = tests.batch('trailer-1.csv')),
    2,
    'the other rows of the batch landed'
);
select results_eq(
    $$ select data_version, change_date, source_file from core.fundata_trailer_schedules where identifier = '412682'::text and load_type = 'Front End'::text and from_year = 1::integer order by data_version $$,
    $$ values (1, date '2024-01-16', 'trailer-1.csv'::text), (2, date '2024-03-01', 'trailer-2.csv'), (3, date '2024-02-01', 'trailer-3.csv') $$,
    'each change is a new version with its ChangeDate and file'
);
select results_eq(
    $$ select trailer_fee, data_version, change_date, data_source from api.fund_trailer_schedule where identifier = '412682'::text and load_type = 'Front End'::text and from_year = 1::integer $$,
    $$ values (0.75::numeric(12, 2), 2, date '2024-03-01', 'API'::text) $$,
    'api.fund_trailer_schedule shows the version with the newest ChangeDate, not the last to land'
);
select is(
    (select count(*)::int from api.fund_trailer_schedule),
    2,
    'api.fund_trailer_schedule: one row per key'
);

-- Finish
select * from finish();
rollback;
