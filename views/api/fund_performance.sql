-- view: api.fund_performance
-- Grain: one row per identifier: the latest version of its trailing returns
-- (percent). From core.fundata_performance_summary
-- (transforms/fundata/fundata_performance_summary.sql).
create view api.fund_performance as
select distinct on (p.identifier)
    p.identifier,
    p.as_of_date,
    p.one_month_return,
    p.three_month_return,
    p.six_month_return,
    p.ytd_return,
    p.one_year_return,
    p.three_year_return,
    p.five_year_return,
    p.ten_year_return,
    p.inception_return,
    p.record_state,
    p.change_date,
    p.data_version,
    p.data_source,
    p.updated_at
from core.fundata_performance_summary_latest as p
order by p.identifier, p.array_source_field nulls first, p.array_element_index nulls first;

comment on view api.fund_performance is 'One row per identifier: the latest trailing returns (percent) of each fund.';
