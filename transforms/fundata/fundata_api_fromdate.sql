-- definition: fundata_api_fromdate
-- version: 2
-- The incremental cursor of `sra load fundata-api`: the day after the newest
-- date already landed for an endpoint (its own API batches plus, for daily
-- NAVPS, the CSV seed), read from one field of the landed records (Date for
-- daily NAVPS, ChangeDate for the other endpoints). NULL when nothing landed.
-- Each batch is scanned once: its newest date is kept in ops.batch_newest_date.
-- A date later than the day after its batch landed cannot be a real change
-- date and is ignored, so one bad value cannot push the cursor into the future.
-- Security definer (run as the owner): the loader role may not read raw
-- records itself, so the function takes only what the cursor needs: Fundata
-- datasets and the Date or ChangeDate field, and returns one date.

create or replace function ops.fundata_api_fromdate(p_datasets text[], p_field text)
returns date
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
begin
    if p_field is null or p_field not in ('Date', 'ChangeDate') then
        raise exception 'the Fundata API cursor reads the Date or ChangeDate field, not "%"', p_field
            using errcode = '22023';
    end if;
    if p_datasets is null or exists (select 1 from unnest(p_datasets) as d where d is null or d not like 'fundata.%') then
        raise exception 'the Fundata API cursor reads Fundata datasets only'
            using errcode = '42501';
    end if;

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

revoke all on function ops.fundata_api_fromdate(text[], text) from public, sra_transformer, sra_reader;
grant execute on function ops.fundata_api_fromdate(text[], text) to sra_loader;
