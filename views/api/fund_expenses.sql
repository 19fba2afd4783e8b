-- view: api.fund_expenses
-- Grain: one row per identifier: the latest version of its expense ratios and
-- fees (percent). From core.fundata_expenses (transforms/fundata/fundata_expenses.sql).
create view api.fund_expenses as
select distinct on (e.identifier)
    e.identifier,
    e.mer_date,
    e.mer,
    e.management_fee,
    e.trading_expense_ratio,
    e.total_expense_ratio,
    e.record_state,
    e.change_date,
    e.data_version,
    e.data_source,
    e.updated_at
from core.fundata_expenses_latest as e
order by e.identifier, e.array_source_field nulls first, e.array_element_index nulls first;

comment on view api.fund_expenses is 'One row per identifier: the latest expense ratios and fees (percent) of each fund.';
