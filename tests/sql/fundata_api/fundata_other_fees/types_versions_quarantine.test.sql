-- fund/getotherfees -> core.fundata_other_fees and api.fund_other_fees (docs/FUNDATA-API.md): every
-- column typed (numbers DECIMAL(12,2) half away from zero, whole numbers
-- integer); a value that does not type is NULL with a quality issue; a row
-- without its key part (fee_type) is quarantined with the reason while the rest
-- land; versions follow ChangeDate: a change dated earlier than the current
-- version adds history but does not become the latest.
begin;
\ir ../../helpers/fixtures.psql
select plan(6);

-- Setup
select tests.land('fundata.fund_other_fees', $$[
    {"InstrumentKey": "412682", "RecordId": "9201", "FeeType": "Short-Term Trading", "FeeAmount": "", "FeePercent": "2.005", "Currency": "CAD", "Description": "Redeemed within 30 days", "RecordState": "Active", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "412682", "RecordId": "9202", "FeeType": "Account", "FeeAmount": "$1,234.565", "FeePercent": "n/a", "Currency": "CAD", "Description": "RRSP annual fee", "RecordState": "Active", "ChangeDate": "2024-01-16", "Extra": "x"},
    {"InstrumentKey": "4095", "RecordId": "9203", "FeeType": " ", "FeeAmount": "25", "ChangeDate": "2024-01-16"}
]$$, 'fees-1.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_other_fees');
-- a change, dated later
select tests.land('fundata.fund_other_fees', $$[{"InstrumentKey": "412682", "RecordId": "9201", "FeeType": "Short-Term Trading", "FeeAmount": "", "FeePercent": "1.5", "Currency": "CAD", "Description": "Redeemed within 30 days", "RecordState": "Active", "ChangeDate": "2024-03-01"}]$$, 'fees-2.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_other_fees');
-- another change, landed last but dated between the two
select tests.land('fundata.fund_other_fees', $$[{"InstrumentKey": "412682", "RecordId": "9201", "FeeType": "Short-Term Trading", "FeeAmount": "", "FeePercent": "3", "Currency": "CAD", "Description": "Redeemed within 30 days", "RecordState": "Active", "ChangeDate": "2024-02-01"}]$$, 'fees-3.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_other_fees');

-- Test
select results_eq(
    $$ select identifier collate "default", fee_type, fee_amount, fee_percent, currency, description, record_id, change_date
    from core.fundata_other_fees where data_version = 1 order by identifier, fee_type $$,
    $$ values
        ('412682'::text, 'Account'::text, 1234.57::numeric(12, 2), null::numeric(12, 2), 'CAD'::text, 'RRSP annual fee'::text, '9202'::text, date '2024-01-16'),
        ('412682'::text, 'Short-Term Trading'::text, null::numeric(12, 2), 2.01::numeric(12, 2), 'CAD'::text, 'Redeemed within 30 days'::text, '9201'::text, date '2024-01-16') $$,
    'the first batch: both keyed rows typed, rounded half away from zero'
);
select results_eq(
    $$ select line, reason from ops.quarantine where batch_id = tests.batch('fees-1.csv') $$,
    $$ values (4, 'missing_fee_type'::text) $$,
    'the row without its key part is quarantined with the reason'
);
select is(
    (select count(*)::int from core.fundata_other_fees where batch_id = tests.batch('fees-1.csv')),
    2,
    'the other rows of the batch landed'
);
select results_eq(
    $$ select data_version, change_date, source_file from core.fundata_other_fees where identifier = '412682'::text and fee_type = 'Short-Term Trading'::text order by data_version $$,
    $$ values (1, date '2024-01-16', 'fees-1.csv'::text), (2, date '2024-03-01', 'fees-2.csv'), (3, date '2024-02-01', 'fees-3.csv') $$,
    'each change is a new version with its ChangeDate and file'
);
select results_eq(
    $$ select fee_percent, data_version, change_date, data_source from api.fund_other_fees where identifier = '412682'::text and fee_type = 'Short-Term Trading'::text $$,
    $$ values (1.50::numeric(12, 2), 2, date '2024-03-01', 'API'::text) $$,
    'api.fund_other_fees shows the version with the newest ChangeDate, not the last to land'
);
select is(
    (select count(*)::int from api.fund_other_fees),
    2,
    'api.fund_other_fees: one row per key'
);

-- Finish
select * from finish();
rollback;
