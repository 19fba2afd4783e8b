-- view: api.portfolio_scenario
-- Grain: one row per portfolio per scenario of core.scenario (market and
-- rates moves, and the stress set; shocks in core.scenario_shock, editable
-- without code). From agg.position_analytics, api.portfolio_factor_exposure
-- and agg.factor_comovement; formulas in docs/ANALYTICS.md.
create view api.portfolio_scenario as
with
latest as (
    select distinct on (c.portfolio) c.portfolio
    from core.portfolio as c
    order by c.portfolio, c.data_version desc
),
betas as (
    select a.portfolio,
        sum(a.delta_adjusted_exposure * a.market_beta order by a.position_no) filter (where a.market_beta is not null) as market_dollar,
        sum(a.delta_adjusted_exposure * a.ir_beta order by a.position_no) filter (where a.ir_beta is not null) as rates_dollar
    from agg.position_analytics as a
    group by a.portfolio
),
fd as (
    select e.portfolio, e.factor, e.dollar_exposure
    from api.portfolio_factor_exposure as e
)
select
    l.portfolio,
    s.scenario,
    s.category,
    s.description,
    coalesce(d.direct, 0) as direct_pnl,
    coalesce(d.direct, 0) + coalesce(c.spill, 0) as correlated_pnl,
    (select st.as_of_date from agg.analytics_state as st) as as_of_date
from latest as l
cross join core.scenario as s
left join betas as b on b.portfolio = l.portfolio
left join lateral (
    select sum(case
            when sh.factor = 'rates' then b.rates_dollar * sh.shock / 100
            when s.category = 'market' then b.market_dollar * sh.shock
            else f.dollar_exposure * sh.shock
        end order by sh.factor) as direct
    from core.scenario_shock as sh
    left join fd as f on f.portfolio = l.portfolio and f.factor = sh.factor
    where sh.scenario = s.scenario
) as d on true
left join lateral (
    -- each factor the scenario leaves alone moves with the shocked ones
    select sum(f.dollar_exposure * m.correlation * m.volatility_ratio * sh.shock order by sh.factor, m.factor_a) as spill
    from core.scenario_shock as sh
    join agg.factor_comovement as m on m.factor_b = sh.factor
    join fd as f on f.portfolio = l.portfolio and f.factor = m.factor_a
    where sh.scenario = s.scenario and s.category = 'stress' and sh.factor <> 'rates'
        and not exists (select 1 from core.scenario_shock as x where x.scenario = s.scenario and x.factor = m.factor_a)
) as c on true;

comment on view api.portfolio_scenario is 'One row per portfolio per scenario: the P&L of market and rates moves and of the stress set, direct and with correlated factor moves (docs/ANALYTICS.md).';
comment on column api.portfolio_scenario.category is 'market (CAPM beta), rates (interest-rate beta) or stress (7-factor model; its rates scenarios by interest-rate beta).';
comment on column api.portfolio_scenario.direct_pnl is 'Currency: market: Σ delta-adjusted exposure × CAPM beta × move; rates: Σ delta-adjusted exposure × IR beta × bp / 100; stress: Σ over shocked factors of dollar exposure × shock.';
comment on column api.portfolio_scenario.correlated_pnl is 'Currency: direct + Σ over unshocked factors f of dollar exposure_f × Σ over shocked g of ρ_fg × σ_f / σ_g × shock_g (RiskMetrics, λ = 0.94, ρ capped at ±0.95); equal to direct for market and rates moves.';
