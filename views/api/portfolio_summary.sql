-- view: api.portfolio_summary
-- Grain: one row per portfolio (its latest version; a portfolio without
-- positions has zero sums). From core.portfolio and api.position_analytics;
-- formulas in docs/ANALYTICS.md.
create view api.portfolio_summary as
with latest as (
    select distinct on (c.portfolio) c.portfolio, c.data_version, c.position_count
    from core.portfolio as c
    order by c.portfolio, c.data_version desc
)
select
    l.portfolio,
    (select s.as_of_date from agg.analytics_state as s) as as_of_date,
    l.data_version,
    l.position_count,
    coalesce(sum(abs(a.exposure) order by a.position_no), 0) as gross_exposure,
    coalesce(sum(a.exposure order by a.position_no), 0) as net_exposure,
    coalesce(sum(a.exposure order by a.position_no) filter (where a.exposure > 0), 0) as long_exposure,
    coalesce(sum(a.exposure order by a.position_no) filter (where a.exposure < 0), 0) as short_exposure,
    count(a.position_no) filter (where a.quantity > 0) as long_count,
    count(a.position_no) filter (where a.quantity < 0) as short_count,
    coalesce(sum(a.exposure order by a.position_no) filter (where a.multiplier = 1), 0) as stock_exposure,
    coalesce(sum(a.exposure order by a.position_no) filter (where a.multiplier <> 1), 0) as option_exposure,
    coalesce(sum(a.delta_adjusted_exposure order by a.position_no), 0) as delta_adjusted_exposure,
    coalesce(sum(a.market_value order by a.position_no), 0) as market_value,
    coalesce(sum(a.unrealized_pnl order by a.position_no), 0) as unrealized_pnl,
    coalesce(sum(a.daily_pnl order by a.position_no), 0) as daily_pnl,
    coalesce(sum(a.delta_adjusted_exposure * a.market_beta order by a.position_no) filter (where a.market_beta is not null), 0) as market_dollar_exposure,
    sum(a.delta_adjusted_exposure * a.market_beta order by a.position_no) filter (where a.market_beta is not null)
        / nullif(sum(a.exposure order by a.position_no), 0) as market_beta,
    count(a.position_no) filter (where a.price is null) as unpriced_count,
    coalesce(sum(a.delta order by a.position_no), 0) as delta,
    coalesce(sum(a.gamma order by a.position_no), 0) as gamma,
    coalesce(sum(a.theta order by a.position_no), 0) as theta,
    coalesce(sum(a.vega order by a.position_no), 0) as vega,
    coalesce(sum(a.rho order by a.position_no), 0) as rho
from latest as l
left join agg.position_analytics as a on a.portfolio = l.portfolio
group by l.portfolio, l.data_version, l.position_count;

comment on view api.portfolio_summary is 'One row per portfolio (latest version): exposures, counts, P&L, market beta and Greeks summed over its positions (docs/ANALYTICS.md).';
comment on column api.portfolio_summary.gross_exposure is 'Currency: Σ |exposure|.';
comment on column api.portfolio_summary.net_exposure is 'Currency: Σ exposure (signed).';
comment on column api.portfolio_summary.long_exposure is 'Currency: Σ of the positive exposures.';
comment on column api.portfolio_summary.short_exposure is 'Currency: Σ of the negative exposures (a negative number).';
comment on column api.portfolio_summary.long_count is 'Positions with a positive quantity.';
comment on column api.portfolio_summary.short_count is 'Positions with a negative quantity.';
comment on column api.portfolio_summary.stock_exposure is 'Currency: Σ exposure of stocks and ETFs.';
comment on column api.portfolio_summary.option_exposure is 'Currency: Σ exposure of options (premium value × quantity × 100).';
comment on column api.portfolio_summary.delta_adjusted_exposure is 'Currency: Σ delta-adjusted exposure.';
comment on column api.portfolio_summary.market_value is 'Currency: Σ |quantity| × price × multiplier.';
comment on column api.portfolio_summary.unrealized_pnl is 'Currency: Σ unrealized P&L against entry prices.';
comment on column api.portfolio_summary.daily_pnl is 'Currency: Σ daily P&L (positions without a previous price count 0).';
comment on column api.portfolio_summary.market_dollar_exposure is 'Currency: Σ delta-adjusted exposure × CAPM beta over positions with a beta.';
comment on column api.portfolio_summary.market_beta is 'market_dollar_exposure / net exposure; NULL when net exposure is 0.';
comment on column api.portfolio_summary.unpriced_count is 'Positions without a price on as_of_date (left out of the sums).';
comment on column api.portfolio_summary.delta is 'Shares-equivalent: Σ position delta.';
comment on column api.portfolio_summary.gamma is 'Σ position gamma.';
comment on column api.portfolio_summary.theta is 'Currency per calendar day: Σ position theta.';
comment on column api.portfolio_summary.vega is 'Currency per volatility point: Σ position vega.';
comment on column api.portfolio_summary.rho is 'Currency per rate point: Σ position rho.';
