-- A placeholder identifier (CUSIP "000000000", ISIN "N/A", "0", "", null) is
-- no key: futures, cash and collateral lines of an ETF are keyed by their
-- next real identifier, then their name (or N-PORT title), then their
-- position; a key two holdings of one response share is numbered from its
-- second occurrence. No holding of a response is lost, in any of the three
-- row shapes, and the same responses again add nothing.
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(11);

-- Setup: legacy v3 /etf-holder for IOO (7 holdings), legacy v4 N-PORT for
-- ACWI (5), stable for EFA (4)
create temp table answer (symbol text, endpoint text, params jsonb, body jsonb) on commit drop;
insert into answer values
('IOO', '/api/v3/etf-holder/IOO', '{"symbol": "IOO"}', $$[
    {"asset": "AAPL", "name": "APPLE INC", "isin": "US0378331005", "cusip": "037833100", "sharesNumber": 1000000,
     "weightPercentage": 5.1, "marketValue": 230000000, "updated": "2024-11-29 05:08:17"},
    {"asset": "", "name": "S&P500 EMINI FUT DEC24", "isin": "", "cusip": "000000000", "sharesNumber": 20,
     "weightPercentage": 0.4, "marketValue": 6000000, "updated": "2024-11-29 05:08:17"},
    {"asset": null, "name": "MSCI EAFE FUT DEC24", "isin": "N/A", "cusip": "000000000", "sharesNumber": 12,
     "weightPercentage": 0.1, "marketValue": 1500000, "updated": "2024-11-29 05:08:17"},
    {"asset": "0", "name": "USD CASH", "isin": "000000000000", "cusip": "0", "sharesNumber": 250000,
     "weightPercentage": 0.05, "marketValue": 250000, "updated": "2024-11-29 05:08:17"},
    {"asset": "", "name": "CASH COLLATERAL", "isin": "", "cusip": "000000000", "sharesNumber": 10,
     "weightPercentage": 0.01, "marketValue": 10, "updated": "2024-11-29 05:08:17"},
    {"asset": "", "name": "CASH COLLATERAL", "isin": "", "cusip": "000000000", "sharesNumber": 20,
     "weightPercentage": 0.02, "marketValue": 20, "updated": "2024-11-29 05:08:17"},
    {"asset": "", "name": "", "isin": "", "cusip": "000000000", "sharesNumber": 5,
     "weightPercentage": 0.001, "marketValue": 5, "updated": "2024-11-29 05:08:17"}
]$$),
('ACWI', '/api/v4/etf-holdings', '{"symbol": "ACWI", "date": "2024-09-30"}', $$[
    {"cik": "0001100663", "acceptanceTime": "2024-11-26 16:05:12", "date": "2024-09-30", "symbol": "AAPL", "name": "Apple Inc",
     "lei": "HWUPKR0MPOU8FGXBT394", "title": "APPLE INC", "cusip": "037833100", "isin": "US0378331005", "balance": 4000000,
     "units": "NS", "cur_cd": "USD", "valUsd": 900000000, "pctVal": 4.2, "payoffProfile": "Long", "assetCat": "EC",
     "issuerCat": "CORP", "invCountry": "US", "isRestrictedSec": "N", "fairValLevel": "1"},
    {"cik": "0001100663", "acceptanceTime": "2024-11-26 16:05:12", "date": "2024-09-30", "symbol": null, "name": "N/A",
     "lei": "N/A", "title": "S&P500 EMINI FUT DEC24", "cusip": "000000000", "isin": "N/A", "balance": 150,
     "units": "NC", "cur_cd": "USD", "valUsd": 1200000, "pctVal": 0.02, "payoffProfile": "Long", "assetCat": "DE",
     "issuerCat": "OTHER", "invCountry": "US", "isRestrictedSec": "N", "fairValLevel": "1"},
    {"cik": "0001100663", "acceptanceTime": "2024-11-26 16:05:12", "date": "2024-09-30", "symbol": null, "name": "N/A",
     "lei": "N/A", "title": "MSCI EAFE FUT DEC24", "cusip": "000000000", "isin": "N/A", "balance": 80,
     "units": "NC", "cur_cd": "USD", "valUsd": 400000, "pctVal": 0.01, "payoffProfile": "Long", "assetCat": "DE",
     "issuerCat": "OTHER", "invCountry": "US", "isRestrictedSec": "N", "fairValLevel": "1"},
    {"cik": "0001100663", "acceptanceTime": "2024-11-26 16:05:12", "date": "2024-09-30", "symbol": null, "name": "Toyota Motor Corp",
     "lei": "5493006W3QUS5LMH6R84", "title": "TOYOTA MOTOR CORP", "cusip": "000000000", "isin": "JP3633400001", "balance": 26300000,
     "units": "NS", "cur_cd": "JPY", "valUsd": 470000000, "pctVal": 0.78, "payoffProfile": "Long", "assetCat": "EC",
     "issuerCat": "CORP", "invCountry": "JP", "isRestrictedSec": "N", "fairValLevel": "2"},
    {"cik": "0001100663", "acceptanceTime": "2024-11-26 16:05:12", "date": "2024-09-30", "symbol": null, "name": "N/A",
     "lei": "N/A", "title": "S&P500 EMINI FUT DEC24", "cusip": "000000000", "isin": "N/A", "balance": -10,
     "units": "NC", "cur_cd": "USD", "valUsd": -80000, "pctVal": -0.001, "payoffProfile": "Short", "assetCat": "DE",
     "issuerCat": "OTHER", "invCountry": "US", "isRestrictedSec": "N", "fairValLevel": "1"}
]$$),
('EFA', '/stable/etf/holdings', '{"symbol": "EFA"}', $$[
    {"symbol": "EFA", "asset": "NOVO-B.CO", "name": "NOVO NORDISK CLASS B", "isin": "DK0062498333", "securityCusip": null,
     "sharesNumber": 9000000, "weightPercentage": 2.1, "marketValue": 1000000000, "updatedAt": "2024-11-29 05:08:17"},
    {"symbol": "EFA", "asset": null, "name": "MSCI EAFE FUT DEC24", "isin": "0", "securityCusip": "000000000",
     "sharesNumber": 300, "weightPercentage": 0.3, "marketValue": 35000000, "updatedAt": "2024-11-29 05:08:17"},
    {"symbol": "EFA", "asset": null, "name": "EUR CASH", "isin": "0", "securityCusip": "000000000",
     "sharesNumber": 1000000, "weightPercentage": 0.02, "marketValue": 1050000, "updatedAt": "2024-11-29 05:08:17"},
    {"symbol": "EFA", "asset": null, "name": "JPY CASH", "isin": "0", "securityCusip": "000000000",
     "sharesNumber": 90000000, "weightPercentage": 0.01, "marketValue": 600000, "updatedAt": "2024-11-29 05:08:17"}
]$$);
create temp table landed on commit drop as
select a.symbol, tests.land_fmp('fmp.etf_holdings', a.endpoint, a.params, a.body) as batch_id, jsonb_array_length(a.body) as holdings
from answer as a;
select * from ops.run_transform('etfs_holdings');

-- Test
select results_eq(
    $$ select l.symbol, l.holdings::bigint from landed as l order by l.symbol $$,
    $$ select l.symbol, (select count(*) from core.etfs_holdings as h where h.batch_id = l.batch_id) from landed as l order by l.symbol $$,
    'every holding of each response is a row of core.etfs_holdings: none collapses into another'
);
select results_eq(
    $$ select l.symbol, l.holdings::bigint from landed as l order by l.symbol $$,
    $$ select l.symbol, (select count(*) from api.etf_holding as v where v.symbol = l.symbol) from landed as l order by l.symbol $$,
    'api.etf_holding lists as many holdings per ETF as its response'
);
select results_eq(
    $$ select holding_key collate "default" from core.etfs_holdings where symbol = 'IOO' order by batch_elem $$,
    $$ values ('AAPL'::text), ('S&P500 EMINI FUT DEC24'), ('MSCI EAFE FUT DEC24'), ('USD CASH'),
              ('CASH COLLATERAL'), ('CASH COLLATERAL #2'), ('#7') $$,
    'legacy v3: futures and cash are keyed by name, the second CASH COLLATERAL as #2, a line without name by its position'
);
select results_eq(
    $$ select holding_key collate "default" from core.etfs_holdings where symbol = 'ACWI' order by batch_elem $$,
    $$ values ('AAPL'::text), ('S&P500 EMINI FUT DEC24'), ('MSCI EAFE FUT DEC24'), ('JP3633400001'), ('S&P500 EMINI FUT DEC24 #2') $$,
    'legacy v4 N-PORT: a placeholder CUSIP gives way to the ISIN, futures without codes (name "N/A") are keyed by title'
);
select results_eq(
    $$ select holding_key collate "default" from core.etfs_holdings where symbol = 'EFA' order by batch_elem $$,
    $$ values ('NOVO-B.CO'::text), ('MSCI EAFE FUT DEC24'), ('EUR CASH'), ('JPY CASH') $$,
    'stable: securityCusip 000000000 and ISIN 0 are no key, the names are'
);
select is_empty(
    $$ select symbol, holding_key, asset, isin, cusip, lei from core.etfs_holdings
       where asset ~ '^[0-]+$' or isin ~ '^[0-]+$' or cusip ~ '^[0-]+$' or lei ~ '^[0-]+$'
          or coalesce(asset, isin, cusip, lei) in ('', 'N/A') $$,
    'no placeholder is kept as an identifier: asset, isin, cusip and lei are NULL instead'
);
select results_eq(
    $$ select field, count(*)::integer from ops.quality_issue
       where dataset = 'fmp.etf_holdings' and rule = 'placeholder_identifier' group by field order by field $$,
    $$ values ('asset'::text, 1), ('cusip', 10), ('isin', 4), ('securityCusip', 3) $$,
    'each placeholder that was written (not blank) is reported once, under the key FMP used'
);
select is_empty(
    $$ select rule from ops.quality_issue where dataset = 'fmp.etf_holdings' and rule in ('duplicate_row', 'conflicting_duplicate') $$,
    'no holding is taken for a duplicate of another'
);

-- the same three responses again: the same keys, no new version
select tests.land_fmp('fmp.etf_holdings', a.endpoint, a.params, a.body) from answer as a;
select results_eq(
    $$ select rows_in, rows_out from ops.run_transform('etfs_holdings') $$,
    $$ values (16::bigint, 0::bigint) $$,
    'landing the same responses again adds no version: the keys are stable across loads'
);
select is(
    (select count(*)::integer from api.etf_holding),
    16,
    'and the view still lists the 16 holdings'
);
create temp table incremental on commit drop as
select symbol, holding_key, data_version, is_listed, batch_id, batch_elem, content_hash from core.etfs_holdings;
select * from ops.rebuild_transform('etfs_holdings');
select set_eq(
    $$ select symbol, holding_key, data_version, is_listed, batch_id, batch_elem, content_hash from core.etfs_holdings $$,
    $$ select * from incremental $$,
    'a rebuild from the six responses gives the same keys and versions'
);

select * from finish();
rollback;
