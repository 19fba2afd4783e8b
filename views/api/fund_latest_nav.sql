-- view: api.fund_latest_nav
-- Grain: one row per identifier: its most recent date's NAVPS (latest version)
-- and the change from the previous NAVPS. Stored per fund by the
-- fundata_quotes transform (core.fundata_quotes_current_date: the newest date
-- of the fund's stored latest and that version's values): one primary-key
-- lookup, and one for the fund's name (docs/SCALING.md, "Read paths").
create view api.fund_latest_nav as
select
    d.identifier,
    f.legal_name,
    f.currency,
    d.date as nav_date,
    d.navps,
    d.previous_date,
    d.previous_navps,
    d.navps_penny_change,
    d.navps_percent_change,
    d.current_yield,
    d.data_version,
    d.updated_at,
    d.date as as_of_date,
    ops.is_stale('fund', d.identifier, d.date, (select ops.last_session())) as is_stale
from core.fundata_quotes_current_date as d
left join lateral (
    -- the fund's current reference data (its first row when a document held arrays)
    select h.legal_name, h.currency
    from core.fundata_data_current as c
    join core.fundata_data as h on h.identifier = c.identifier and h.data_version = c.data_version
    where c.identifier = d.identifier
    order by h.array_source_field nulls first, h.array_element_index nulls first
    limit 1
) as f on true;

comment on view api.fund_latest_nav is 'One row per identifier: its latest NAVPS and the change from the one before.';
comment on column api.fund_latest_nav.nav_date is 'The fund''s newest NAVPS date (calendar date of the valuation).';
comment on column api.fund_latest_nav.navps is 'Net asset value per share on nav_date, in the fund''s currency, DECIMAL(12,2), price (not total) return basis.';
comment on column api.fund_latest_nav.navps_penny_change is 'navps minus previous_navps, in the fund''s currency, as Fundata gives it.';
comment on column api.fund_latest_nav.navps_percent_change is 'Change from previous_navps in percent (1.25 = 1.25 %), price basis, as Fundata gives it.';
comment on column api.fund_latest_nav.data_version is 'The current version of that day''s NAVPS (core.fundata_quotes).';
comment on column api.fund_latest_nav.as_of_date is 'The date of the NAVPS (nav_date): the date is_stale judges.';
comment on column api.fund_latest_nav.is_stale is 'Whether nav_date is more than the fund''s cadence plus stale_after_sessions (ops.setting, 2) NYSE sessions behind the last completed session when read: the continuity rule (ops.is_stale, docs/CONTINUITY.md).';
