-- "Latest" is the newest version by the vendor's as-of, ties broken by
-- arrival: an older file landed again (sra load … --force) after a newer one
-- adds its versions to history, and never makes its stale values the latest.
-- Fundata CSV reference data and daily NAVPS (ChangeDate), the Fundata API
-- (ChangeDate) and FMP (acceptedDate) alike (docs/ARCHITECTURE.md, "Versions
-- and latest").
begin;
\ir ../helpers/fixtures.psql
\ir ../fmp/fmp_fixtures.psql
select plan(14);

-- Setup: the newer files first, transformed
select null from tests.land('fundata.data', $$[
    {"InstrumentKey": "9001", "LegalName": "Fund Nine (renamed)", "Company": "Acme Funds", "Currency": "CAD", "ChangeDate": "2024-04-25"}
]$$, 'FundGeneralSeed-2024-04-25.csv');
select null from tests.land('fundata.quotes', $$[
    {"InstrumentKey": "9001", "Date": "2024-01-15", "NAVPS": "10.00", "ChangeDate": "2024-01-20"},
    {"InstrumentKey": "9001", "Date": "2024-01-16", "NAVPS": "10.10", "ChangeDate": "2024-01-20"}
]$$, 'FundDailyNAVPSSeed-2024-01-20.csv');
select null from tests.land('fundata.fund_assets', $$[
    {"InstrumentKey": "9001", "AssetsDate": "2023-12-31", "TotalNetAssets": "1300.00", "Currency": "CAD", "ChangeDate": "2024-02-10"}
]$$, 'getassets-2024-02-10.csv', 'api', 'csv_row');
select null from tests.land_fmp('fmp.income_statement', '/stable/income-statement', '{"symbol": "AAPL", "period": "annual"}', $$[
    {"date": "2023-09-30", "symbol": "AAPL", "reportedCurrency": "USD", "period": "FY", "fiscalYear": "2023",
     "acceptedDate": "2024-02-02 18:00:00", "revenue": 383285000000}
]$$);
select count(*) as transforms from ops.run_transforms();

-- the older files landed again, transformed
select null from tests.land('fundata.data', $$[
    {"InstrumentKey": "9001", "LegalName": "Fund Nine", "Company": "Acme Funds", "Currency": "CAD", "ChangeDate": "2023-06-01"}
]$$, 'FundGeneralSeed-2023-06-01.csv');
select null from tests.land('fundata.quotes', $$[
    {"InstrumentKey": "9001", "Date": "2024-01-15", "NAVPS": "9.50", "ChangeDate": "2024-01-15"},
    {"InstrumentKey": "9001", "Date": "2024-01-16", "NAVPS": "9.60", "ChangeDate": "2024-01-16"}
]$$, 'FundDailyNAVPSSeed-2024-01-16.csv');
select null from tests.land('fundata.fund_assets', $$[
    {"InstrumentKey": "9001", "AssetsDate": "2023-12-31", "TotalNetAssets": "1250.00", "Currency": "CAD", "ChangeDate": "2024-01-16"}
]$$, 'getassets-2024-01-16.csv', 'api', 'csv_row');
select null from tests.land_fmp('fmp.income_statement', '/stable/income-statement', '{"symbol": "AAPL", "period": "annual"}', $$[
    {"date": "2023-09-30", "symbol": "AAPL", "reportedCurrency": "USD", "period": "FY", "fiscalYear": "2023",
     "acceptedDate": "2023-11-02 18:08:27", "revenue": 383000000000}
]$$);
select count(*) as transforms from ops.run_transforms();

-- Test: Fundata CSV reference data
select results_eq(
    $$ select legal_name, data_version from core.fundata_data where identifier = '9001' order by data_version $$,
    $$ values ('Fund Nine (renamed)'::text, 1), ('Fund Nine', 2) $$,
    'Fundata CSV: the re-landed older file is version 2 in history'
);
select results_eq(
    $$ select legal_name, data_version, change_date from api.fund where identifier = '9001' $$,
    $$ values ('Fund Nine (renamed)'::text, 1, date '2024-04-25') $$,
    'Fundata CSV: api.fund still shows the newest ChangeDate''s values'
);
select is(
    (select vendor_as_of from core.fundata_data_current where identifier = '9001'),
    timestamptz '2024-04-25 00:00:00+00',
    'Fundata CSV: the stored latest carries the ChangeDate as its as-of'
);

-- Test: Fundata CSV daily NAVPS
select is(
    (select count(*)::integer from core.fundata_quotes where identifier = '9001'),
    4,
    'Fundata CSV quotes: both days have two versions in history'
);
select results_eq(
    $$ select date, navps, data_version from api.fund_nav where identifier = '9001' order by date $$,
    $$ values (date '2024-01-15', 10.00::numeric(12, 2), 1), (date '2024-01-16', 10.10, 1) $$,
    'Fundata CSV quotes: api.fund_nav shows the corrected values (the newer ChangeDate)'
);
select results_eq(
    $$ select nav_date, navps, data_version, legal_name from api.fund_latest_nav where identifier = '9001' $$,
    $$ values (date '2024-01-16', 10.10::numeric(12, 2), 1, 'Fund Nine (renamed)'::text) $$,
    'Fundata CSV quotes: api.fund_latest_nav shows the newest day''s latest version'
);

-- Test: Fundata API
select results_eq(
    $$ select total_net_assets, data_version from core.fundata_assets where identifier = '9001' order by data_version $$,
    $$ values (1300.00::numeric(12, 2), 1), (1250.00, 2) $$,
    'Fundata API: the older answer is version 2 in history'
);
select results_eq(
    $$ select total_net_assets, data_version from api.fund_assets where identifier = '9001' $$,
    $$ values (1300.00::numeric(12, 2), 1) $$,
    'Fundata API: api.fund_assets shows the newest ChangeDate''s values'
);

-- Test: FMP
select results_eq(
    $$ select revenue, data_version from core.equity_income where symbol = 'AAPL' order by data_version $$,
    $$ values (383285000000::numeric, 1), (383000000000, 2) $$,
    'FMP: the older statement is version 2 in history'
);
select results_eq(
    $$ select revenue, accepted_date from api.equity_fundamentals where symbol = 'AAPL' $$,
    $$ values (383285000000::numeric, timestamptz '2024-02-02 23:00:00+00') $$,
    'FMP: api.equity_fundamentals shows the statement with the newest acceptedDate'
);

-- a newer file after the stale one: it is compared with the newest arrival
-- (the stale version), so it is written, and it is the latest again
select null from tests.land('fundata.data', $$[
    {"InstrumentKey": "9001", "LegalName": "Fund Nine (renamed)", "Company": "Acme Funds", "Currency": "CAD", "ChangeDate": "2024-04-25"}
]$$, 'FundGeneralSeed-2024-04-25-again.csv');
select results_eq(
    $$ select rows_out from ops.run_transform('fundata_data') $$,
    $$ values (1::bigint) $$,
    'the newer values landed once more differ from the newest arrival: version 3'
);
select results_eq(
    $$ select legal_name, data_version from api.fund where identifier = '9001' $$,
    $$ values ('Fund Nine (renamed)'::text, 3) $$,
    'version 3 (as-of 2024-04-25, the later arrival of a tie) is the latest'
);
select null from tests.land('fundata.data', $$[
    {"InstrumentKey": "9001", "LegalName": "Fund Nine (renamed)", "Company": "Acme Funds", "Currency": "CAD", "ChangeDate": "2024-04-25"}
]$$, 'FundGeneralSeed-2024-04-25-third.csv');
select results_eq(
    $$ select rows_out from ops.run_transform('fundata_data') $$,
    $$ values (0::bigint) $$,
    'an identical reload of the newest arrival adds nothing'
);
select is(
    (select data_version from core.fundata_data_current where identifier = '9001'),
    3,
    'and leaves the stored latest as it was'
);

select * from finish();
rollback;
