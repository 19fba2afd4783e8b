-- view: api.fund_history
-- Grain: one row per identifier per version (per array element when the source
-- document held arrays): every version ever loaded. From core.fundata_data.
create view api.fund_history as
select
    d.identifier,
    d.data_version,
    d.record_id,
    d.language,
    d.legal_name,
    d.family_name,
    d.series_name,
    d.company,
    d.inception_date,
    d.currency,
    d.record_state,
    d.change_date,
    d.management_fee,
    d.expense_ratio,
    d.minimum_investment,
    d.nav_value,
    d.yield_rate,
    d.array_source_field,
    d.array_element_index,
    d.array_element_value,
    d.data_source,
    d.source_file,
    d.updated_at,
    c.identifier is not null as is_latest
from core.fundata_data as d
left join core.fundata_data_current as c
    on c.identifier = d.identifier and c.data_version = d.data_version;

comment on view api.fund_history is 'One row per identifier per version (per array element): the full history of fund reference data.';
