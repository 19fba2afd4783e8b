-- view: api.fund_assets
-- Grain: one row per identifier per assets date: the latest version of that
-- date's net assets (millions of the currency). From core.fundata_assets
-- (transforms/fundata/fundata_assets.sql).
create view api.fund_assets as
select distinct on (a.identifier, a.assets_date)
    a.identifier,
    a.assets_date,
    a.total_net_assets,
    a.series_net_assets,
    a.currency,
    a.record_state,
    a.change_date,
    a.data_version,
    a.data_source,
    a.updated_at
from core.fundata_assets_latest as a
order by a.identifier, a.assets_date,
    a.array_source_field nulls first, a.array_element_index nulls first;

comment on view api.fund_assets is 'One row per identifier per assets date: net assets in millions of the currency, latest version.';
