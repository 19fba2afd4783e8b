-- fund/getassets: net assets in millions as DECIMAL(12,2); a value that does
-- not fit (|x| >= 10^10 after rounding) becomes NULL with an overflow issue and
-- the batch goes on; api.fund_assets has one row per identifier and date.
begin;
\ir ../../helpers/fixtures.psql
select plan(4);

-- Setup
select tests.land('fundata.fund_assets', $$[
    {"InstrumentKey": "412682", "AssetsDate": "2023-12-31", "TotalNetAssets": "1,254.375", "SeriesNetAssets": "312.125", "Currency": "CAD", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "412682", "AssetsDate": "2023-11-30", "TotalNetAssets": "1198.2", "SeriesNetAssets": "301.9", "Currency": "CAD", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "4095", "AssetsDate": "2023-12-31", "TotalNetAssets": "12345678901.5", "SeriesNetAssets": "9999999999.994", "Currency": "CAD", "ChangeDate": "2024-01-17"}
]$$, 'assets.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_assets');

-- Test
select results_eq(
    $$ select identifier collate "default", assets_date, total_net_assets, series_net_assets from api.fund_assets order by identifier, assets_date $$,
    $$
    values
        ('4095'::text, date '2023-12-31', null::numeric(12, 2), 9999999999.99::numeric(12, 2)),
        ('412682', date '2023-11-30', 1198.20, 301.90),
        ('412682', date '2023-12-31', 1254.38, 312.13)
    $$,
    'one row per identifier and date; "1,254.375" -> 1254.38; 12345678901.5 does not fit -> NULL; 9999999999.994 fits'
);
select results_eq(
    $$ select rule, field, raw_value from ops.quality_issue where batch_id = tests.batch('assets.csv') $$,
    $$ values ('overflow'::text, 'total_net_assets'::text, '12345678901.5'::text) $$,
    'the value that does not fit is an overflow issue with its raw value'
);
select is(
    (select raw_json ->> 'TotalNetAssets' from core.fundata_assets_latest where identifier = '4095'),
    '12345678901.5',
    'raw_json keeps the original value'
);
select is_empty(
    $$ select identifier, assets_date from api.fund_assets group by identifier, assets_date having count(*) > 1 $$,
    'api.fund_assets has one row per identifier and assets date'
);

-- Finish
select * from finish();
rollback;
