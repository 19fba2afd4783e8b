-- A holdings response is the ETF's whole list: a holding a later response no
-- longer names gets a version with is_listed = false (once), leaves
-- api.etf_holding, and comes back as a new version when listed again. An
-- empty response removes nothing.
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(7);

-- Setup: week 1 lists A, B, C
select tests.land_fmp('fmp.etf_holdings', '/stable/etf/holdings', '{"symbol": "ETF1"}', $$[
    {"symbol": "ETF1", "asset": "A", "name": "A CORP", "weightPercentage": 50},
    {"symbol": "ETF1", "asset": "B", "name": "B CORP", "weightPercentage": 30},
    {"symbol": "ETF1", "asset": "C", "name": "C CORP", "weightPercentage": 20}
]$$);
select * from ops.run_transform('etfs_holdings');
-- week 2 lists A and C only; week 3 (same run) lists A, B, C again
select tests.land_fmp('fmp.etf_holdings', '/stable/etf/holdings', '{"symbol": "ETF1"}', $$[
    {"symbol": "ETF1", "asset": "A", "name": "A CORP", "weightPercentage": 60},
    {"symbol": "ETF1", "asset": "C", "name": "C CORP", "weightPercentage": 40}
]$$);
select * from ops.run_transform('etfs_holdings');

-- Test
select results_eq(
    $$ select holding_key collate "default", weight_percentage from api.etf_holding where symbol = 'ETF1' order by holding_key $$,
    $$ values ('A'::text, 60::numeric), ('C', 40) $$,
    'after week 2 the view lists A and C with their new weights: B is gone'
);
select results_eq(
    $$ select data_version, is_listed, weight_percentage, batch_elem < 0 from core.etfs_holdings where holding_key = 'B' order by data_version $$,
    $$ values (1, true, 30::numeric, false), (2, false, null, true) $$,
    'B''s removal is version 2 with is_listed false, no values and no document of its own (batch_elem < 0)'
);

select tests.land_fmp('fmp.etf_holdings', '/stable/etf/holdings', '{"symbol": "ETF1"}', $$[
    {"symbol": "ETF1", "asset": "A", "name": "A CORP", "weightPercentage": 60},
    {"symbol": "ETF1", "asset": "C", "name": "C CORP", "weightPercentage": 40}
]$$);
select results_eq(
    $$ select rows_out from ops.run_transform('etfs_holdings') $$,
    $$ values (0::bigint) $$,
    'the same list again adds nothing: B''s removal is recorded once'
);

select tests.land_fmp('fmp.etf_holdings', '/stable/etf/holdings', '{"symbol": "ETF1"}', '[]');
select * from ops.run_transform('etfs_holdings');
select is(
    (select count(*)::integer from api.etf_holding where symbol = 'ETF1'),
    2,
    'an empty response removes nothing'
);

-- two responses in one run: B comes back, then D replaces C
select tests.land_fmp('fmp.etf_holdings', '/stable/etf/holdings', '{"symbol": "ETF1"}', $$[
    {"symbol": "ETF1", "asset": "A", "name": "A CORP", "weightPercentage": 60},
    {"symbol": "ETF1", "asset": "B", "name": "B CORP", "weightPercentage": 10},
    {"symbol": "ETF1", "asset": "C", "name": "C CORP", "weightPercentage": 30}
]$$);
select tests.land_fmp('fmp.etf_holdings', '/stable/etf/holdings', '{"symbol": "ETF1"}', $$[
    {"symbol": "ETF1", "asset": "A", "name": "A CORP", "weightPercentage": 60},
    {"symbol": "ETF1", "asset": "B", "name": "B CORP", "weightPercentage": 10},
    {"symbol": "ETF1", "asset": "D", "name": "D CORP", "weightPercentage": 30}
]$$);
select * from ops.run_transform('etfs_holdings');
select results_eq(
    $$ select holding_key collate "default", weight_percentage from api.etf_holding where symbol = 'ETF1' order by holding_key $$,
    $$ values ('A'::text, 60::numeric), ('B', 10), ('D', 30) $$,
    'after two responses in one run the view shows the last list'
);
select results_eq(
    $$ select holding_key collate "default", data_version, is_listed from core.etfs_holdings where holding_key in ('B', 'C') order by holding_key, data_version $$,
    $$ values ('B'::text, 1, true), ('B', 2, false), ('B', 3, true), ('C', 1, true), ('C', 2, true), ('C', 3, true), ('C', 4, false) $$,
    'B is listed again as version 3; C, reweighted by the first response of the run (version 3) and left out of the second, is removed as version 4'
);
select is_empty(
    $$ select symbol, holding_key from api.etf_holding group by symbol, holding_key having count(*) > 1 $$,
    'api.etf_holding keeps one row per ETF and holding'
);

select * from finish();
rollback;
