-- view: api.fund
-- Grain: one row per identifier (Fundata InstrumentKey): the latest version of
-- its reference data. From core.fundata_data_latest (transforms/fundata/fundata_data.sql).
create view api.fund as
select
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
from core.fundata_data_latest as d
-- the version's first row (a JSON document with arrays has one per element):
-- a test per row, not a sort, so a filter on company reaches the index
where not exists (
    select 1
    from core.fundata_data as e
    where e.identifier = d.identifier
        and e.data_version = d.data_version
        and (e.array_source_field, e.array_element_index) < (d.array_source_field, d.array_element_index)
);

comment on view api.fund is 'One row per identifier: the latest version of each fund''s reference data.';
