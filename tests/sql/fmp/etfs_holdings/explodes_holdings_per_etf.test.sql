-- core.etfs_holdings: one response per ETF explodes into one row per holding,
-- keyed by the ETF (the requested symbol) and the holding (its ticker, else
-- ISIN, CUSIP or name). Legacy v3 /etf-holder, legacy v4 N-PORT and stable
-- rows type alike; weights come as numbers, numeric strings or "5.5%".
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(7);

-- Setup: legacy v3 for SPY (a cash line without ticker), N-PORT for VXUS, stable for QQQ
select tests.land_fmp('fmp.etf_holdings', '/api/v3/etf-holder/SPY', '{"symbol": "SPY"}', $$[
    {"asset": "AAPL", "name": "APPLE INC", "isin": "US0378331005", "cusip": "037833100", "sharesNumber": 178000000,
     "weightPercentage": 7.12, "marketValue": 33000000000, "updated": "2024-01-10 12:00:00"},
    {"asset": "MSFT", "name": "MICROSOFT CORP", "isin": "US5949181045", "cusip": "594918104", "sharesNumber": "88000000",
     "weightPercentage": "6.9", "marketValue": 3.3E+10, "updated": "2024-01-10 12:00:00"},
    {"asset": "", "name": "US DOLLAR", "isin": null, "cusip": null, "sharesNumber": 1000.5, "weightPercentage": 0.01,
     "marketValue": 1000.5, "updated": "2024-01-10 12:00:00"}
]$$);
select tests.land_fmp('fmp.etf_holdings', '/api/v4/etf-holdings', '{"symbol": "VXUS", "date": "2023-09-30"}', $$[
    {"cik": "0000036405", "acceptanceTime": "2023-11-29 12:11:15", "date": "2023-09-30", "symbol": null, "name": "Toyota Motor Corp",
     "lei": "5493006W3QUS5LMH6R84", "title": "TOYOTA MOTOR CORP", "cusip": "J92676113", "isin": "JP3633400001", "balance": 26300000,
     "units": "NS", "cur_cd": "JPY", "valUsd": 470000000.12, "pctVal": 0.78, "payoffProfile": "Long", "assetCat": "EC",
     "issuerCat": "CORP", "invCountry": "JP", "isRestrictedSec": "N", "fairValLevel": "2"},
    {"cik": "0000036405", "acceptanceTime": "2023-11-29 12:11:15", "date": "2023-09-30", "symbol": "SHOP", "name": "Shopify Inc",
     "lei": "549300HGQ43STJLLP808", "title": "SHOPIFY INC", "cusip": "82509L107", "isin": "CA82509L1076", "balance": 3000000,
     "units": "NS", "cur_cd": "USD", "valUsd": 160000000, "pctVal": 0.27, "payoffProfile": "Long", "assetCat": "EC",
     "issuerCat": "CORP", "invCountry": "CA", "isRestrictedSec": "N", "fairValLevel": "1"}
]$$);
select tests.land_fmp('fmp.etf_holdings', '/stable/etf/holdings', '{"symbol": "QQQ"}', $$[
    {"symbol": "QQQ", "asset": "NVDA", "name": "NVIDIA CORP", "isin": "US67066G1040", "securityCusip": "67066G104",
     "sharesNumber": 21000000, "weightPercentage": "5.5%", "marketValue": 10400000000, "updatedAt": "2024-01-10 08:00:00"}
]$$);
select * from ops.run_transform('etfs_holdings');

-- Test
select results_eq(
    $$ select symbol collate "default", holding_key collate "default", asset, cusip, shares_number, weight_percentage, market_value
       from core.etfs_holdings order by symbol, holding_key $$,
    $$ values
        ('QQQ'::text, 'NVDA'::text, 'NVDA'::text, '67066G104'::text, 21000000::numeric, 5.5::numeric, 10400000000::numeric),
        ('SPY', 'AAPL', 'AAPL', '037833100', 178000000, 7.12, 33000000000),
        ('SPY', 'MSFT', 'MSFT', '594918104', 88000000, 6.9, 33000000000),
        ('SPY', 'US DOLLAR', null, null, 1000.5, 0.01, 1000.5),
        ('VXUS', 'JP3633400001', null, 'J92676113', 26300000, 0.78, 470000000.12),
        ('VXUS', 'SHOP', 'SHOP', '82509L107', 3000000, 0.27, 160000000) $$,
    'one row per ETF and holding: the ETF is the requested symbol, the holding its ticker (the N-PORT row''s own symbol), else its ISIN or name'
);
select results_eq(
    $$ select report_date, currency, asset_category, investment_country, is_restricted_security, fair_value_level, acceptance_time
       from core.etfs_holdings where holding_key = 'SHOP' $$,
    $$ values (date '2023-09-30', 'USD'::text, 'EC'::text, 'CA'::text, false, 1::smallint, timestamptz '2023-11-29 12:11:15-05') $$,
    'N-PORT detail is typed: the report date, currency, categories, "N" as false, the fair value level a number, the acceptance time New York time (EST)'
);
select col_type_is('core', 'etfs_holdings', 'weight_percentage', 'numeric', 'weight_percentage is numeric, in percent');
select results_eq(
    $$ select symbol collate "default", count(*)::integer from api.etf_holding group by symbol order by symbol $$,
    $$ values ('QQQ'::text, 1), ('SPY', 3), ('VXUS', 2) $$,
    'api.etf_holding lists every holding of each ETF'
);
select is_empty(
    $$ select symbol, holding_key from api.etf_holding group by symbol, holding_key having count(*) > 1 $$,
    'api.etf_holding has one row per ETF and holding'
);
select is(
    (select count(*)::integer from ops.quality_issue where dataset = 'fmp.etf_holdings'),
    0,
    'every holding field of the three shapes types without issue'
);

-- the same SPY holdings from the stable generation
select tests.land_fmp('fmp.etf_holdings', '/stable/etf/holdings', '{"symbol": "SPY"}', $$[
    {"symbol": "SPY", "asset": "AAPL", "name": "APPLE INC", "isin": "US0378331005", "securityCusip": "037833100", "sharesNumber": 178000000,
     "weightPercentage": 7.12, "marketValue": 33000000000, "updatedAt": "2024-01-10 12:00:00"},
    {"symbol": "SPY", "asset": "MSFT", "name": "MICROSOFT CORP", "isin": "US5949181045", "securityCusip": "594918104", "sharesNumber": 88000000,
     "weightPercentage": "6.9%", "marketValue": 33000000000, "updatedAt": "2024-01-10 12:00:00"},
    {"symbol": "SPY", "asset": null, "name": "US DOLLAR", "isin": null, "securityCusip": null, "sharesNumber": 1000.5, "weightPercentage": 0.01,
     "marketValue": 1000.5, "updatedAt": "2024-01-10 12:00:00"}
]$$);
select results_eq(
    $$ select rows_in, rows_out from ops.run_transform('etfs_holdings') $$,
    $$ values (3::bigint, 0::bigint) $$,
    'the same holdings under the stable names (securityCusip, updatedAt, "6.9%") are the same content'
);

select * from finish();
rollback;
