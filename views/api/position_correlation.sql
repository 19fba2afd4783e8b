-- view: api.position_correlation
-- Grain: one row per portfolio per ordered pair of its stock and ETF
-- positions (not options) worth at least $10,000 and at least 1 % of the
-- portfolio's gross exposure: both (a, b) and (b, a), no diagonal. From
-- agg.position_correlation, built by agg.refresh_analytics().
create view api.position_correlation as
select
    c.portfolio,
    c.symbol_a,
    c.symbol_b,
    c.correlation,
    c.n_obs,
    c.as_of_date
from agg.position_correlation as c;

comment on view api.position_correlation is 'One row per portfolio per ordered pair of its larger stock/ETF positions: Pearson correlation of daily returns.';
comment on column api.position_correlation.correlation is 'Pearson correlation (-1..1) of the two symbols'' daily returns over their common dates among the last 90 trading dates (SPY''s); pairs with fewer than 20 are left out.';
comment on column api.position_correlation.n_obs is 'Common dates in the correlation (20..90).';
