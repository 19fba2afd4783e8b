-- view: api.fund_other_fees
-- Grain: one row per identifier per fee type: the latest version of that fee
-- (an amount in currency, or a percent).
-- From core.fundata_other_fees (transforms/fundata/fundata_other_fees.sql); units in the column comments
-- and docs/FUNDATA-API.md.
create view api.fund_other_fees as
select distinct on (o.identifier, o.fee_type)
    o.identifier,
    o.fee_type,
    o.fee_amount,
    o.fee_percent,
    o.currency,
    o.description,
    o.record_state,
    o.change_date,
    o.data_version,
    o.data_source,
    o.updated_at
from core.fundata_other_fees_latest as o
order by o.identifier, o.fee_type,
    o.array_source_field nulls first, o.array_element_index nulls first;

comment on view api.fund_other_fees is 'One row per identifier per fee type: a fund''s other fees (amount in currency or percent), latest version.';
comment on column api.fund_other_fees.identifier is 'Fundata InstrumentKey of the fund.';
comment on column api.fund_other_fees.fee_type is 'Kind of fee, as Fundata names it (Short-Term Trading, Switch, Account, ...).';
comment on column api.fund_other_fees.fee_amount is 'Fee as an amount of currency per transaction or account, DECIMAL(12,2); NULL when the fee is a percent.';
comment on column api.fund_other_fees.fee_percent is 'Fee in percent (2 = 2 %) of the amount traded, DECIMAL(12,2); NULL when the fee is an amount.';
comment on column api.fund_other_fees.currency is 'ISO currency of fee_amount.';
comment on column api.fund_other_fees.description is 'Vendor text describing when the fee applies.';
comment on column api.fund_other_fees.record_state is 'Fundata RecordState of the record (Active, Inactive, ...).';
comment on column api.fund_other_fees.change_date is 'Fundata ChangeDate: when the vendor last changed the record; orders the versions.';
comment on column api.fund_other_fees.data_version is 'Version of the row in core (1 = first seen; +1 on each change of content).';
comment on column api.fund_other_fees.data_source is 'Where the version came from: API (the Fundata dbsync API) or CSV.';
comment on column api.fund_other_fees.updated_at is 'When the batch of this version landed (UTC).';
