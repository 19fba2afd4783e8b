-- view: api.fund_distributions
-- Grain: one row per identifier per distribution (ex) date: the latest
-- version of that distribution. From core.fundata_distributions
-- (transforms/fundata/fundata_distributions.sql).
create view api.fund_distributions as
select distinct on (d.identifier, d.distribution_date)
    d.identifier,
    d.distribution_date,
    d.pay_date,
    d.total_amount,
    d.income_amount,
    d.capital_gains_amount,
    d.return_of_capital_amount,
    d.reinvestment_price,
    d.currency,
    d.frequency,
    d.record_state,
    d.change_date,
    d.data_version,
    d.data_source,
    d.updated_at
from core.fundata_distributions_latest as d
order by d.identifier, d.distribution_date,
    d.array_source_field nulls first, d.array_element_index nulls first;

comment on view api.fund_distributions is 'One row per identifier per distribution date: amounts per unit, latest version.';
