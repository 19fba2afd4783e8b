-- view: api.equity_financial_scores
-- Grain: one row per symbol: the latest version of its FMP financial scores.
-- From core.equity_financial_scores (transforms/fmp/equity_financial_scores.sql).
create view api.equity_financial_scores as
select distinct on (s.symbol)
    s.symbol,
    s.altman_z_score,
    s.piotroski_score,
    s.working_capital,
    s.total_assets,
    s.retained_earnings,
    s.ebit,
    s.market_cap,
    s.total_liabilities,
    s.revenue,
    s.reported_currency,
    s.data_version,
    s.api_version,
    s.updated_at
from core.equity_financial_scores_latest as s
order by s.symbol;

comment on view api.equity_financial_scores is 'One row per symbol: its latest Altman Z and Piotroski scores and their inputs.';
