-- view: api.fund_nav_monthly
-- Grain: one row per identifier per calendar month with a NAVPS: opening,
-- closing, highest and lowest NAVPS, average yield and trading days, from the
-- latest version of each day. From agg.fund_nav_monthly (transforms/agg/refresh_aggregates.sql).
create view api.fund_nav_monthly as
select
    m.identifier,
    m.month_start_date,
    m.first_date,
    m.last_date,
    m.opening_navps,
    m.closing_navps,
    m.max_navps,
    m.min_navps,
    m.avg_yield,
    m.trading_days
from agg.fund_nav_monthly as m;

comment on view api.fund_nav_monthly is 'One row per identifier per calendar month: opening, closing, high and low NAVPS, average yield and trading days.';
