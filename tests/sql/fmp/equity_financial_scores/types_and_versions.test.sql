-- core.equity_financial_scores: one row per symbol per version; the legacy
-- /api/v4/score and stable /stable/financial-scores rows type alike
-- (piotroskiScore a whole number, altmanZScore a float), and
-- api.equity_financial_scores shows each symbol's latest scores.
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(4);

-- Setup
select tests.land_fmp('fmp.financial_scores', '/api/v4/score', '{"symbol": "AAPL"}', $$[
    {"symbol": "AAPL", "altmanZScore": 8.2, "piotroskiScore": 8, "workingCapital": -1742000000, "totalAssets": 352583000000,
     "retainedEarnings": -214000000, "ebit": 114301000000, "marketCap": 2998000000000, "totalLiabilities": 290437000000, "revenue": 383285000000}
]$$);
select * from ops.run_transform('equity_financial_scores');
select tests.land_fmp('fmp.financial_scores', '/stable/financial-scores', '{"symbol": "AAPL"}', $$[
    {"symbol": "AAPL", "reportedCurrency": "USD", "altmanZScore": 8.6, "piotroskiScore": 7.0, "workingCapital": -1742000000, "totalAssets": 352583000000,
     "retainedEarnings": -214000000, "ebit": 114301000000, "marketCap": 3100000000000, "totalLiabilities": 290437000000, "revenue": 383285000000}
]$$);
select * from ops.run_transform('equity_financial_scores');

-- Test
select results_eq(
    $$ select data_version, altman_z_score, piotroski_score, market_cap, reported_currency from core.equity_financial_scores order by data_version $$,
    $$ values (1, 8.2::numeric, 8, 2998000000000::numeric, null::text), (2, 8.6, 7, 3100000000000, 'USD') $$,
    'the newer scores are version 2; piotroskiScore 7.0 is the whole number 7'
);
select col_type_is('core', 'equity_financial_scores', 'piotroski_score', 'integer', 'piotroski_score is an integer');
select results_eq(
    $$ select symbol collate "default", altman_z_score, piotroski_score, data_version from api.equity_financial_scores $$,
    $$ values ('AAPL'::text, 8.6::numeric, 7, 2) $$,
    'api.equity_financial_scores shows the latest scores, one row per symbol'
);
select is(
    (select count(*)::integer from ops.quality_issue where dataset = 'fmp.financial_scores'),
    0,
    'no issue'
);

select * from finish();
rollback;
