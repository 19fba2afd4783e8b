-- definition: lib.run_transform
-- version: 7
-- The transform runner: exactly-once per batch. A run takes the transform's
-- advisory lock, consumes every landed batch of its datasets that the ledger
-- does not list yet, and records them in the ledger in the same transaction
-- as the output. A crash rolls both back; the next run redoes the batch.
-- One bad batch does not hold up the others: when the batches of a run fail
-- together with an error about their data (core.is_data_error), they are run
-- again one at a time; each that still fails is recorded in
-- ops.transform_batch_failure (state 'failed': later runs skip it until it is
-- re-queued by ops.retry_failed_batches) and the others are consumed. Any
-- other error (locks, resources, privileges, a broken definition) fails the
-- run as a whole and leaves every batch pending.

-- The result row gained failed_batches and error (version 2): the functions
-- returning the older row are dropped first.
drop function if exists ops.run_transforms(boolean);
drop function if exists ops.rebuild_transform(text);
drop function if exists ops.run_transform(text, boolean);

-- Batches a transform has not consumed yet (landed = committed, so visible),
-- but for those it failed and that were not re-queued, and those held for a
-- schema change (ops.held_batch, docs/SCHEMA-DRIFT.md).
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
        and not exists (
            select 1
            from ops.transform_batch_failure as f
            where f.transform_name = p_name
                and f.batch_id = b.batch_id
                and f.state = 'failed'
        )
        and not exists (
            select 1
            from ops.held_batch as h
            where h.batch_id = b.batch_id
        )
$$;

-- Record that a transform failed a batch: the error text and, in detail, the
-- SQLSTATE, the error's detail and where it was raised (SQL errors about
-- data, never credentials), each cut to a sane length. A batch that was
-- re-queued and fails again is 'failed' again, with the new error.
create or replace function ops.record_batch_failure(
    p_name text,
    p_batch bigint,
    p_sqlstate text,
    p_message text,
    p_detail text default null,
    p_context text default null
)
returns void
language sql
as $$
    insert into ops.transform_batch_failure (transform_name, batch_id, error, detail, state)
    values (
        p_name,
        p_batch,
        left(coalesce(p_message, 'unknown error'), 1000),
        left(concat_ws(E'\n', 'SQLSTATE ' || p_sqlstate, nullif(p_detail, ''), nullif(p_context, '')), 2000),
        'failed'
    )
    on conflict (transform_name, batch_id) do update
    set error = excluded.error,
        detail = excluded.detail,
        failed_at = excluded.failed_at,
        state = 'failed'
$$;

create or replace function ops.run_transform(p_name text, p_wait boolean default true)
returns table (
    transform_name text,
    batches integer,
    rows_in bigint,
    rows_out bigint,
    issues bigint,
    quarantined bigint,
    skipped boolean,
    failed_batches bigint[],
    error text
)
language plpgsql
as $$
declare
    d ops.transform_definition;
    v_batches bigint[];
    v_done bigint[] := '{}';
    v_failed bigint[] := '{}';
    v_batch bigint;
    v_run bigint;
    v_in bigint := 0;
    v_out bigint := 0;
    v_issues bigint := 0;
    v_quarantined bigint := 0;
    v_first_error text;
    v_state text;
    v_message text;
    v_detail text;
    v_context text;
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
        return query select p_name, 0, 0::bigint, 0::bigint, 0::bigint, 0::bigint, true, '{}'::bigint[], null::text;
        return;
    end if;

    -- schema drift: compare the new batches' fields with the known ones
    -- (held batches are left out of the pending ones)
    perform ops.check_schema(d.datasets);

    -- a fresh snapshot after the lock: a concurrent run that just committed is seen
    v_batches := ops.pending_batches(p_name);
    if cardinality(v_batches) = 0 then
        return query select p_name, 0, 0::bigint, 0::bigint, 0::bigint, 0::bigint, false, '{}'::bigint[], null::text;
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
            where t.relid = 'raw.stored_record'::regclass
                and t.n_mod_since_analyze > 0.1 * greatest(t.n_live_tup, 1)
        )
    then
        perform raw.refresh_statistics();
    end if;

    insert into ops.transform_run (transform_name, version, batches)
    values (p_name, d.version, cardinality(v_batches))
    returning transform_run_id into v_run;

    -- every pending batch at once (a savepoint: a failure undoes only this)
    begin
        execute format('select * from core.%I($1, $2)', 'transform_' || p_name)
            using v_batches, v_run
            into r;
        v_in := r.rows_in;
        v_out := r.rows_out;
        v_issues := r.issues;
        v_quarantined := r.quarantined;
        v_done := v_batches;
    exception when others then
        get stacked diagnostics v_state = returned_sqlstate, v_message = message_text,
            v_detail = pg_exception_detail, v_context = pg_exception_context;
        if not core.is_data_error(v_state) then
            raise;
        end if;
        if cardinality(v_batches) = 1 then
            -- the only batch: its error is known
            v_failed := v_batches;
            perform ops.record_batch_failure(p_name, v_batches[1], v_state, v_message, v_detail, v_context);
        else
            -- one batch at a time, each in its own savepoint
            foreach v_batch in array v_batches loop
                begin
                    execute format('select * from core.%I($1, $2)', 'transform_' || p_name)
                        using array[v_batch], v_run
                        into r;
                    v_in := v_in + r.rows_in;
                    v_out := v_out + r.rows_out;
                    v_issues := v_issues + r.issues;
                    v_quarantined := v_quarantined + r.quarantined;
                    v_done := v_done || v_batch;
                exception when others then
                    get stacked diagnostics v_state = returned_sqlstate, v_message = message_text,
                        v_detail = pg_exception_detail, v_context = pg_exception_context;
                    if not core.is_data_error(v_state) then
                        raise;
                    end if;
                    v_failed := v_failed || v_batch;
                    perform ops.record_batch_failure(p_name, v_batch, v_state, v_message, v_detail, v_context);
                end;
            end loop;
        end if;
        select format('batch %s: %s', f.batch_id, f.error) into v_first_error
        from ops.transform_batch_failure as f
        where f.transform_name = p_name and f.batch_id = v_failed[1];
    end;

    insert into ops.transform_batch (transform_name, batch_id, version, transform_run_id)
    select p_name, b, d.version, v_run
    from unnest(v_done) as b;

    -- a re-queued batch that went through is no longer a failure
    delete from ops.transform_batch_failure as f
    where f.transform_name = p_name and f.batch_id = any(v_done);

    update ops.transform_run as tr
    set finished_at = clock_timestamp(),
        batches = cardinality(v_done),
        rows_in = v_in,
        rows_out = v_out,
        issues = v_issues,
        quarantined = v_quarantined,
        failed_batches = cardinality(v_failed),
        error = v_first_error
    where tr.transform_run_id = v_run;

    return query select p_name, cardinality(v_done), v_in, v_out, v_issues, v_quarantined, false, v_failed, v_first_error;
end
$$;

-- Every transform, in dependency order (the order column of the ledger). A
-- transform that fails as a whole does not stop the others: its error is
-- returned in its row, recorded as a run in ops.transform_run, and raised as a
-- warning; its batches stay pending.
create or replace function ops.run_transforms(p_wait boolean default true)
returns table (
    transform_name text,
    batches integer,
    rows_in bigint,
    rows_out bigint,
    issues bigint,
    quarantined bigint,
    skipped boolean,
    failed_batches bigint[],
    error text
)
language plpgsql
as $$
declare
    v_name text;
    v_error text;
begin
    for v_name in
        select d.name
        from ops.transform_definition as d
        where d.kind = 'transform'
        order by d.file_path
    loop
        begin
            return query select * from ops.run_transform(v_name, p_wait);
        exception when others then
            get stacked diagnostics v_error = message_text;
            v_error := left(v_error, 1000);
            raise warning 'transform %: %', v_name, v_error;
            insert into ops.transform_run (transform_name, version, finished_at, error)
            select d.name, d.version, clock_timestamp(), v_error
            from ops.transform_definition as d
            where d.name = v_name;
            return query select v_name, 0, 0::bigint, 0::bigint, 0::bigint, 0::bigint, false, '{}'::bigint[], v_error;
        end;
    end loop;
end
$$;

-- Rebuild a transform's target from the retained raw batches: clear what it
-- produced (its history, its stored latest <target>_current and the other
-- <target>_current_* tables it keeps) and its ledger entries, then run it
-- again over every batch (the batches it failed too: they are re-queued).
create or replace function ops.rebuild_transform(p_name text)
returns table (
    transform_name text,
    batches integer,
    rows_in bigint,
    rows_out bigint,
    issues bigint,
    quarantined bigint,
    skipped boolean,
    failed_batches bigint[],
    error text
)
language plpgsql
as $$
declare
    d ops.transform_definition;
    v_current regclass;
begin
    select * into d
    from ops.transform_definition as td
    where td.name = p_name and td.kind = 'transform';
    if not found then
        raise exception 'unknown transform "%"', p_name;
    end if;
    perform pg_advisory_xact_lock(hashtext('sra.transform'), hashtext(p_name));
    execute format('delete from %s', d.target);
    for v_current in
        select c.oid::regclass
        from pg_class as c
        where c.relnamespace = (select t.relnamespace from pg_class as t where t.oid = d.target::regclass)
            and c.relkind in ('r', 'p')
            and (c.relname = (select t.relname from pg_class as t where t.oid = d.target::regclass) || '_current'
                or starts_with(c.relname, (select t.relname from pg_class as t where t.oid = d.target::regclass) || '_current_'))
    loop
        execute format('delete from %s', v_current);
    end loop;
    delete from ops.transform_batch as t where t.transform_name = p_name;
    delete from ops.quality_issue as q where q.transform_name = p_name;
    delete from ops.quarantine as q where q.transform_name = p_name;
    -- the rebuilt batches are checked again (ranges, scale errors, scores: ops.check_quality)
    delete from ops.quality_check_batch as q where q.transform_name = p_name;
    update ops.transform_batch_failure as f
    set state = 'retry', attempts = f.attempts + 1
    where f.transform_name = p_name and f.state = 'failed';
    update ops.transform_definition as td set needs_rebuild = false where td.name = p_name;
    return query select * from ops.run_transform(p_name, true);
    -- approved corrections of the rebuilt versions are written again (docs/CORRECTIONS.md)
    perform ops.replay_corrections(d.target);
end
$$;

-- Re-queue failed batches (all transforms that failed them, or only p_names):
-- state 'retry', attempts + 1; the next run of each transform takes them in.
-- Returns what was re-queued.
create or replace function ops.retry_failed_batches(p_batches bigint[], p_names text[] default null)
returns table (transform_name text, batch_id bigint, attempts integer)
language sql
as $$
    update ops.transform_batch_failure as f
    set state = 'retry', attempts = f.attempts + 1
    where f.batch_id = any(p_batches)
        and f.state = 'failed'
        and (p_names is null or f.transform_name = any(p_names))
    returning f.transform_name, f.batch_id, f.attempts
$$;
