-- view: api.fund_nav
-- Grain: one row per identifier per date: the latest version of that day's
-- NAVPS. From core.fundata_quotes (transforms/fundata/fundata_quotes.sql).
-- Read from the stored latest (core.fundata_quotes_current: its key's index holds
-- data_version, so a date range of one key is an index-only scan in the year
-- partitions the range reaches), each day's row by the version key
-- (docs/SCALING.md, "Read paths"): never the key's whole history.
create view api.fund_nav as
select
    c.identifier,
    c.date,
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
from core.fundata_quotes_current as c
cross join lateral (
    -- the day's current version (its first row when a document held arrays)
    select h.*
    from core.fundata_quotes as h
    where h.identifier = c.identifier and h.date = c.date and h.data_version = c.data_version
    order by h.array_source_field nulls first, h.array_element_index nulls first
    limit 1
) as q;

comment on view api.fund_nav is 'One row per identifier per date: the latest version of the daily NAVPS.';
comment on column api.fund_nav.navps is 'Net asset value per share on date, in the fund''s currency, DECIMAL(12,2), price (not total) return basis.';
