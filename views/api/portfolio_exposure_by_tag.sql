-- view: api.portfolio_exposure_by_tag
-- Grain: one row per portfolio per tag of its latest version's positions (a
-- position counts fully in each of its tags). From api.position_analytics.
create view api.portfolio_exposure_by_tag as
select
    a.portfolio,
    t.tag,
    sum(abs(a.exposure) order by a.position_no) as gross_exposure,
    sum(a.exposure order by a.position_no) as net_exposure,
    sum(a.delta_adjusted_exposure order by a.position_no) as delta_adjusted_exposure,
    sum(a.market_value order by a.position_no) as market_value,
    sum(a.unrealized_pnl order by a.position_no) as unrealized_pnl,
    count(*) as position_count,
    max(a.as_of_date) as as_of_date
from agg.position_analytics as a
cross join lateral unnest(a.tags) as t (tag)
group by a.portfolio, t.tag;

comment on view api.portfolio_exposure_by_tag is 'One row per portfolio per tag: exposures of the positions carrying the tag (each position counts fully in each of its tags).';
comment on column api.portfolio_exposure_by_tag.gross_exposure is 'Currency: Σ |exposure|.';
comment on column api.portfolio_exposure_by_tag.net_exposure is 'Currency: Σ exposure (signed).';
comment on column api.portfolio_exposure_by_tag.delta_adjusted_exposure is 'Currency: Σ delta-adjusted exposure.';
comment on column api.portfolio_exposure_by_tag.market_value is 'Currency: Σ |quantity| × price × multiplier.';
comment on column api.portfolio_exposure_by_tag.position_count is 'Positions carrying the tag.';
