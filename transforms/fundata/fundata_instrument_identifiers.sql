-- transform: fundata_instrument_identifiers
-- version: 1
-- target: core.fundata_instrument_identifiers
-- datasets: fundata.instrument_identifiers
-- Grain: one row per identifier per identifier type per value per version.
-- From the Fundata API's instrument/getidentifiers CSV rows: an instrument's
-- other identifiers (fund codes, CUSIP, ISIN, tickers) (docs/FUNDATA-API.md).

create or replace function core.transform_fundata_instrument_identifiers(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_instrument_identifiers', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'identifier_type text IdentifierType',
        'identifier_value text IdentifierValue',
        ---------- what the identifier applies to
        'load_type text LoadType',
        'exchange text Exchange',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_instrument_identifiers', 'core.fundata_instrument_identifiers', array['identifier', 'identifier_type', 'identifier_value'],
        array['change_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;
