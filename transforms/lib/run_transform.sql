-- definition: lib.run_transform
-- version: 1
-- The transform runner: exactly-once per batch. A run takes the transform's
-- advisory lock, consumes every landed batch of its datasets that the ledger
-- does not list yet, and records them in the ledger in the same transaction
-- as the output. A crash rolls both back; the next run redoes the batch.

-- Batches a transform has not consumed yet (landed = committed, so visible).
create or replace function ops.pending_batches(p_name text)
returns bigint[]
language sql
stable
as $$
    select coalesce(array_agg(b.batch_id order by b.batch_id), '{}')
    from ops.transform_definition as d
    join raw.batch as b
        on b.dataset = any(d.datasets)
        and b.status = 'landed'
    where d.name = p_name
        and not exists (
            select 1
            from ops.transform_batch as t
            where t.transform_name = p_name
                and t.batch_id = b.batch_id
        )
$$;

create or replace function ops.run_transform(p_name text, p_wait boolean default true)
returns table (
    transform_name text,
    batches integer,
    rows_in bigint,
    rows_out bigint,
    issues bigint,
    quarantined bigint,
    skipped boolean
)
language plpgsql
as $$
declare
    d ops.transform_definition;
    v_batches bigint[];
    v_run bigint;
    r record;
begin
    select * into d
    from ops.transform_definition as td
    where td.name = p_name and td.kind = 'transform';
    if not found then
        raise exception 'unknown transform "%"', p_name
            using hint = 'run "sra migrate" to apply the definitions in transforms/';
    end if;

    if p_wait then
        perform pg_advisory_xact_lock(hashtext('sra.transform'), hashtext(p_name));
    elsif not pg_try_advisory_xact_lock(hashtext('sra.transform'), hashtext(p_name)) then
        return query select p_name, 0, 0::bigint, 0::bigint, 0::bigint, 0::bigint, true;
        return;
    end if;

    -- a fresh snapshot after the lock: a concurrent run that just committed is seen
    v_batches := ops.pending_batches(p_name);
    if cardinality(v_batches) = 0 then
        return query select p_name, 0, 0::bigint, 0::bigint, 0::bigint, 0::bigint, false;
        return;
    end if;

    -- bulk work: sorts and hashes of a large batch stay in memory
    perform set_config('work_mem', '256MB', true);
    perform set_config('jit', 'off', true);

    -- a large landing since raw was last analyzed: refresh its statistics so
    -- the typing is planned for its real size (parallel workers, hash joins)
    if (select coalesce(sum(b.row_count), 0) from raw.batch as b where b.batch_id = any(v_batches)) > 100000
        and exists (
            select 1 from pg_stat_user_tables as t
            where t.relid = 'raw.record'::regclass
                and t.n_mod_since_analyze > 0.1 * greatest(t.n_live_tup, 1)
        )
    then
        perform raw.refresh_statistics();
    end if;

    insert into ops.transform_run (transform_name, version, batches)
    values (p_name, d.version, cardinality(v_batches))
    returning transform_run_id into v_run;

    execute format('select * from core.%I($1, $2)', 'transform_' || p_name)
        using v_batches, v_run
        into r;

    insert into ops.transform_batch (transform_name, batch_id, version, transform_run_id)
    select p_name, b, d.version, v_run
    from unnest(v_batches) as b;

    update ops.transform_run as tr
    set finished_at = clock_timestamp(),
        rows_in = r.rows_in,
        rows_out = r.rows_out,
        issues = r.issues,
        quarantined = r.quarantined
    where tr.transform_run_id = v_run;

    return query select p_name, cardinality(v_batches), r.rows_in, r.rows_out, r.issues, r.quarantined, false;
end
$$;

-- Every transform, in dependency order (the order column of the ledger).
create or replace function ops.run_transforms(p_wait boolean default true)
returns table (
    transform_name text,
    batches integer,
    rows_in bigint,
    rows_out bigint,
    issues bigint,
    quarantined bigint,
    skipped boolean
)
language plpgsql
as $$
declare
    v_name text;
begin
    for v_name in
        select d.name
        from ops.transform_definition as d
        where d.kind = 'transform'
        order by d.file_path
    loop
        return query select * from ops.run_transform(v_name, p_wait);
    end loop;
end
$$;

-- Rebuild a transform's target from the retained raw batches: clear what it
-- produced and its ledger entries, then run it again over every batch.
create or replace function ops.rebuild_transform(p_name text)
returns table (
    transform_name text,
    batches integer,
    rows_in bigint,
    rows_out bigint,
    issues bigint,
    quarantined bigint,
    skipped boolean
)
language plpgsql
as $$
declare
    d ops.transform_definition;
begin
    select * into d
    from ops.transform_definition as td
    where td.name = p_name and td.kind = 'transform';
    if not found then
        raise exception 'unknown transform "%"', p_name;
    end if;
    perform pg_advisory_xact_lock(hashtext('sra.transform'), hashtext(p_name));
    execute format('delete from %s', d.target);
    delete from ops.transform_batch as t where t.transform_name = p_name;
    delete from ops.quality_issue as q where q.transform_name = p_name;
    delete from ops.quarantine as q where q.transform_name = p_name;
    update ops.transform_definition as td set needs_rebuild = false where td.name = p_name;
    return query select * from ops.run_transform(p_name, true);
end
$$;
