-- definition: fundata_api_write
-- version: 1
-- The write step shared by the transforms of the Fundata API endpoints
-- (fundata_performance_summary, fundata_distributions, ...), after core.stage
-- has built _stage: their identifiers in the shared instrument registry, then
-- the new versions (core.write_versions quarantines and reports records whose
-- key is incomplete).

create or replace function core.fundata_api_write(p_transform text, p_target text, p_keys text[])
returns table (rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
begin
    perform core.register_instruments(p_keys);
    return query select * from core.write_versions(p_transform, p_target, p_keys);
end
$$;
