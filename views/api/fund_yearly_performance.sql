-- view: api.fund_yearly_performance
-- Grain: one row per identifier per calendar year: the latest version of that
-- year's return (percent); benchmarks included. From
-- core.fundata_yearly_performance (transforms/fundata/fundata_yearly_performance.sql).
create view api.fund_yearly_performance as
select distinct on (y.identifier, y.performance_year)
    y.identifier,
    y.performance_year,
    y.annual_return,
    y.category_return,
    y.record_state,
    y.change_date,
    y.data_version,
    y.data_source,
    y.updated_at
from core.fundata_yearly_performance_latest as y
order by y.identifier, y.performance_year,
    y.array_source_field nulls first, y.array_element_index nulls first;

comment on view api.fund_yearly_performance is 'One row per identifier per calendar year: returns in percent (funds and benchmarks), latest version.';
