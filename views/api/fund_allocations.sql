-- view: api.fund_allocations
-- Grain: one row per identifier per allocation type per name, from the most
-- recent allocation date of that identifier and type; the latest version of
-- each. From core.fundata_allocations (transforms/fundata/fundata_allocations.sql).
create view api.fund_allocations as
select
    a.identifier,
    a.allocation_type,
    a.allocation_name,
    a.allocation_date,
    a.weight,
    a.record_state,
    a.change_date,
    a.data_version,
    a.data_source,
    a.updated_at
from (
    select distinct on (t.identifier, t.allocation_type, t.allocation_date, t.allocation_name)
        t.*,
        max(t.allocation_date) over (partition by t.identifier, t.allocation_type) as latest_allocation_date
    from core.fundata_allocations_latest as t
    order by t.identifier, t.allocation_type, t.allocation_date, t.allocation_name,
        t.array_source_field nulls first, t.array_element_index nulls first
) as a
where a.allocation_date = a.latest_allocation_date;

comment on view api.fund_allocations is 'One row per identifier per allocation type per name: weights (percent) as of the latest allocation date of that type.';
