-- definition: fundata_api_fromdate
-- version: 1
-- The incremental cursor of `sra load fundata-api`: the day after the newest
-- date already landed for an endpoint (its own API batches plus, for daily
-- NAVPS, the CSV seed), read from one field of the landed records (Date for
-- daily NAVPS, ChangeDate for the other endpoints). NULL when nothing landed.
-- Each batch is scanned once: its newest date is kept in ops.batch_newest_date.
-- A date later than the day after its batch landed cannot be a real change
-- date and is ignored, so one bad value cannot push the cursor into the future.
-- Security definer: the loader role may not read raw records itself.

create or replace function ops.fundata_api_fromdate(p_datasets text[], p_field text)
returns date
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
begin
    insert into ops.batch_newest_date (batch_id, field, dataset, newest_date)
    select
        b.batch_id,
        p_field,
        b.dataset,
        (
            select max(d.value)
            from (
                select core.parse_date(r.payload ->> p_field) as value
                from raw.record as r
                where r.batch_id = b.batch_id
            ) as d
            where d.value <= (b.landed_at at time zone 'UTC')::date + 1
        )
    from raw.batch as b
    where b.dataset = any(p_datasets)
        and b.status = 'landed'
        and not exists (
            select 1
            from ops.batch_newest_date as c
            where c.batch_id = b.batch_id and c.field = p_field
        )
    on conflict do nothing;

    return (
        select max(c.newest_date) + 1
        from ops.batch_newest_date as c
        where c.dataset = any(p_datasets) and c.field = p_field
    );
end
$$;

alter function ops.fundata_api_fromdate(text[], text) owner to sra_transformer;
revoke all on function ops.fundata_api_fromdate(text[], text) from public;
grant execute on function ops.fundata_api_fromdate(text[], text) to sra_loader, sra_transformer;
