-- A reference row without an identifier is quarantined with its reason and
-- never reaches core; a date that is not a real date becomes NULL plus a
-- bad_date quality issue with the raw value, and the row still loads.
begin;
\ir ../helpers/fixtures.psql
select plan(6);

-- Setup: lines 2..5 of a CSV file
select tests.land('fundata.data', $$[
    {"InstrumentKey": "", "LegalName": "No key", "InceptionDate": "2010-05-01"},
    {"InstrumentKey": "412682", "LegalName": "MD Dividend Income Index", "InceptionDate": "2010-02-30", "ChangeDate": "2024-01-15"},
    {"InstrumentKey": "500100", "LegalName": "Fonds équilibré, série F", "InceptionDate": "2015-09-30", "ChangeDate": "yesterday"},
    {"LegalName": "No key column at all"}
]$$, 'FundGeneralSeed.csv');
select * from ops.run_transform('fundata_data');

-- Test
select set_eq(
    $$ select line, reason, payload ->> 'LegalName' from ops.quarantine where batch_id = tests.batch('FundGeneralSeed.csv') $$,
    $$ values (2, 'missing_identifier', 'No key'), (5, 'missing_identifier', 'No key column at all') $$,
    'rows without identifier are quarantined with the reason and their payload'
);
select is_empty(
    $$ select identifier, legal_name from core.fundata_data where legal_name like 'No key%' $$,
    'quarantined rows never reach core'
);
select results_eq(
    $$ select identifier collate "default", inception_date, change_date from core.fundata_data order by identifier $$,
    $$ values ('412682'::text, null::date, date '2024-01-15'), ('500100', date '2015-09-30', null) $$,
    'bad dates become NULL and the rows still load'
);
select set_eq(
    $$
    select line, field, raw_value
    from ops.quality_issue
    where batch_id = tests.batch('FundGeneralSeed.csv') and rule = 'bad_date'
    $$,
    $$ values (3, 'inception_date', '2010-02-30'), (4, 'change_date', 'yesterday') $$,
    'each bad date is a bad_date quality issue with its raw value'
);
select set_eq(
    $$
    select line
    from ops.quality_issue
    where batch_id = tests.batch('FundGeneralSeed.csv') and rule = 'missing_identifier'
    $$,
    $$ values (2), (5) $$,
    'each row without identifier is a missing_identifier quality issue'
);
select results_eq(
    $$ select raw_json ->> 'InceptionDate' from core.fundata_data_latest where identifier = '412682' $$,
    $$ values ('2010-02-30'::text) $$,
    'raw_json keeps the bad date as it came'
);

select * from finish();
rollback;
