-- Rebuilding core.etfs_holdings from the retained responses (all batches in
-- one run) gives the same versions as the weekly runs that consumed them one
-- at a time, removals included.
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(2);

-- Setup: four weekly responses, each consumed by its own run
select tests.land_fmp('fmp.etf_holdings', '/stable/etf/holdings', '{"symbol": "ETF2"}',
    '[{"symbol": "ETF2", "asset": "A", "weightPercentage": 50}, {"symbol": "ETF2", "asset": "B", "weightPercentage": 50}]');
select * from ops.run_transform('etfs_holdings');
select tests.land_fmp('fmp.etf_holdings', '/api/v3/etf-holder/ETF2', '{"symbol": "ETF2"}',
    '[{"asset": "A", "weightPercentage": "60%"}, {"asset": "C", "weightPercentage": 40}]');
select * from ops.run_transform('etfs_holdings');
select tests.land_fmp('fmp.etf_holdings', '/stable/etf/holdings', '{"symbol": "ETF2"}', '[]');
select * from ops.run_transform('etfs_holdings');
select tests.land_fmp('fmp.etf_holdings', '/stable/etf/holdings', '{"symbol": "ETF2"}',
    '[{"symbol": "ETF2", "asset": "B", "weightPercentage": 70}, {"symbol": "ETF2", "asset": "C", "weightPercentage": 30}]');
select * from ops.run_transform('etfs_holdings');
create temp table incremental on commit drop as
select symbol, holding_key, data_version, is_listed, weight_percentage, batch_id, batch_elem, content_hash from core.etfs_holdings;

-- Test
select results_eq(
    $$ select holding_key collate "default", data_version, is_listed, weight_percentage from incremental order by holding_key, data_version $$,
    $$ values ('A'::text, 1, true, 50::numeric), ('A', 2, true, 60), ('A', 3, false, null),
              ('B', 1, true, 50), ('B', 2, false, null), ('B', 3, true, 70),
              ('C', 1, true, 40), ('C', 2, true, 30) $$,
    'weekly runs: A reweighted then dropped, B dropped and back, C added and reweighted; the empty week changes nothing'
);
select * from ops.rebuild_transform('etfs_holdings');
select set_eq(
    $$ select symbol, holding_key, data_version, is_listed, weight_percentage, batch_id, batch_elem, content_hash from core.etfs_holdings $$,
    $$ select * from incremental $$,
    'a rebuild over all four responses in one run writes exactly the same versions'
);

select * from finish();
rollback;
