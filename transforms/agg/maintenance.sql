-- definition: ops.maintenance
-- version: 4
-- The housekeeping jobs of ops.scheduled_job (pg_cron or the worker runs
-- them as the owner): weekly statistics and next year's partitions, daily
-- retention.

-- ANALYZE every table of raw, core and agg that holds pages (an empty one
-- keeps the planner's default guess). ANALYZE reads a sample and takes
-- a SHARE UPDATE EXCLUSIVE lock, which readers and writers never wait for;
-- nothing is rewritten or reordered (the version-key indexes serve the
-- lookups, so no CLUSTER). A table whose lock is not granted within 30
-- seconds (a concurrent VACUUM or index build holds it) is skipped and
-- reported. VACUUM is autovacuum's: it cannot run inside a job's transaction.
create or replace function ops.run_maintenance()
returns table (table_name text, action text, ms integer, detail text)
language plpgsql
as $$
declare
    t record;
    v_started timestamptz;
begin
    perform set_config('lock_timeout', '30s', true);
    for t in
        select c.oid::regclass::text as rel
        from pg_class as c
        where c.relnamespace in ('raw'::regnamespace, 'core'::regnamespace, 'agg'::regnamespace)
            and c.relkind in ('r', 'p')
            -- a partitioned table is analyzed whole (its partitions with it)
            and not c.relispartition
            -- a table that never held a row has nothing to sample
            and (c.relkind = 'p' or pg_relation_size(c.oid) > 0)
        order by 1
    loop
        v_started := clock_timestamp();
        begin
            execute format('analyze %s', t.rel);
            return query select t.rel, 'analyze'::text,
                (extract(epoch from clock_timestamp() - v_started) * 1000)::integer, null::text;
        exception when lock_not_available then
            return query select t.rel, 'skipped'::text,
                (extract(epoch from clock_timestamp() - v_started) * 1000)::integer,
                'busy: its lock was not granted within 30s; next week''s run takes it'::text;
        end;
    end loop;

    -- the yearly partitions of this year and the next, created ahead so a
    -- daily load never creates one (docs/SCALING.md)
    v_started := clock_timestamp();
    begin
        return query select a.table_name, 'partition'::text,
            (extract(epoch from clock_timestamp() - v_started) * 1000)::integer,
            format('%s partitions created', a.partitions_created)
        from core.create_partitions_ahead() as a;
    exception when lock_not_available then
        return query select 'core'::text, 'skipped'::text,
            (extract(epoch from clock_timestamp() - v_started) * 1000)::integer,
            'busy: a partitioned table''s lock was not granted within 30s; next week''s run takes it'::text;
    end;
end
$$;

-- Retention, ages from ops.setting (0 or absent: keep):
-- - ops.fmp_api_call older than api_call_retention_days (whole minutes, so
--   agg.api_usage_minute, refreshed from the same rows, drops whole buckets);
-- - ops.task_run runs started more than task_run_retention_days ago that are
--   no longer running, with their child runs (steps, loads, transforms);
-- - ops.quality_issue rows resolved more than quality_issue_retention_days
--   ago (open issues stay however old they are);
-- - raw batches landed more than raw_retention_days ago (0: never) that every
--   transform reading their dataset has consumed. A dataset no transform reads
--   yet, or whose transform awaits a rebuild, keeps its raw batches: they are
--   the only copy of that data.
create or replace function ops.run_retention()
returns table (what text, deleted bigint)
language plpgsql
as $$
declare
    v_call_days integer := (select s.value::integer from ops.setting as s where s.name = 'api_call_retention_days');
    v_raw_days integer := (select s.value::integer from ops.setting as s where s.name = 'raw_retention_days');
    v_run_days integer := (select s.value::integer from ops.setting as s where s.name = 'task_run_retention_days');
    v_issue_days integer := (select s.value::integer from ops.setting as s where s.name = 'quality_issue_retention_days');
    v_n bigint;
    v_name text;
begin
    if to_regclass('ops.fmp_api_call') is not null and coalesce(v_call_days, 0) > 0 then
        execute 'delete from ops.fmp_api_call as c where c.called_at < date_trunc(''minute'', now()) - make_interval(days => $1)'
            using v_call_days;
        get diagnostics v_n = row_count;
        return query select 'ops.fmp_api_call'::text, v_n;
    end if;

    if coalesce(v_run_days, 0) > 0 then
        -- child runs go with their parent (on delete cascade)
        delete from ops.task_run as t
        where t.started_at < now() - make_interval(days => v_run_days)
            and t.status <> 'running';
        get diagnostics v_n = row_count;
        return query select 'ops.task_run'::text, v_n;
    end if;

    if coalesce(v_issue_days, 0) > 0 then
        delete from ops.quality_issue as q
        where q.resolved_at < now() - make_interval(days => v_issue_days);
        get diagnostics v_n = row_count;
        return query select 'ops.quality_issue'::text, v_n;
    end if;

    if coalesce(v_raw_days, 0) > 0 then
        -- no transform may run (or rebuild) between the check and the delete
        for v_name in
            select d.name from ops.transform_definition as d where d.kind = 'transform' order by d.name
        loop
            perform pg_advisory_xact_lock(hashtext('sra.transform'), hashtext(v_name));
        end loop;

        if to_regclass('pg_temp._retired') is not null then
            drop table _retired;
        end if;
        create temp table _retired on commit drop as
        select b.batch_id
        from raw.batch as b
        where b.status = 'landed'
            and b.landed_at < now() - make_interval(days => v_raw_days)
            and exists (
                select 1 from ops.transform_definition as d
                where d.kind = 'transform' and b.dataset = any(d.datasets)
            )
            and not exists (
                select 1 from ops.transform_definition as d
                where d.kind = 'transform'
                    and b.dataset = any(d.datasets)
                    and (
                        d.needs_rebuild
                        or not exists (
                            select 1 from ops.transform_batch as t
                            where t.transform_name = d.name and t.batch_id = b.batch_id
                        )
                    )
            );
        alter table _retired add primary key (batch_id);
        analyze _retired;

        delete from raw.stored_record as r using _retired as x where r.batch_id = x.batch_id;
        get diagnostics v_n = row_count;
        return query select 'raw.record'::text, v_n;
        delete from raw.rejected_row as r using _retired as x where r.batch_id = x.batch_id;
        -- the ledgers (ops.transform_batch, ops.aggregate_batch) follow by cascade
        delete from raw.batch as b using _retired as x where b.batch_id = x.batch_id;
        get diagnostics v_n = row_count;
        return query select 'raw.batch'::text, v_n;
    end if;
end
$$;
