-- The SEC N-PORT flags of a holding (isRestrictedSec or isRestricted,
-- fairValLevel, isCashCollateral, isNonCashCollateral, isLoanByFund) are
-- typed columns of core.etfs_holdings and api.etf_holding, each with a
-- comment; acceptanceTime is New York time; the stable updatedAt keeps its
-- offset, and a naive one is read as UTC, as its column comment says.
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(9);

-- Setup: N-PORT answers filed in winter (IOO) and in summer (AGG), stable answers for SPY and QQQ
select tests.land_fmp('fmp.etf_holdings', '/api/v4/etf-holdings', '{"symbol": "IOO", "date": "2023-12-31"}', $$[
    {"cik": "0001100663", "acceptanceTime": "2024-02-27 16:05:12", "date": "2023-12-31", "symbol": "AAPL", "name": "Apple Inc",
     "lei": "HWUPKR0MPOU8FGXBT394", "title": "APPLE INC", "cusip": "037833100", "isin": "US0378331005", "balance": 400000,
     "units": "NS", "cur_cd": "USD", "valUsd": 77000000, "pctVal": 4.2, "payoffProfile": "Long", "assetCat": "EC",
     "issuerCat": "CORP", "invCountry": "US", "isRestrictedSec": "N", "fairValLevel": "1",
     "isCashCollateral": "N", "isNonCashCollateral": "N", "isLoanByFund": "Y"},
    {"cik": "0001100663", "acceptanceTime": "2024-02-27 16:05:12", "date": "2023-12-31", "symbol": null, "name": "BlackRock Cash Funds",
     "lei": "549300W6FJ7PMH5OCV82", "title": "BLK CSH FND TREASURY SL AGENCY", "cusip": "066922477", "isin": "US0669224778", "balance": 5000000,
     "units": "NS", "cur_cd": "USD", "valUsd": 5000000, "pctVal": 0.3, "payoffProfile": "Long", "assetCat": "STIV",
     "issuerCat": "RF", "invCountry": "US", "isRestrictedSec": "N", "fairValLevel": "1",
     "isCashCollateral": "Y", "isNonCashCollateral": "N", "isLoanByFund": "N"}
]$$);
select tests.land_fmp('fmp.etf_holdings', '/api/v4/etf-holdings', '{"symbol": "AGG", "date": "2024-06-30"}', $$[
    {"cik": "0001100663", "acceptanceTime": "2024-08-28 16:05:12", "date": "2024-06-30", "symbol": null, "name": "Private Placement Note",
     "lei": "N/A", "title": "PRIVATE PLACEMENT NOTE 144A", "cusip": "99999Z101", "isin": "N/A", "balance": 1000000,
     "units": "PA", "cur_cd": "USD", "valUsd": 980000, "pctVal": 0.01, "payoffProfile": "Long", "assetCat": "DBT",
     "issuerCat": "CORP", "invCountry": "US", "isRestricted": "Y", "fairValLevel": "3",
     "isCashCollateral": "N", "isNonCashCollateral": "Y", "isLoanByFund": "N"},
    {"cik": "0001100663", "acceptanceTime": "2024-08-28 16:05:12", "date": "2024-06-30", "symbol": null, "name": "Odd Level Note",
     "lei": "N/A", "title": "ODD LEVEL NOTE", "cusip": "99999Z102", "isin": "N/A", "balance": 1000,
     "units": "PA", "cur_cd": "USD", "valUsd": 1000, "pctVal": 0.001, "payoffProfile": "Long", "assetCat": "DBT",
     "issuerCat": "CORP", "invCountry": "US", "isRestrictedSec": "N", "fairValLevel": "4"},
    {"cik": "0001100663", "acceptanceTime": "2024-08-28 16:05:12", "date": "2024-06-30", "symbol": null, "name": "Uncategorized Swap",
     "lei": "N/A", "title": "INTEREST RATE SWAP", "cusip": "99999Z103", "isin": "N/A", "balance": 1,
     "units": "NC", "cur_cd": "USD", "valUsd": 100, "pctVal": 0.0001, "payoffProfile": "N/A", "assetCat": "DIR",
     "issuerCat": "CORP", "invCountry": "US", "isRestrictedSec": "N", "fairValLevel": "N/A"}
]$$);
select tests.land_fmp('fmp.etf_holdings', '/stable/etf/holdings', '{"symbol": "SPY"}', $$[
    {"symbol": "SPY", "asset": "AAPL", "name": "APPLE INC", "isin": "US0378331005", "securityCusip": "037833100",
     "sharesNumber": 178216498, "weightPercentage": 7.0108, "marketValue": 42295582464.34, "updatedAt": "2024-11-29 05:08:17"}
]$$);
select tests.land_fmp('fmp.etf_holdings', '/stable/etf/holdings', '{"symbol": "QQQ"}', $$[
    {"symbol": "QQQ", "asset": "NVDA", "name": "NVIDIA CORP", "isin": "US67066G1040", "securityCusip": "67066G104",
     "sharesNumber": 21000000, "weightPercentage": 8.5, "marketValue": 10400000000, "updatedAt": "2024-11-29T05:08:17.000-05:00"}
]$$);
select * from ops.run_transform('etfs_holdings');

-- Test
select results_eq(
    $$ select symbol collate "default", name, is_restricted_security, fair_value_level, is_cash_collateral, is_non_cash_collateral, is_loan_by_fund
       from api.etf_holding where symbol in ('IOO', 'AGG') order by symbol, name $$,
    $$ values ('AGG'::text, 'Odd Level Note'::text, false, null::smallint, null::boolean, null::boolean, null::boolean),
              ('AGG', 'Private Placement Note', true, 3::smallint, false, true, false),
              ('AGG', 'Uncategorized Swap', false, null, null, null, null),
              ('IOO', 'Apple Inc', false, 1::smallint, false, false, true),
              ('IOO', 'BlackRock Cash Funds', false, 1::smallint, true, false, false) $$,
    'api.etf_holding carries the N-PORT flags typed: Y/N as booleans (isRestricted too), the fair value level 1..3, N/A as NULL'
);
select results_eq(
    $$ select field, raw_value from ops.quality_issue where dataset = 'fmp.etf_holdings' and rule = 'out_of_range' $$,
    $$ values ('fairValLevel'::text, '4'::text) $$,
    'a fair value level outside 1..3 is NULL and a quality issue'
);
select results_eq(
    $$ select symbol collate "default", acceptance_time from api.etf_holding where symbol in ('IOO', 'AGG') group by 1, 2 order by 1 $$,
    $$ values ('AGG'::text, timestamptz '2024-08-28 20:05:12+00'), ('IOO', timestamptz '2024-02-27 21:05:12+00') $$,
    'acceptanceTime is New York time: EDT (-04) in August, EST (-05) in February'
);
select results_eq(
    $$ select symbol collate "default", holding_updated_at from api.etf_holding where symbol in ('SPY', 'QQQ') order by symbol $$,
    $$ values ('QQQ'::text, timestamptz '2024-11-29 10:08:17+00'), ('SPY', timestamptz '2024-11-29 05:08:17+00') $$,
    'updatedAt with an offset is the instant it names; a naive one is read as UTC'
);
select col_type_is('api', 'etf_holding', 'fair_value_level', 'smallint', 'api.etf_holding.fair_value_level is a smallint');
select col_type_is('api', 'etf_holding', 'is_loan_by_fund', 'boolean', 'api.etf_holding.is_loan_by_fund is a boolean');
select col_type_is('api', 'etf_holding', 'holding_updated_at', 'timestamp with time zone', 'api.etf_holding.holding_updated_at is a timestamptz');
select is_empty(
    $$ select c.table_schema, c.column_name
       from information_schema.columns as c
       where (c.table_schema, c.table_name) in (('core', 'etfs_holdings'), ('api', 'etf_holding'))
           and c.column_name in ('holding_updated_at', 'acceptance_time', 'is_restricted_security', 'fair_value_level',
               'is_cash_collateral', 'is_non_cash_collateral', 'is_loan_by_fund', 'weight_percentage', 'holding_key')
           and col_description(format('%I.%I', c.table_schema, c.table_name)::regclass, c.ordinal_position::integer) is null $$,
    'each of these columns states its meaning and units in a comment, in core and in the view'
);
select alike(
    col_description('core.etfs_holdings'::regclass, (select attnum from pg_attribute
        where attrelid = 'core.etfs_holdings'::regclass and attname = 'holding_updated_at')::integer),
    '%naive value%UTC%',
    'the holding_updated_at comment states the convention for a naive value'
);

select * from finish();
rollback;
