-- transform: fundata_allocations
-- version: 2
-- target: core.fundata_allocations
-- datasets: fundata.fund_allocations
-- Grain: one row per identifier per allocation date per allocation type per
-- name per version. From the Fundata API's fund/getallocations CSV rows.

create or replace function core.transform_fundata_allocations(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_allocations', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'allocation_date day AllocationDate',
        'allocation_type text AllocationType',
        'allocation_name text Name',
        ---------- weight (percent), DECIMAL(12,2) half away from zero
        'weight dec12_2 Weight',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_allocations', 'core.fundata_allocations', array['identifier', 'allocation_date', 'allocation_type', 'allocation_name'],
        array['change_date', 'allocation_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;
