-- core.equity_profile from both FMP generations: legacy keys (mktCap, volAvg,
-- lastDiv, changes, exchangeShortName) and stable keys (marketCap,
-- averageVolume, lastDividend, change, exchange) fill the same columns, so
-- the same profile from the other generation adds no version; a changed
-- profile adds version 2 and api.equity_profile shows it, one row per symbol.
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(12);

-- Setup: a legacy multi-symbol profile call
select tests.land_fmp('fmp.profile', '/api/v3/profile/AAPL,BRK-B', '{"symbol": "AAPL,BRK-B"}', $$[
    {"symbol": "AAPL", "price": 185.64, "beta": 1.29, "volAvg": 53000000, "mktCap": 2887000000000, "lastDiv": 0.96,
     "range": "164.08-199.62", "changes": -0.5, "companyName": "Apple Inc.", "currency": "USD", "cik": "0000320193",
     "isin": "US0378331005", "cusip": "037833100", "exchange": "NASDAQ Global Select", "exchangeShortName": "NASDAQ",
     "industry": "Consumer Electronics", "website": "https://www.apple.com", "description": "Apple designs smartphones.",
     "ceo": "Mr. Timothy D. Cook", "sector": "Technology", "country": "US", "fullTimeEmployees": "161000",
     "phone": "408 996 1010", "address": "One Apple Park Way", "city": "Cupertino", "state": "CA", "zip": "95014",
     "image": "https://financialmodelingprep.com/image-stock/AAPL.png", "ipoDate": "1980-12-12", "defaultImage": false,
     "isEtf": false, "isActivelyTrading": true, "isAdr": false, "isFund": false},
    {"symbol": "BRK-B", "price": 362.46, "mktCap": 8.1E+11, "volAvg": 3900000.0, "fullTimeEmployees": null,
     "companyName": "Berkshire Hathaway Inc.", "exchangeShortName": "NYSE", "exchange": "New York Stock Exchange",
     "ipoDate": "", "isEtf": false, "isActivelyTrading": true}
]$$);
select * from ops.run_transform('equity_profile');

-- Test
select results_eq(
    $$
    select symbol collate "default", company_name, exchange, exchange_full_name, market_cap, employees, average_volume,
        last_dividend, change, price_range, ipo_date, is_etf, is_actively_trading, data_version
    from core.equity_profile
    order by symbol
    $$,
    $$
    values
        ('AAPL'::text, 'Apple Inc.'::text, 'NASDAQ'::text, 'NASDAQ Global Select'::text, 2887000000000::numeric, 161000::bigint,
         53000000::bigint, 0.96::numeric, -0.5::numeric, '164.08-199.62'::text, date '1980-12-12', false, true, 1),
        ('BRK-B', 'Berkshire Hathaway Inc.', 'NYSE', 'New York Stock Exchange', 810000000000, null,
         3900000, null, null, null, null, false, true, 1)
    $$,
    'legacy keys are typed: mktCap and volAvg as numbers (8.1E+11, 3900000.0), fullTimeEmployees from a string, exchangeShortName as exchange, empty ipoDate as NULL'
);
select col_type_is('core', 'equity_profile', 'market_cap', 'numeric', 'market_cap keeps FMP''s precision (numeric without typmod)');
select col_type_is('core', 'equity_profile', 'employees', 'bigint', 'employees is a whole number');
select col_type_is('core', 'equity_profile', 'is_actively_trading', 'boolean', 'is_actively_trading is a boolean');

-- the same AAPL profile from the stable generation, under its stable names
select tests.land_fmp('fmp.profile', '/stable/profile', '{"symbol": "AAPL"}', $$[
    {"symbol": "AAPL", "price": 185.64, "beta": 1.29, "averageVolume": 53000000, "marketCap": 2887000000000, "lastDividend": 0.96,
     "range": "164.08-199.62", "change": -0.5, "companyName": "Apple Inc.", "currency": "USD", "cik": "0000320193",
     "isin": "US0378331005", "cusip": "037833100", "exchangeFullName": "NASDAQ Global Select", "exchange": "NASDAQ",
     "industry": "Consumer Electronics", "website": "https://www.apple.com", "description": "Apple designs smartphones.",
     "ceo": "Mr. Timothy D. Cook", "sector": "Technology", "country": "US", "fullTimeEmployees": "161000",
     "phone": "408 996 1010", "address": "One Apple Park Way", "city": "Cupertino", "state": "CA", "zip": "95014",
     "image": "https://financialmodelingprep.com/image-stock/AAPL.png", "ipoDate": "1980-12-12", "defaultImage": false,
     "isEtf": false, "isActivelyTrading": true, "isAdr": false, "isFund": false}
]$$);
select results_eq(
    $$ select batches, rows_in, rows_out from ops.run_transform('equity_profile') $$,
    $$ values (1, 1::bigint, 0::bigint) $$,
    'the same profile under the stable generation''s names is the same content: no new version'
);

-- a week later: the price and market cap moved
select tests.land_fmp('fmp.profile', '/stable/profile', '{"symbol": "AAPL"}', $$[
    {"symbol": "AAPL", "price": 191.2, "beta": 1.29, "averageVolume": 53000000, "marketCap": 2973000000000, "lastDividend": 0.96,
     "range": "164.08-199.62", "change": 1.1, "companyName": "Apple Inc.", "currency": "USD", "cik": "0000320193",
     "isin": "US0378331005", "cusip": "037833100", "exchangeFullName": "NASDAQ Global Select", "exchange": "NASDAQ",
     "industry": "Consumer Electronics", "website": "https://www.apple.com", "description": "Apple designs smartphones.",
     "ceo": "Mr. Timothy D. Cook", "sector": "Technology", "country": "US", "fullTimeEmployees": "161000",
     "phone": "408 996 1010", "address": "One Apple Park Way", "city": "Cupertino", "state": "CA", "zip": "95014",
     "image": "https://financialmodelingprep.com/image-stock/AAPL.png", "ipoDate": "1980-12-12", "defaultImage": false,
     "isEtf": false, "isActivelyTrading": true, "isAdr": false, "isFund": false}
]$$);
select results_eq(
    $$ select rows_out from ops.run_transform('equity_profile') $$,
    $$ values (1::bigint) $$,
    'a changed profile writes one new row'
);
select results_eq(
    $$ select data_version, price, market_cap, api_version from core.equity_profile where symbol = 'AAPL' order by data_version $$,
    $$ values (1, 185.64::numeric, 2887000000000::numeric, 'v3'::text), (2, 191.2, 2973000000000, 'stable') $$,
    'the changed profile is version 2 of AAPL; version 1 stays as it was'
);
select results_eq(
    $$ select symbol collate "default", price, data_version from api.equity_profile order by symbol $$,
    $$ values ('AAPL'::text, 191.2::numeric, 2), ('BRK-B', 362.46, 1) $$,
    'api.equity_profile shows the latest version of each symbol'
);
select is_empty(
    $$ select symbol from api.equity_profile group by symbol having count(*) > 1 $$,
    'api.equity_profile has one row per symbol'
);
select is(
    (select count(*)::integer from ops.quality_issue where dataset = 'fmp.profile'),
    0,
    'every field of both generations has a column: no unknown-field or typing issue'
);
select is_empty(
    $$
    select p.symbol from core.equity_profile_latest as p
    join raw.batch as b on b.batch_id = p.batch_id
    where p.updated_at <> b.landed_at or p.batch_line <> 1 or p.data_source <> 'API'
        or p.raw_json <> (select r.payload -> p.batch_elem from raw.record as r where r.batch_id = p.batch_id)
    $$,
    'each row keeps its lineage: batch, line 1, its element of the response as raw_json, landing time, data_source API'
);
select results_eq(
    $$ select symbol collate "default", batch_elem from core.equity_profile where data_version = 1 order by symbol $$,
    $$ values ('AAPL'::text, 0), ('BRK-B', 1) $$,
    'batch_elem is each document''s 0-based position in the response'
);

select * from finish();
rollback;
