-- Versions of core.fundata_data per identifier: the seed is version 1
-- (data_source CSV); an identical reload adds nothing; a changed record adds
-- version 2 with all its rows and leaves version 1 untouched; api.fund shows
-- version 2, api.fund_history both (docs/ARCHITECTURE.md §4).
begin;
\ir ../helpers/fixtures.psql
select plan(10);

-- Setup: the seed (the example row of docs/FUNDATA.md and a French series)
select tests.land('fundata.data', $$[
    {"InstrumentKey": "412682", "RecordId": "4", "Language": "EN", "LegalName": "MD Dividend Income Index", "FamilyName": "MD Funds", "SeriesName": "Dividend Income Index", "Company": "MD Financial Management Inc.", "InceptionDate": "2010-05-01", "Currency": "CAD", "RecordState": "Active", "ChangeDate": "2024-01-15", "MER": "1.255"},
    {"InstrumentKey": "500100", "RecordId": "5", "Language": "FR", "LegalName": "Fonds équilibré, série F", "FamilyName": "Fonds Québec", "SeriesName": "F", "Company": "Gestion Québec inc.", "InceptionDate": "2015-09-30", "Currency": "", "RecordState": "Active", "ChangeDate": "2024-01-15", "MER": "0.95"}
]$$, 'FundGeneralSeed.csv');
select * from ops.run_transform('fundata_data');
create temp table version_1 on commit drop as select * from core.fundata_data;

-- Test
select results_eq(
    $$
    select identifier collate "default", legal_name, currency, inception_date, expense_ratio, data_version, data_source, source_file
    from core.fundata_data order by identifier
    $$,
    $$
    values
        ('412682'::text, 'MD Dividend Income Index'::text, 'CAD'::text, date '2010-05-01', 1.26::numeric(12, 2), 1, 'CSV'::text, 'FundGeneralSeed.csv'::text),
        ('500100', 'Fonds équilibré, série F', 'CAD', date '2015-09-30', 0.95, 1, 'CSV', 'FundGeneralSeed.csv')
    $$,
    'the seed gives version 1 of each instrument, data_source CSV; accents kept, empty currency defaults to CAD'
);

select tests.land('fundata.data', (select jsonb_agg(r.payload order by r.line) from raw.record as r where r.batch_id = tests.batch('FundGeneralSeed.csv')), 'FundGeneralSeed-again.csv');
select results_eq(
    $$ select batches, rows_out from ops.run_transform('fundata_data') $$,
    $$ values (1, 0::bigint) $$,
    'an identical reload consumes its batch and writes nothing'
);
select set_eq(
    $$ select * from core.fundata_data $$,
    $$ select * from version_1 $$,
    'after an identical reload core.fundata_data is exactly what it was'
);

select tests.land('fundata.fund_general', $$[
    {"InstrumentKey": "412682", "RecordId": "4", "Language": "EN", "LegalName": "MD Dividend Income Index Fund", "FamilyName": "MD Funds", "SeriesName": "Dividend Income Index", "Company": "MD Financial Management Inc.", "InceptionDate": "2010-05-01", "Currency": "CAD", "RecordState": "Active", "ChangeDate": "2024-02-01", "MER": "1.255"},
    {"InstrumentKey": "500100", "RecordId": "5", "Language": "FR", "LegalName": "Fonds équilibré, série F", "FamilyName": "Fonds Québec", "SeriesName": "F", "Company": "Gestion Québec inc.", "InceptionDate": "2015-09-30", "Currency": "", "RecordState": "Active", "ChangeDate": "2024-01-15", "MER": "0.95"}
]$$, 'getgeneral.csv', 'api', 'csv_row');
select results_eq(
    $$ select batches, rows_out from ops.run_transform('fundata_data') $$,
    $$ values (1, 1::bigint) $$,
    'the API batch with one changed record writes one row'
);
select results_eq(
    $$ select identifier collate "default", data_version, legal_name, data_source from core.fundata_data order by identifier, data_version $$,
    $$
    values
        ('412682'::text, 1, 'MD Dividend Income Index'::text, 'CSV'::text),
        ('412682', 2, 'MD Dividend Income Index Fund', 'API'),
        ('500100', 1, 'Fonds équilibré, série F', 'CSV')
    $$,
    'the changed record is version 2 (data_source API); the unchanged one has no new version'
);
select set_eq(
    $$ select * from core.fundata_data where data_version = 1 $$,
    $$ select * from version_1 $$,
    'version 1 is untouched'
);
select results_eq(
    $$ select identifier collate "default", legal_name, change_date, data_version, data_source from api.fund order by identifier $$,
    $$
    values
        ('412682'::text, 'MD Dividend Income Index Fund'::text, date '2024-02-01', 2, 'API'::text),
        ('500100', 'Fonds équilibré, série F', date '2024-01-15', 1, 'CSV')
    $$,
    'api.fund shows the latest version of each instrument'
);
select results_eq(
    $$ select identifier collate "default", data_version, is_latest from api.fund_history order by identifier, data_version $$,
    $$ values ('412682'::text, 1, false), ('412682', 2, true), ('500100', 1, true) $$,
    'api.fund_history shows every version and marks the latest'
);

-- a record whose arrays change gets a new version with all of its rows
select tests.land('fundata.fund_general', '[{"identifier": "FUND123", "holdings": ["AAPL", "GOOGL"], "name": "Tech Fund"}]', 'fund123-a.json', 'api');
select * from ops.run_transform('fundata_data');
select tests.land('fundata.fund_general', '[{"identifier": "FUND123", "holdings": ["AAPL", "GOOGL"], "name": "Tech Fund"}]', 'fund123-same.json', 'api');
select * from ops.run_transform('fundata_data');
select tests.land('fundata.fund_general', '[{"identifier": "FUND123", "holdings": ["AAPL", "MSFT", "NVDA"], "name": "Tech Fund"}]', 'fund123-b.json', 'api');
select * from ops.run_transform('fundata_data');
select results_eq(
    $$
    select data_version, array_element_index, array_element_value
    from core.fundata_data where identifier = 'FUND123'
    order by data_version, array_element_index
    $$,
    $$
    values
        (1, 0, 'AAPL'::text), (1, 1, 'GOOGL'),
        (2, 0, 'AAPL'), (2, 1, 'MSFT'), (2, 2, 'NVDA')
    $$,
    'a changed array (scalars equal) is a new version holding all its elements; an identical document adds nothing'
);
select is(
    (select count(*)::integer from api.fund where identifier = 'FUND123'),
    1,
    'api.fund still shows FUND123 once'
);

select * from finish();
rollback;
