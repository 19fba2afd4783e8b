-- view: api.fund_trailer_schedule
-- Grain: one row per identifier per load type per starting holding year: the
-- latest version of the trailing commission (percent a year).
-- From core.fundata_trailer_schedules (transforms/fundata/fundata_trailer_schedules.sql); units in the column comments
-- and docs/FUNDATA-API.md.
create view api.fund_trailer_schedule as
select distinct on (t.identifier, t.load_type, t.from_year)
    t.identifier,
    t.load_type,
    t.from_year,
    t.to_year,
    t.trailer_fee,
    t.record_state,
    t.change_date,
    t.data_version,
    t.data_source,
    t.updated_at
from core.fundata_trailer_schedules_latest as t
order by t.identifier, t.load_type, t.from_year,
    t.array_source_field nulls first, t.array_element_index nulls first;

comment on view api.fund_trailer_schedule is 'One row per identifier per load type per starting holding year: trailing commission in percent a year, latest version.';
comment on column api.fund_trailer_schedule.identifier is 'Fundata InstrumentKey of the fund.';
comment on column api.fund_trailer_schedule.load_type is 'Purchase option the trailer applies to (Front End, Deferred Sales Charge, Low Load, ...).';
comment on column api.fund_trailer_schedule.from_year is 'First holding year the rate applies to (1 = the year of purchase), inclusive.';
comment on column api.fund_trailer_schedule.to_year is 'Last holding year the rate applies to, inclusive; NULL = every later year.';
comment on column api.fund_trailer_schedule.trailer_fee is 'Trailing commission paid to the dealer, in percent a year (0.5 = 0.5 %) of the assets held, DECIMAL(12,2).';
comment on column api.fund_trailer_schedule.record_state is 'Fundata RecordState of the record (Active, Inactive, ...).';
comment on column api.fund_trailer_schedule.change_date is 'Fundata ChangeDate: when the vendor last changed the record; orders the versions.';
comment on column api.fund_trailer_schedule.data_version is 'Version of the row in core (1 = first seen; +1 on each change of content).';
comment on column api.fund_trailer_schedule.data_source is 'Where the version came from: API (the Fundata dbsync API) or CSV.';
comment on column api.fund_trailer_schedule.updated_at is 'When the batch of this version landed (UTC).';
