-- view: api.fund_yearly_performance_risk
-- Grain: one row per identifier per calendar year: the latest version of that year's
-- risk statistics (from monthly total returns).
-- From core.fundata_yearly_performance_risk (transforms/fundata/fundata_yearly_performance_risk.sql); units in the column comments
-- and docs/FUNDATA-API.md.
create view api.fund_yearly_performance_risk as
select distinct on (k.identifier, k.performance_year)
    k.identifier,
    k.performance_year,
    k.standard_deviation,
    k.sharpe_ratio,
    k.max_drawdown,
    k.best_month_return,
    k.worst_month_return,
    k.record_state,
    k.change_date,
    k.data_version,
    k.data_source,
    k.updated_at
from core.fundata_yearly_performance_risk_latest as k
order by k.identifier, k.performance_year,
    k.array_source_field nulls first, k.array_element_index nulls first;

comment on view api.fund_yearly_performance_risk is 'One row per identifier per calendar year: a fund''s risk statistics for that year (percent), latest version.';
comment on column api.fund_yearly_performance_risk.identifier is 'Fundata InstrumentKey of the fund.';
comment on column api.fund_yearly_performance_risk.performance_year is 'Calendar year (January to December) the statistics cover.';
comment on column api.fund_yearly_performance_risk.standard_deviation is 'Standard deviation of the year''s 12 monthly total returns, annualized, in percent, DECIMAL(12,2).';
comment on column api.fund_yearly_performance_risk.sharpe_ratio is 'Sharpe ratio of the year (excess total return over the risk-free rate / annualized standard deviation), a unitless number, DECIMAL(12,2).';
comment on column api.fund_yearly_performance_risk.max_drawdown is 'Largest peak-to-trough fall of the NAV (distributions reinvested) within the year, in percent, negative or 0, DECIMAL(12,2).';
comment on column api.fund_yearly_performance_risk.best_month_return is 'Best monthly total return of the year, in percent, DECIMAL(12,2).';
comment on column api.fund_yearly_performance_risk.worst_month_return is 'Worst monthly total return of the year, in percent, DECIMAL(12,2).';
comment on column api.fund_yearly_performance_risk.record_state is 'Fundata RecordState of the record (Active, Inactive, ...).';
comment on column api.fund_yearly_performance_risk.change_date is 'Fundata ChangeDate: when the vendor last changed the record; orders the versions.';
comment on column api.fund_yearly_performance_risk.data_version is 'Version of the row in core (1 = first seen; +1 on each change of content).';
comment on column api.fund_yearly_performance_risk.data_source is 'Where the version came from: API (the Fundata dbsync API) or CSV.';
comment on column api.fund_yearly_performance_risk.updated_at is 'When the batch of this version landed (UTC).';
