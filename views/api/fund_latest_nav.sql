-- view: api.fund_latest_nav
-- Grain: one row per identifier: its most recent date's NAVPS (latest version)
-- and the change from the previous NAVPS. From api.fund_nav and api.fund.
create view api.fund_latest_nav as
select
    n.identifier,
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
from (
    select distinct on (q.identifier)
        q.identifier, q.date, q.navps, q.previous_date, q.previous_navps,
        q.navps_penny_change, q.navps_percent_change, q.current_yield,
        q.data_version, q.updated_at
    from core.fundata_quotes as q
    order by q.identifier, q.date desc, q.data_version desc,
        q.array_source_field nulls first, q.array_element_index nulls first
) as n
left join api.fund as f on f.identifier = n.identifier;

comment on view api.fund_latest_nav is 'One row per identifier: its latest NAVPS and the change from the one before.';
