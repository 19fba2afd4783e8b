-- view: api.portfolio_exposure_by_underlying
-- Grain: one row per portfolio per underlying of its latest version's
-- positions (a stock is its own underlying). From api.position_analytics.
create view api.portfolio_exposure_by_underlying as
select
    a.portfolio,
    a.underlying,
    sum(abs(a.exposure) order by a.position_no) as gross_exposure,
    sum(a.exposure order by a.position_no) as net_exposure,
    sum(a.delta_adjusted_exposure order by a.position_no) as delta_adjusted_exposure,
    sum(a.market_value order by a.position_no) as market_value,
    sum(a.unrealized_pnl order by a.position_no) as unrealized_pnl,
    count(*) as position_count,
    max(a.as_of_date) as as_of_date
from agg.position_analytics as a
group by a.portfolio, a.underlying;

comment on view api.portfolio_exposure_by_underlying is 'One row per portfolio per underlying: exposures of its stock and its options together.';
comment on column api.portfolio_exposure_by_underlying.underlying is 'An option''s underlying, or the stock itself.';
comment on column api.portfolio_exposure_by_underlying.gross_exposure is 'Currency: Σ |exposure|.';
comment on column api.portfolio_exposure_by_underlying.net_exposure is 'Currency: Σ exposure (signed).';
comment on column api.portfolio_exposure_by_underlying.delta_adjusted_exposure is 'Currency: Σ delta-adjusted exposure.';
comment on column api.portfolio_exposure_by_underlying.market_value is 'Currency: Σ |quantity| × price × multiplier.';
comment on column api.portfolio_exposure_by_underlying.position_count is 'Positions on the underlying.';
