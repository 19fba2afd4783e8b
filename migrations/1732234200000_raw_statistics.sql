-- Up Migration
-- Fresh planner statistics for raw after a large landing: without them a
-- transform plans a million-row batch as if it were a few thousand rows (no
-- parallel typing, wrong join sizes). Only the owner may ANALYZE, so the
-- loader and transformer roles get this one function, nothing more.
create function raw.refresh_statistics()
returns void
language plpgsql
security definer
set search_path = pg_catalog
as $$
begin
    analyze raw.batch;
    analyze raw.record;
end
$$;
revoke all on function raw.refresh_statistics() from public;
grant execute on function raw.refresh_statistics() to sra_loader, sra_transformer;
