-- FMP writes 0 for an ETF figure it does not know: legacy aum, expenseRatio
-- of funds that report none, holdingsCount, nav (stable
-- assetsUnderManagement, …). Such a 0 is NULL in core and api.etf_profile,
-- and each is a 'zero_means_unknown' quality issue with the key, the raw
-- value and the symbol; real values, and 0 in other fields, stay.
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(6);

-- Setup: a legacy answer with every such field 0, a stable one with two of them 0
select tests.land_fmp('fmp.etf_profile', '/api/v4/etf-info', '{"symbol": "XYZ"}', $$[
    {"symbol": "XYZ", "name": "New Listing ETF", "assetClass": "Equity", "aum": 0, "avgVolume": 0,
     "cusip": "123456789", "isin": "US1234567890", "domicile": "US", "etfCompany": "Acme", "expenseRatio": 0,
     "inceptionDate": "2024-11-20", "nav": 0, "navCurrency": "USD", "holdingsCount": 0, "website": "",
     "description": "", "sectorsList": []}
]$$);
select tests.land_fmp('fmp.etf_profile', '/stable/etf/info', '{"symbol": "IVV"}', $$[
    {"symbol": "IVV", "name": "iShares Core S&P 500 ETF", "assetClass": "Equity", "assetsUnderManagement": 0, "avgVolume": 4500000,
     "securityCusip": "464287200", "isin": "US4642872000", "domicile": "US", "etfCompany": "iShares", "expenseRatio": 0.03,
     "inceptionDate": "2000-05-15", "nav": 474.5, "navCurrency": "USD", "holdingsCount": "0", "updatedAt": "2024-01-10T09:12:00.000Z",
     "sectorsList": [{"industry": "Technology", "exposure": 29.9}]}
]$$);
select * from ops.run_transform('etfs_profile');

-- Test
select results_eq(
    $$ select symbol collate "default", expense_ratio, assets_under_management, nav, holdings_count, avg_volume
       from api.etf_profile order by symbol $$,
    $$ values ('IVV'::text, 0.03::numeric, null::numeric, 474.5::numeric, null::integer, 4500000::bigint),
              ('XYZ', null, null, null, null, 0) $$,
    'a 0 expense ratio, AUM, NAV or holdings count is NULL; real values and a 0 average volume stay'
);
select is_empty(
    $$ select 1 from core.etfs_profile
       where expense_ratio = 0 or assets_under_management = 0 or nav = 0 or holdings_count = 0 $$,
    'core.etfs_profile holds no such 0 as a fact'
);
select results_eq(
    $$ select identifier, field, raw_value from ops.quality_issue
       where dataset = 'fmp.etf_profile' and rule = 'zero_means_unknown' order by identifier, field $$,
    $$ values ('IVV'::text, 'assetsUnderManagement'::text, '0'::text), ('IVV', 'holdingsCount', '0'),
              ('XYZ', 'aum', '0'), ('XYZ', 'expenseRatio', '0'), ('XYZ', 'holdingsCount', '0'), ('XYZ', 'nav', '0') $$,
    'each unknown is a zero_means_unknown issue naming the symbol, the key FMP used (either generation) and the raw value'
);
select is(
    (select raw_json ->> 'aum' from core.etfs_profile_latest where symbol = 'XYZ'),
    '0',
    'the raw 0 stays in raw_json'
);

-- the same answers again: no new version, and no further issue
select tests.land_fmp('fmp.etf_profile', '/stable/etf/info', '{"symbol": "IVV"}', (select payload from raw.record as r
    join raw.batch as b using (batch_id) where b.dataset = 'fmp.etf_profile' and b.request -> 'params' ->> 'symbol' = 'IVV'));
select results_eq(
    $$ select rows_in, rows_out from ops.run_transform('etfs_profile') $$,
    $$ values (1::bigint, 0::bigint) $$,
    'the same answer again adds no version'
);
select is(
    (select count(*)::integer from ops.quality_issue where dataset = 'fmp.etf_profile' and rule = 'zero_means_unknown' and identifier = 'IVV'),
    4,
    'and is reported again for its own batch (two issues per answer)'
);

select * from finish();
rollback;
