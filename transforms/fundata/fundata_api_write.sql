-- definition: fundata_api_write
-- version: 2
-- The write step shared by the transforms of the Fundata API endpoints
-- (fundata_performance_summary, fundata_distributions, ...), after core.stage
-- has built _stage: the new versions (core.write_versions quarantines and
-- reports the records it cannot key, and takes them out of _stage), then the
-- identifiers of the records kept in the shared instrument registry.

create or replace function core.fundata_api_write(p_transform text, p_target text, p_keys text[])
returns table (rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    w record;
begin
    select * into w from core.write_versions(p_transform, p_target, p_keys);
    perform core.register_instruments(p_keys);
    return query select w.rows_out, w.issues, w.quarantined;
end
$$;
