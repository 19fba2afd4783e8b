-- view: api.instrument_identifiers
-- Grain: one row per identifier (Fundata InstrumentKey) per identifier type per
-- value: the latest version of each of the instrument's other identifiers.
-- From core.fundata_instrument_identifiers (transforms/fundata/fundata_instrument_identifiers.sql); units in the column comments
-- and docs/FUNDATA-API.md.
create view api.instrument_identifiers as
select distinct on (i.identifier, i.identifier_type, i.identifier_value)
    i.identifier,
    i.identifier_type,
    i.identifier_value,
    i.load_type,
    i.exchange,
    i.record_state,
    i.change_date,
    i.data_version,
    i.data_source,
    i.updated_at
from core.fundata_instrument_identifiers_latest as i
order by i.identifier, i.identifier_type, i.identifier_value,
    i.array_source_field nulls first, i.array_element_index nulls first;

comment on view api.instrument_identifiers is 'One row per identifier per identifier type per value: an instrument''s fund codes, CUSIP, ISIN and tickers, latest version.';
comment on column api.instrument_identifiers.identifier is 'Fundata InstrumentKey of the instrument.';
comment on column api.instrument_identifiers.identifier_type is 'Kind of identifier: FundCode, CUSIP, ISIN or Ticker (as Fundata names it).';
comment on column api.instrument_identifiers.identifier_value is 'The identifier itself (e.g. RBF556, CA7800871045).';
comment on column api.instrument_identifiers.load_type is 'For a fund code: the purchase option it buys (Front End, Deferred Sales Charge, Low Load, No Load); else NULL.';
comment on column api.instrument_identifiers.exchange is 'For a ticker: the exchange it trades on (TSX, NEO, ...); else NULL.';
comment on column api.instrument_identifiers.record_state is 'Fundata RecordState of the record (Active, Inactive, ...).';
comment on column api.instrument_identifiers.change_date is 'Fundata ChangeDate: when the vendor last changed the record; orders the versions.';
comment on column api.instrument_identifiers.data_version is 'Version of the row in core (1 = first seen; +1 on each change of content).';
comment on column api.instrument_identifiers.data_source is 'Where the version came from: API (the Fundata dbsync API) or CSV.';
comment on column api.instrument_identifiers.updated_at is 'When the batch of this version landed (UTC).';
