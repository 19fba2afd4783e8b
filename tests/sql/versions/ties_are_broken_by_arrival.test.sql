-- Versions with the same vendor as-of are ordered by arrival (batch, then
-- line): the later one is the latest. Daily NAVPS without ChangeDate take the
-- day itself as their as-of, so a later file's value of a day wins; reference
-- data without ChangeDate take the landing time.
begin;
\ir ../helpers/fixtures.psql
select plan(6);

-- Setup: the same ChangeDate twice, in two batches transformed together
select null from tests.land('fundata.data', $$[
    {"InstrumentKey": "9002", "LegalName": "First", "ChangeDate": "2024-03-01"}
]$$, 'a.csv');
select null from tests.land('fundata.data', $$[
    {"InstrumentKey": "9002", "LegalName": "Second", "ChangeDate": "2024-03-01"}
]$$, 'b.csv');
select count(*) from ops.run_transform('fundata_data');

-- Test
select results_eq(
    $$ select legal_name, data_version from api.fund where identifier = '9002' $$,
    $$ values ('Second'::text, 2) $$,
    'same ChangeDate, transformed in one run: the later batch is the latest'
);

-- a third batch, same ChangeDate again, in a later run
select null from tests.land('fundata.data', $$[
    {"InstrumentKey": "9002", "LegalName": "Third", "ChangeDate": "2024-03-01"}
]$$, 'c.csv');
select count(*) from ops.run_transform('fundata_data');
select results_eq(
    $$ select legal_name, data_version from api.fund where identifier = '9002' $$,
    $$ values ('Third'::text, 3) $$,
    'same ChangeDate in a later run: the later batch is the latest'
);

-- no ChangeDate: the landing time orders them
select null from tests.land('fundata.data', $$[ {"InstrumentKey": "9003", "LegalName": "Early"} ]$$, 'd.csv');
select null from tests.land('fundata.data', $$[ {"InstrumentKey": "9003", "LegalName": "Late"} ]$$, 'e.csv');
select count(*) from ops.run_transform('fundata_data');
select results_eq(
    $$ select legal_name from api.fund where identifier = '9003' $$,
    $$ values ('Late'::text) $$,
    'no ChangeDate: the later landing is the latest'
);
select is(
    (select c.vendor_as_of from core.fundata_data_current as c where c.identifier = '9003'),
    (select b.landed_at from raw.batch as b where b.file_name = 'e.csv'),
    'no ChangeDate: the as-of is the landing time'
);

-- daily NAVPS without ChangeDate: the day is the as-of, the later file wins
select null from tests.land('fundata.quotes', $$[ {"InstrumentKey": "9002", "Date": "2024-03-01", "NAVPS": "5.00"} ]$$, 'q1.csv');
select count(*) from ops.run_transform('fundata_quotes');
select null from tests.land('fundata.quotes', $$[ {"InstrumentKey": "9002", "Date": "2024-03-01", "NAVPS": "5.25"} ]$$, 'q2.csv');
select count(*) from ops.run_transform('fundata_quotes');
select results_eq(
    $$ select navps, data_version from api.fund_nav where identifier = '9002' $$,
    $$ values (5.25::numeric(12, 2), 2) $$,
    'NAVPS without ChangeDate: the later file''s value of the day is the latest'
);

-- two lines of one batch with the same key: the later line is the one kept
select null from tests.land('fundata.quotes', $$[
    {"InstrumentKey": "9004", "Date": "2024-03-01", "NAVPS": "7.00", "ChangeDate": "2024-03-02"},
    {"InstrumentKey": "9004", "Date": "2024-03-01", "NAVPS": "7.10", "ChangeDate": "2024-03-02"}
]$$, 'q3.csv');
select count(*) from ops.run_transform('fundata_quotes');
select results_eq(
    $$ select navps, data_version from api.fund_nav where identifier = '9004' $$,
    $$ values (7.10::numeric(12, 2), 1) $$,
    'two lines of one batch for one key: the later line is the version and the latest'
);

select * from finish();
rollback;
