-- transform: fundata_allocations
-- version: 1
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
    v_issues bigint;
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

    ---------- quality: incomplete keys are quarantined by core.write_versions;
    ---------- say which part was missing (bad values were recorded by core.stage)
    insert into ops.quality_issue (batch_id, line, dataset, transform_name, rule, field, raw_value, identifier, detail)
    select s.batch_id, s.line, s.dataset, 'fundata_allocations',
        case when k.field = 'identifier' then 'missing_identifier' else 'missing_key' end,
        k.field, k.raw_value, s.identifier, 'record quarantined'
    from _stage as s
    cross join lateral (
        values
            ('identifier', s.payload ->> 'InstrumentKey', s.identifier is null),
            ('allocation_date', s.payload ->> 'AllocationDate', s.allocation_date is null),
            ('allocation_type', s.payload ->> 'AllocationType', s.allocation_type is null),
            ('allocation_name', s.payload ->> 'Name', s.allocation_name is null)
    ) as k (field, raw_value, is_missing)
    where k.is_missing;
    get diagnostics v_issues = row_count;

    ---------- shared instrument registry
    insert into core.instrument (identifier, first_batch_id)
    select s.identifier, min(s.batch_id)
    from _stage as s
    where s.identifier is not null
    group by s.identifier
    on conflict (identifier) do nothing;

    ---------- versions
    select * into w from core.write_versions('fundata_allocations', 'core.fundata_allocations', array['identifier', 'allocation_date', 'allocation_type', 'allocation_name']);

    return query select v_in, w.rows_out, v_issues + w.issues, w.quarantined;
end
$$;
