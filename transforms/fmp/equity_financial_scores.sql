-- transform: equity_financial_scores
-- version: 2
-- target: core.equity_financial_scores
-- datasets: fmp.financial_scores
-- Grain: one row per symbol per version. From FMP financial scores (legacy
-- /api/v4/score, stable /stable/financial-scores).

create or replace function core.transform_equity_financial_scores(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
begin
    -- stage, keep the remainder, write versions: core.fmp_transform_documents (fmp_common.sql)
    return query select * from core.fmp_transform_documents('equity_financial_scores', 'core.equity_financial_scores', p_batches, array[
        ---------- key
        'symbol text symbol|@symbol',
        'reported_currency text reportedCurrency',
        ---------- scores
        'altman_z_score num altmanZScore',
        'piotroski_score intg piotroskiScore',
        'working_capital num workingCapital',
        'total_assets num totalAssets',
        'retained_earnings num retainedEarnings',
        'ebit num ebit',
        'market_cap num marketCap',
        'total_liabilities num totalLiabilities',
        'revenue num revenue'
    ], array['symbol'],
        '{}');
end
$$;
