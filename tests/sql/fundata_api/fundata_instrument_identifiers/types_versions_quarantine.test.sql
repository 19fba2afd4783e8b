-- instrument/getidentifiers -> core.fundata_instrument_identifiers and api.instrument_identifiers (docs/FUNDATA-API.md): every
-- column typed (numbers DECIMAL(12,2) half away from zero, whole numbers
-- integer); a value that does not type is NULL with a quality issue; a row
-- without its key part (identifier_value) is quarantined with the reason while the rest
-- land; versions follow ChangeDate: a change dated earlier than the current
-- version adds history but does not become the latest.
begin;
\ir ../../helpers/fixtures.psql
select plan(6);

-- Setup
select tests.land('fundata.instrument_identifiers', $$[
    {"InstrumentKey": "412682", "RecordId": "9951", "IdentifierType": "FundCode", "IdentifierValue": "MDM700", "LoadType": "No Load", "Exchange": "", "RecordState": "Active", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "412682", "RecordId": "9952", "IdentifierType": "ISIN", "IdentifierValue": " CA55275Y1034 ", "LoadType": "", "Exchange": "", "RecordState": "Active", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "4095", "RecordId": "9953", "IdentifierType": "CUSIP", "IdentifierValue": "", "ChangeDate": "2024-01-16"}
]$$, 'ids-1.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_instrument_identifiers');
-- a change, dated later
select tests.land('fundata.instrument_identifiers', $$[{"InstrumentKey": "412682", "RecordId": "9951", "IdentifierType": "FundCode", "IdentifierValue": "MDM700", "LoadType": "No Load", "Exchange": "", "RecordState": "Inactive", "ChangeDate": "2024-03-01"}]$$, 'ids-2.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_instrument_identifiers');
-- another change, landed last but dated between the two
select tests.land('fundata.instrument_identifiers', $$[{"InstrumentKey": "412682", "RecordId": "9951", "IdentifierType": "FundCode", "IdentifierValue": "MDM700", "LoadType": "Front End", "Exchange": "", "RecordState": "Active", "ChangeDate": "2024-02-01"}]$$, 'ids-3.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_instrument_identifiers');

-- Test
select results_eq(
    $$ select identifier collate "default", identifier_type, identifier_value collate "default", load_type, exchange, record_state, change_date
    from core.fundata_instrument_identifiers where data_version = 1 order by identifier, identifier_type, identifier_value $$,
    $$ values
        ('412682'::text, 'FundCode'::text, 'MDM700'::text, 'No Load'::text, null::text, 'Active'::text, date '2024-01-16'),
        ('412682'::text, 'ISIN'::text, 'CA55275Y1034'::text, null::text, null::text, 'Active'::text, date '2024-01-16') $$,
    'the first batch: both keyed rows typed, rounded half away from zero'
);
select results_eq(
    $$ select line, reason from ops.quarantine where batch_id = tests.batch('ids-1.csv') $$,
    $$ values (4, 'missing_identifier_value'::text) $$,
    'the row without its key part is quarantined with the reason'
);
select is(
    (select count(*)::int from core.fundata_instrument_identifiers where batch_id = tests.batch('ids-1.csv')),
    2,
    'the other rows of the batch landed'
);
select results_eq(
    $$ select data_version, change_date, source_file from core.fundata_instrument_identifiers where identifier = '412682'::text and identifier_type = 'FundCode'::text and identifier_value = 'MDM700'::text order by data_version $$,
    $$ values (1, date '2024-01-16', 'ids-1.csv'::text), (2, date '2024-03-01', 'ids-2.csv'), (3, date '2024-02-01', 'ids-3.csv') $$,
    'each change is a new version with its ChangeDate and file'
);
select results_eq(
    $$ select record_state, data_version, change_date, data_source from api.instrument_identifiers where identifier = '412682'::text and identifier_type = 'FundCode'::text and identifier_value = 'MDM700'::text $$,
    $$ values ('Inactive'::text, 2, date '2024-03-01', 'API'::text) $$,
    'api.instrument_identifiers shows the version with the newest ChangeDate, not the last to land'
);
select is(
    (select count(*)::int from api.instrument_identifiers),
    2,
    'api.instrument_identifiers: one row per key'
);

-- Finish
select * from finish();
rollback;
