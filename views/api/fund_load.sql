-- view: api.fund_load
-- Grain: one row per identifier per load type per breakpoint: the latest version of
-- that sales charge (percent of the amount invested or redeemed).
-- From core.fundata_loads (transforms/fundata/fundata_loads.sql); units in the column comments
-- and docs/FUNDATA-API.md.
create view api.fund_load as
select distinct on (l.identifier, l.load_type, l.breakpoint_sequence)
    l.identifier,
    l.load_type,
    l.breakpoint_sequence,
    l.breakpoint_from,
    l.breakpoint_to,
    l.breakpoint_unit,
    l.load_percent,
    l.record_state,
    l.change_date,
    l.data_version,
    l.data_source,
    l.updated_at
from core.fundata_loads_latest as l
order by l.identifier, l.load_type, l.breakpoint_sequence,
    l.array_source_field nulls first, l.array_element_index nulls first;

comment on view api.fund_load is 'One row per identifier per load type per breakpoint: a fund''s sales charges (percent), latest version.';
comment on column api.fund_load.identifier is 'Fundata InstrumentKey of the fund.';
comment on column api.fund_load.load_type is 'Purchase option the charge belongs to, as Fundata names it (Front End, Deferred Sales Charge, Low Load, ...).';
comment on column api.fund_load.breakpoint_sequence is 'Position of the breakpoint within the load type (1 = first), from Fundata Sequence.';
comment on column api.fund_load.breakpoint_from is 'Start of the breakpoint, inclusive: an amount invested in the fund currency when breakpoint_unit is Amount, years held when Years.';
comment on column api.fund_load.breakpoint_to is 'End of the breakpoint, exclusive, in breakpoint_unit; NULL = no upper bound.';
comment on column api.fund_load.breakpoint_unit is 'Unit of breakpoint_from/_to: Amount (currency invested, front-end loads) or Years (years held, deferred charges).';
comment on column api.fund_load.load_percent is 'Maximum sales charge in percent (2.5 = 2.5 %) of the amount invested (front end) or of the amount redeemed (deferred), DECIMAL(12,2).';
comment on column api.fund_load.record_state is 'Fundata RecordState of the record (Active, Inactive, ...).';
comment on column api.fund_load.change_date is 'Fundata ChangeDate: when the vendor last changed the record; orders the versions.';
comment on column api.fund_load.data_version is 'Version of the row in core (1 = first seen; +1 on each change of content).';
comment on column api.fund_load.data_source is 'Where the version came from: API (the Fundata dbsync API) or CSV.';
comment on column api.fund_load.updated_at is 'When the batch of this version landed (UTC).';
