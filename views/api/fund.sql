-- view: api.fund
-- Grain: one row per identifier (Fundata InstrumentKey): the latest version of
-- its reference data. From core.fundata_data (transforms/fundata/fundata_data.sql).
create view api.fund as
select distinct on (d.identifier)
    d.identifier,
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
    d.data_version,
    d.data_source,
    d.updated_at
from core.fundata_data as d
order by d.identifier, d.data_version desc, d.array_source_field nulls first, d.array_element_index nulls first;

comment on view api.fund is 'One row per identifier: the latest version of each fund''s reference data.';
