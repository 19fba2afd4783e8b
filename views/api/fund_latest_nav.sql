-- view: api.fund_latest_nav
-- Grain: one row per identifier: its most recent date's NAVPS (latest version)
-- and the change from the previous NAVPS. The most recent date is stored per
-- fund (core.fundata_quotes_current_date) and its latest version read through
-- core.fundata_quotes_latest: index lookups, no sort of the fund's history.
create view api.fund_latest_nav as
select
    d.identifier,
    f.legal_name,
    f.currency,
    n.date as nav_date,
    n.navps,
    n.previous_date,
    n.previous_navps,
    n.navps_penny_change,
    n.navps_percent_change,
    n.current_yield,
    n.data_version,
    n.updated_at
from core.fundata_quotes_current_date as d
cross join lateral (
    -- that day's latest version (its first row when a document held arrays)
    select q.*
    from core.fundata_quotes_latest as q
    where q.identifier = d.identifier and q.date = d.date
    order by q.array_source_field nulls first, q.array_element_index nulls first
    limit 1
) as n
left join api.fund as f on f.identifier = d.identifier;

comment on view api.fund_latest_nav is 'One row per identifier: its latest NAVPS and the change from the one before.';
