-- view: api.fund_nav
-- Grain: one row per identifier per date: the latest version of that day's
-- NAVPS. From core.fundata_quotes (transforms/fundata/fundata_quotes.sql).
create view api.fund_nav as
select distinct on (q.identifier, q.date)
    q.identifier,
    q.date,
    q.navps,
    q.navps_penny_change,
    q.navps_percent_change,
    q.previous_date,
    q.previous_navps,
    q.current_yield,
    q.current_yield_percent_change,
    q.split,
    q.record_state,
    q.data_version,
    q.data_source,
    q.updated_at
from core.fundata_quotes_latest as q
order by q.identifier, q.date, q.array_source_field nulls first, q.array_element_index nulls first;

comment on view api.fund_nav is 'One row per identifier per date: the latest version of the daily NAVPS.';
