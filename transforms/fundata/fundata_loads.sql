-- transform: fundata_loads
-- version: 1
-- target: core.fundata_loads
-- datasets: fundata.fund_load
-- Grain: one row per identifier per load type per breakpoint per version. From
-- the Fundata API's fund/getload CSV rows: sales charges in percent of the
-- amount invested (front) or redeemed (deferred) (docs/FUNDATA-API.md).

create or replace function core.transform_fundata_loads(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_loads', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'load_type text LoadType',
        'breakpoint_sequence intg Sequence',
        ---------- breakpoint and charge (percent), DECIMAL(12,2) half away from zero
        'breakpoint_from dec12_2 BreakpointFrom',
        'breakpoint_to dec12_2 BreakpointTo',
        'breakpoint_unit text BreakpointUnit',
        'load_percent dec12_2 LoadPercent',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_loads', 'core.fundata_loads', array['identifier', 'load_type', 'breakpoint_sequence'],
        array['change_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;
