-- ETF holdings take FMP's updatedAt as their as-of. A holding a response no
-- longer lists is removed as of that response's updatedAt (not its landing
-- time), so a newer list that names it again brings it back; an older list
-- landed again (--force) goes to history and the newest list stays the one
-- api.etf_holding shows.
begin;
\ir ../helpers/fixtures.psql
\ir ../fmp/fmp_fixtures.psql
select plan(5);

-- Setup: the list of 2024-10-01 (A, B), then the one of 2024-11-01 (A only)
select null from tests.land_fmp('fmp.etf_holdings', '/stable/etf/holdings', '{"symbol": "ETF1"}', $$[
    {"symbol": "ETF1", "asset": "A", "name": "A CORP", "weightPercentage": 50, "updatedAt": "2024-10-01 00:00:00"},
    {"symbol": "ETF1", "asset": "B", "name": "B CORP", "weightPercentage": 50, "updatedAt": "2024-10-01 00:00:00"}
]$$);
select count(*) from ops.run_transform('etfs_holdings');
select null from tests.land_fmp('fmp.etf_holdings', '/stable/etf/holdings', '{"symbol": "ETF1"}', $$[
    {"symbol": "ETF1", "asset": "A", "name": "A CORP", "weightPercentage": 100, "updatedAt": "2024-11-01 00:00:00"}
]$$);
select count(*) from ops.run_transform('etfs_holdings');

-- Test
select is(
    (select vendor_as_of from core.etfs_holdings_current where symbol = 'ETF1' and holding_key = 'B'),
    timestamptz '2024-11-01 00:00:00+00',
    'B''s removal is as of the updatedAt of the list that left it out'
);

-- the list of 2024-10-01 landed again
select null from tests.land_fmp('fmp.etf_holdings', '/stable/etf/holdings', '{"symbol": "ETF1"}', $$[
    {"symbol": "ETF1", "asset": "A", "name": "A CORP", "weightPercentage": 50, "updatedAt": "2024-10-01 00:00:00"},
    {"symbol": "ETF1", "asset": "B", "name": "B CORP", "weightPercentage": 50, "updatedAt": "2024-10-01 00:00:00"}
]$$);
select count(*) from ops.run_transform('etfs_holdings');
select results_eq(
    $$ select count(*)::integer from core.etfs_holdings where symbol = 'ETF1' and updated_at = (select max(landed_at) from raw.batch) $$,
    $$ values (2) $$,
    'the older list landed again is in history (A and B differ from their newest arrivals)'
);
select results_eq(
    $$ select holding_key collate "default", weight_percentage from api.etf_holding where symbol = 'ETF1' order by holding_key $$,
    $$ values ('A'::text, 100::numeric) $$,
    'api.etf_holding still shows the list of 2024-11-01'
);

-- the list of 2024-12-01 names B again
select null from tests.land_fmp('fmp.etf_holdings', '/stable/etf/holdings', '{"symbol": "ETF1"}', $$[
    {"symbol": "ETF1", "asset": "A", "name": "A CORP", "weightPercentage": 70, "updatedAt": "2024-12-01 00:00:00"},
    {"symbol": "ETF1", "asset": "B", "name": "B CORP", "weightPercentage": 30, "updatedAt": "2024-12-01 00:00:00"}
]$$);
select count(*) from ops.run_transform('etfs_holdings');
select results_eq(
    $$ select holding_key collate "default", weight_percentage from api.etf_holding where symbol = 'ETF1' order by holding_key $$,
    $$ values ('A'::text, 70::numeric), ('B', 30) $$,
    'a newer list that names B again brings it back'
);
select set_eq(
    $$ select symbol, holding_key, data_version, vendor_as_of, batch_id, line from core.etfs_holdings_current $$,
    $$ select distinct on (symbol, holding_key) symbol, holding_key, data_version, vendor_as_of, batch_id, batch_line
       from core.etfs_holdings order by symbol, holding_key, vendor_as_of desc, batch_id desc, batch_line desc, batch_elem desc $$,
    'core.etfs_holdings_current equals the recompute from history'
);

select * from finish();
rollback;
