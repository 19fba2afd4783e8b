-- view: api.fund_advanced_performance
-- Grain: one row per identifier: the latest version of its longer returns and
-- three-year risk statistics.
-- From core.fundata_advanced_performance (transforms/fundata/fundata_advanced_performance.sql); units in the column comments
-- and docs/FUNDATA-API.md.
create view api.fund_advanced_performance as
select distinct on (a.identifier)
    a.identifier,
    a.as_of_date,
    a.two_year_return,
    a.four_year_return,
    a.fifteen_year_return,
    a.twenty_year_return,
    a.standard_deviation_3y,
    a.sharpe_ratio_3y,
    a.alpha_3y,
    a.beta_3y,
    a.r_squared_3y,
    a.record_state,
    a.change_date,
    a.data_version,
    a.data_source,
    a.updated_at
from core.fundata_advanced_performance_latest as a
order by a.identifier,
    a.array_source_field nulls first, a.array_element_index nulls first;

comment on view api.fund_advanced_performance is 'One row per identifier: a fund''s longer annualized returns and three-year risk statistics (percent), latest version.';
comment on column api.fund_advanced_performance.identifier is 'Fundata InstrumentKey of the fund.';
comment on column api.fund_advanced_performance.as_of_date is 'Date the returns and statistics are computed to (a month end).';
comment on column api.fund_advanced_performance.two_year_return is 'Total return (distributions reinvested), annualized, over 2 years to as_of_date, in percent, DECIMAL(12,2).';
comment on column api.fund_advanced_performance.four_year_return is 'Total return, annualized, over 4 years to as_of_date, in percent, DECIMAL(12,2).';
comment on column api.fund_advanced_performance.fifteen_year_return is 'Total return, annualized, over 15 years to as_of_date, in percent, DECIMAL(12,2).';
comment on column api.fund_advanced_performance.twenty_year_return is 'Total return, annualized, over 20 years to as_of_date, in percent, DECIMAL(12,2).';
comment on column api.fund_advanced_performance.standard_deviation_3y is 'Standard deviation of the 36 monthly total returns to as_of_date, annualized, in percent, DECIMAL(12,2).';
comment on column api.fund_advanced_performance.sharpe_ratio_3y is 'Sharpe ratio over 36 months (annualized excess return over the risk-free rate / annualized standard deviation), a unitless number, DECIMAL(12,2).';
comment on column api.fund_advanced_performance.alpha_3y is 'Alpha over 36 months against the fund''s primary benchmark, annualized, in percent, DECIMAL(12,2).';
comment on column api.fund_advanced_performance.beta_3y is 'Beta over 36 months against the fund''s primary benchmark, a unitless number (1 = moves with it), DECIMAL(12,2).';
comment on column api.fund_advanced_performance.r_squared_3y is 'R-squared over 36 months against the primary benchmark, in percent (0 to 100), DECIMAL(12,2).';
comment on column api.fund_advanced_performance.record_state is 'Fundata RecordState of the record (Active, Inactive, ...).';
comment on column api.fund_advanced_performance.change_date is 'Fundata ChangeDate: when the vendor last changed the record; orders the versions.';
comment on column api.fund_advanced_performance.data_version is 'Version of the row in core (1 = first seen; +1 on each change of content).';
comment on column api.fund_advanced_performance.data_source is 'Where the version came from: API (the Fundata dbsync API) or CSV.';
comment on column api.fund_advanced_performance.updated_at is 'When the batch of this version landed (UTC).';
