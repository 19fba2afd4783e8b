-- core.etfs_profile: legacy etf-info (aum, cusip) and stable etf/info
-- (assetsUnderManagement, securityCusip) fill the same columns; the nested
-- sectorsList explodes into one row per sector; api.etf_profile has one row
-- per ETF and api.etf_sector_weighting one per ETF and sector.
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(6);

-- Setup
select tests.land_fmp('fmp.etf_profile', '/api/v4/etf-info', '{"symbol": "SPY"}', $$[
    {"symbol": "SPY", "name": "SPDR S&P 500 ETF Trust", "assetClass": "Equity", "aum": 494000000000, "avgVolume": 78000000,
     "cusip": "78462F103", "isin": "US78462F1030", "domicile": "US", "etfCompany": "SPDR", "expenseRatio": 0.0945,
     "inceptionDate": "1993-01-22", "nav": 472.65, "navCurrency": "USD", "holdingsCount": 503, "website": "https://www.ssga.com",
     "description": "The Trust seeks to track the S&P 500.",
     "sectorsList": [{"industry": "Technology", "exposure": 29.81}, {"industry": "Healthcare", "exposure": "12.6%"}, {"industry": "Energy", "exposure": "3.9"}]}
]$$);
select tests.land_fmp('fmp.etf_profile', '/stable/etf/info', '{"symbol": "IVV"}', $$[
    {"symbol": "IVV", "name": "iShares Core S&P 500 ETF", "assetClass": "Equity", "assetsUnderManagement": 420000000000, "avgVolume": 4500000,
     "securityCusip": "464287200", "isin": "US4642872000", "domicile": "US", "etfCompany": "iShares", "expenseRatio": 0.03,
     "inceptionDate": "2000-05-15", "nav": 474.5, "navCurrency": "USD", "holdingsCount": 505, "updatedAt": "2024-01-10T09:12:00.000Z",
     "website": "https://www.ishares.com", "description": "Tracks the S&P 500.",
     "sectorsList": [{"industry": "Technology", "exposure": 29.9}]}
]$$);
select * from ops.run_transform('etfs_profile');

-- Test
select results_eq(
    $$ select symbol collate "default", assets_under_management, cusip, expense_ratio, inception_date, holdings_count, info_updated_at
       from api.etf_profile order by symbol $$,
    $$ values
        ('IVV'::text, 420000000000::numeric, '464287200'::text, 0.03::numeric, date '2000-05-15', 505, timestamptz '2024-01-10 09:12:00+00'),
        ('SPY', 494000000000, '78462F103', 0.0945, date '1993-01-22', 503, null) $$,
    'aum / assetsUnderManagement and cusip / securityCusip fill the same columns; one row per ETF'
);
select results_eq(
    $$ select symbol collate "default", count(*)::integer from core.etfs_profile group by symbol order by symbol $$,
    $$ values ('IVV'::text, 1), ('SPY', 3) $$,
    'sectorsList explodes into one core row per sector'
);
select results_eq(
    $$ select symbol collate "default", sector, exposure_percentage from api.etf_sector_weighting order by symbol, exposure_percentage desc $$,
    $$ values ('IVV'::text, 'Technology'::text, 29.9::numeric), ('SPY', 'Technology', 29.81), ('SPY', 'Healthcare', 12.6), ('SPY', 'Energy', 3.9) $$,
    'api.etf_sector_weighting types exposures given as numbers, "12.6%" or "3.9"'
);
select is(
    (select count(*)::integer from ops.quality_issue where dataset = 'fmp.etf_profile'),
    0,
    'both generations'' keys are known'
);

-- a week later SPY reports two sectors only
select tests.land_fmp('fmp.etf_profile', '/api/v4/etf-info', '{"symbol": "SPY"}', $$[
    {"symbol": "SPY", "name": "SPDR S&P 500 ETF Trust", "assetClass": "Equity", "aum": 494000000000, "avgVolume": 78000000,
     "cusip": "78462F103", "isin": "US78462F1030", "domicile": "US", "etfCompany": "SPDR", "expenseRatio": 0.0945,
     "inceptionDate": "1993-01-22", "nav": 472.65, "navCurrency": "USD", "holdingsCount": 503, "website": "https://www.ssga.com",
     "description": "The Trust seeks to track the S&P 500.",
     "sectorsList": [{"industry": "Technology", "exposure": 30.1}, {"industry": "Healthcare", "exposure": 12.5}]}
]$$);
select results_eq(
    $$ select rows_out from ops.run_transform('etfs_profile') $$,
    $$ values (2::bigint) $$,
    'a changed sector list alone is a new version: its two rows'
);
select results_eq(
    $$ select sector, exposure_percentage, data_version from api.etf_sector_weighting where symbol = 'SPY' order by sector $$,
    $$ values ('Healthcare'::text, 12.5::numeric, 2), ('Technology', 30.1, 2) $$,
    'api.etf_sector_weighting shows only the latest version''s sectors'
);

select * from finish();
rollback;
