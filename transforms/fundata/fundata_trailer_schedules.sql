-- transform: fundata_trailer_schedules
-- version: 1
-- target: core.fundata_trailer_schedules
-- datasets: fundata.fund_trailer_schedule
-- Grain: one row per identifier per load type per starting holding year per
-- version. From the Fundata API's fund/gettrailerschedule CSV rows: trailing
-- commissions in percent a year of the assets held (docs/FUNDATA-API.md).

create or replace function core.transform_fundata_trailer_schedules(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_trailer_schedules', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'load_type text LoadType',
        'from_year intg FromYear',
        ---------- schedule: trailer (percent a year), DECIMAL(12,2) half away from zero
        'to_year intg ToYear',
        'trailer_fee dec12_2 TrailerFee',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_trailer_schedules', 'core.fundata_trailer_schedules', array['identifier', 'load_type', 'from_year'],
        array['change_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;
