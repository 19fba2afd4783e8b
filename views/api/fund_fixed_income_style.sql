-- view: api.fund_fixed_income_style
-- Grain: one row per identifier: the latest version of its fixed income style.
-- From core.fundata_fixed_income_style (transforms/fundata/fundata_fixed_income_style.sql); units in the column comments
-- and docs/FUNDATA-API.md.
create view api.fund_fixed_income_style as
select distinct on (f.identifier)
    f.identifier,
    f.style_date,
    f.credit_quality,
    f.interest_rate_sensitivity,
    f.average_credit_rating,
    f.average_duration,
    f.average_maturity,
    f.average_coupon,
    f.yield_to_maturity,
    f.record_state,
    f.change_date,
    f.data_version,
    f.data_source,
    f.updated_at
from core.fundata_fixed_income_style_latest as f
order by f.identifier,
    f.array_source_field nulls first, f.array_element_index nulls first;

comment on view api.fund_fixed_income_style is 'One row per identifier: a fund''s fixed income style box and portfolio figures, latest version.';
comment on column api.fund_fixed_income_style.identifier is 'Fundata InstrumentKey of the fund.';
comment on column api.fund_fixed_income_style.style_date is 'Portfolio date the style was computed for.';
comment on column api.fund_fixed_income_style.credit_quality is 'Credit axis of the style box: High, Medium or Low.';
comment on column api.fund_fixed_income_style.interest_rate_sensitivity is 'Rate axis of the style box: Short, Medium or Long (duration).';
comment on column api.fund_fixed_income_style.average_credit_rating is 'Weighted average credit rating of the bond holdings (AAA, AA, ...).';
comment on column api.fund_fixed_income_style.average_duration is 'Weighted average modified duration of the bond holdings, in years, DECIMAL(12,2).';
comment on column api.fund_fixed_income_style.average_maturity is 'Weighted average term to maturity, in years, DECIMAL(12,2).';
comment on column api.fund_fixed_income_style.average_coupon is 'Weighted average coupon, in percent a year (4.25 = 4.25 %), DECIMAL(12,2).';
comment on column api.fund_fixed_income_style.yield_to_maturity is 'Weighted average yield to maturity, in percent a year, DECIMAL(12,2).';
comment on column api.fund_fixed_income_style.record_state is 'Fundata RecordState of the record (Active, Inactive, ...).';
comment on column api.fund_fixed_income_style.change_date is 'Fundata ChangeDate: when the vendor last changed the record; orders the versions.';
comment on column api.fund_fixed_income_style.data_version is 'Version of the row in core (1 = first seen; +1 on each change of content).';
comment on column api.fund_fixed_income_style.data_source is 'Where the version came from: API (the Fundata dbsync API) or CSV.';
comment on column api.fund_fixed_income_style.updated_at is 'When the batch of this version landed (UTC).';
