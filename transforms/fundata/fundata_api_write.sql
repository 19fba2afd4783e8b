-- definition: fundata_api_write
-- version: 1
-- The write step shared by the transforms of the Fundata API endpoints
-- (fundata_performance_summary, fundata_distributions, ...), after core.stage
-- has built _stage: a quality issue for every record whose key is incomplete
-- (core.write_versions then quarantines it), its identifiers in the shared
-- instrument registry, and the new versions.

create or replace function core.fundata_api_write(p_transform text, p_target text, p_keys text[])
returns table (rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_issues bigint;
    w record;
begin
    ---------- quality: which key part was missing (bad values were recorded by core.stage)
    execute format(
        $q$
        insert into ops.quality_issue (batch_id, line, dataset, transform_name, rule, field, raw_value, identifier, detail)
        select s.batch_id, s.line, s.dataset, %1$L,
            case when k.field = 'identifier' then 'missing_identifier' else 'missing_key' end,
            k.field,
            case when k.field = 'identifier' then s.payload ->> 'InstrumentKey' end,
            s.identifier,
            'record quarantined'
        from _stage as s
        cross join lateral (values %2$s) as k (field, is_missing)
        where k.is_missing
        $q$,
        p_transform,
        (select string_agg(format('(%L, s.%I is null)', k, k), ', ') from unnest(p_keys) as k)
    );
    get diagnostics v_issues = row_count;

    ---------- shared instrument registry
    insert into core.instrument (identifier, first_batch_id)
    select s.identifier, min(s.batch_id)
    from _stage as s
    where s.identifier is not null
    group by s.identifier
    on conflict (identifier) do nothing;

    ---------- versions
    select * into w from core.write_versions(p_transform, p_target, p_keys);

    return query select w.rows_out, v_issues + w.issues, w.quarantined;
end
$$;
