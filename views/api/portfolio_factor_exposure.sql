-- view: api.portfolio_factor_exposure
-- Grain: one row per portfolio per factor of the 7-factor model. From
-- api.position_analytics and api.factor_exposure; formulas in docs/ANALYTICS.md.
create view api.portfolio_factor_exposure as
with
latest as (
    select distinct on (c.portfolio) c.portfolio
    from core.portfolio as c
    order by c.portfolio, c.data_version desc
),
net as (
    select a.portfolio, sum(a.exposure order by a.position_no) as net_exposure
    from agg.position_analytics as a
    group by a.portfolio
),
sens as (
    select a.portfolio, e.factor,
        sum(a.delta_adjusted_exposure * e.beta order by a.position_no) as dollar_exposure,
        count(*) as position_count
    from agg.position_analytics as a
    join agg.factor_exposure as e on e.symbol = a.underlying
    where e.beta is not null and a.delta_adjusted_exposure is not null
    group by a.portfolio, e.factor
)
select
    l.portfolio,
    f.factor,
    f.factor_etf,
    coalesce(s.dollar_exposure, 0) as dollar_exposure,
    coalesce(s.dollar_exposure, 0) / nullif(n.net_exposure, 0) as beta,
    coalesce(s.position_count, 0) as position_count,
    (select st.as_of_date from agg.analytics_state as st) as as_of_date
from latest as l
cross join core.factor as f
left join sens as s on s.portfolio = l.portfolio and s.factor = f.factor
left join net as n on n.portfolio = l.portfolio;

comment on view api.portfolio_factor_exposure is 'One row per portfolio per factor: dollar exposure = Σ delta-adjusted exposure × factor beta over positions with a beta (options: their underlying''s), and the portfolio beta.';
comment on column api.portfolio_factor_exposure.dollar_exposure is 'Currency per unit factor return: Σ delta-adjusted exposure × capped factor beta.';
comment on column api.portfolio_factor_exposure.beta is 'dollar_exposure / net exposure; NULL when net exposure is 0.';
comment on column api.portfolio_factor_exposure.position_count is 'Positions with a beta for the factor.';
