-- Up Migration
-- The in-database jobs: transforms and aggregates run as sra_transformer;
-- the weekly maintenance only analyzes (no CLUSTER: it never blocks readers)
-- and, like the daily retention, runs at an hour no load runs; retention also
-- removes old task runs and resolved quality issues. See docs/DEPLOYMENT.md.

---------------------------------------------------------------------------
-- Quality issues can be resolved (an operator, or a process that fixed the
-- data, sets resolved_at); retention deletes resolved issues past their age.
---------------------------------------------------------------------------
alter table ops.quality_issue add column resolved_at timestamptz;
comment on column ops.quality_issue.resolved_at is
    'When the issue was dealt with (NULL: open). Resolved issues are deleted by the retention job after quality_issue_retention_days.';
create index quality_issue_resolved_idx on ops.quality_issue (resolved_at) where resolved_at is not null;

-- task runs are deleted oldest first
create index task_run_started_idx on ops.task_run (started_at);

---------------------------------------------------------------------------
-- Settings: retention ages and the schedules of the loads the worker runs
-- (written by the worker at start from SRA_REFRESH_CRON / SRA_WEEKLY_CRON),
-- so the database can tell whether a job would run in a load's hour.
---------------------------------------------------------------------------
insert into ops.setting (name, value, description) values
    ('task_run_retention_days', '90',
        'ops.task_run runs (with their steps) that started more than this many days ago and are no longer running are deleted by the retention job (0: keep).'),
    ('quality_issue_retention_days', '90',
        'ops.quality_issue rows resolved more than this many days ago are deleted by the retention job (0: keep). Open issues are kept.'),
    ('refresh_schedule', '0 2 * * *',
        'The daily refresh the worker runs (SRA_REFRESH_CRON, UTC): maintenance and retention run at other hours.'),
    ('weekly_schedule', '0 3 * * 0',
        'The weekly loads the worker runs (SRA_WEEKLY_CRON, UTC): maintenance and retention run at other hours.')
on conflict (name) do nothing;

---------------------------------------------------------------------------
-- The hours (UTC) a cron expression can fire in: its hour field (the second
-- of five fields, the third of six) as a set of 0..23.
---------------------------------------------------------------------------
create function ops.cron_hours(p_schedule text)
returns integer[]
language plpgsql
immutable
strict
as $$
declare
    v_fields text[] := regexp_split_to_array(btrim(p_schedule), '\s+');
    v_field text;
    v_part text;
    v_m text[];
    v_from integer;
    v_to integer;
    v_step integer;
    v_hours integer[] := '{}';
begin
    if cardinality(v_fields) not in (5, 6) then
        raise exception 'not a cron expression: "%"', p_schedule using errcode = '22023';
    end if;
    v_field := v_fields[cardinality(v_fields) - 3];
    foreach v_part in array string_to_array(v_field, ',') loop
        v_m := regexp_match(v_part, '^(\*|(\d+)(?:-(\d+))?)(?:/(\d+))?$');
        if v_m is null then
            raise exception 'not a cron hour field: "%" in "%"', v_field, p_schedule using errcode = '22023';
        end if;
        v_from := case when v_m[1] = '*' then 0 else v_m[2]::integer end;
        v_to := case when v_m[1] = '*' then 23 when v_m[3] is not null then v_m[3]::integer
            when v_m[4] is not null then 23 else v_from end;
        v_step := coalesce(v_m[4]::integer, 1);
        v_hours := v_hours || array(select generate_series(v_from, least(v_to, 23), greatest(v_step, 1)));
    end loop;
    return array(select distinct h from unnest(v_hours) as h order by h);
end
$$;

-- Schedules that share an hour: the fixed-hour jobs of ops.scheduled_job
-- (maintenance, retention) with each other and with the worker's loads.
-- Jobs that run every hour (transforms, aggregates) are meant to run
-- alongside everything and are left out.
create function ops.schedule_clashes()
returns table (first_schedule text, second_schedule text, hours integer[])
language sql
stable
as $$
    with s as (
        select j.job_name as name, ops.cron_hours(j.schedule) as hours, true as is_job
        from ops.scheduled_job as j
        union all
        select st.name, ops.cron_hours(st.value), false
        from ops.setting as st
        where st.name in ('refresh_schedule', 'weekly_schedule')
    ),
    fixed as (
        select * from s where cardinality(s.hours) < 24
    )
    select a.name, b.name,
        array(select x from unnest(a.hours) as x intersect select y from unnest(b.hours) as y order by 1)
    from fixed as a
    join fixed as b on a.name < b.name and (a.is_job or b.is_job)
    where a.hours && b.hours
    order by 1, 2
$$;

---------------------------------------------------------------------------
-- The jobs.
---------------------------------------------------------------------------
update ops.scheduled_job set
    command = 'set local role sra_transformer; select * from ops.run_transforms(false)',
    description = 'every transform over the batches it has not consumed, as sra_transformer (a run with nothing new only checks the ledger)'
where job_name = 'sra-transforms';
update ops.scheduled_job set
    command = 'set local role sra_transformer; select * from agg.refresh()',
    description = 'the continuous aggregates, incrementally, as sra_transformer'
where job_name = 'sra-aggregates';
update ops.scheduled_job set
    schedule = '0 8 * * 0',
    description = 'weekly, Sunday 08:00 UTC: ANALYZE of every raw, core and agg table (never blocks readers; no CLUSTER)'
where job_name = 'sra-maintenance';
update ops.scheduled_job set
    schedule = '30 7 * * *',
    description = 'daily, 07:30 UTC: API call log, task runs and resolved quality issues past their retention age; consumed raw batches when raw_retention_days is set (ops.setting)'
where job_name = 'sra-retention';

-- Installing the jobs reads shared_preload_libraries, which a migrating role
-- that is not a superuser may not read (pg_read_all_settings): such a role
-- is told the worker runs the jobs instead of failing the migration.
create or replace function ops.install_cron_jobs()
returns text
language plpgsql
as $$
declare
    v_preloaded boolean;
    v_cron_db text;
    j record;
begin
    if not exists (select 1 from pg_extension where extname = 'pg_cron') then
        begin
            v_preloaded := 'pg_cron' = any(string_to_array(
                replace(coalesce(current_setting('shared_preload_libraries', true), ''), ' ', ''), ','));
            v_cron_db := current_setting('cron.database_name', true);
        exception when insufficient_privilege then
            update ops.scheduled_job set cron_job_id = null, installed_at = null;
            return format('%s may not read shared_preload_libraries (grant pg_read_all_settings): the worker runs the jobs', current_user);
        end;
        if not v_preloaded
            or v_cron_db is distinct from current_database()
            or not exists (select 1 from pg_available_extensions where name = 'pg_cron') then
            update ops.scheduled_job set cron_job_id = null, installed_at = null;
            return format('pg_cron is not available in database %s: the worker runs the jobs', current_database());
        end if;
        begin
            create extension if not exists pg_cron;
        exception when insufficient_privilege then
            update ops.scheduled_job set cron_job_id = null, installed_at = null;
            return 'pg_cron could not be created (insufficient privilege): the worker runs the jobs';
        end;
    end if;
    begin
        for j in select * from ops.scheduled_job order by job_name loop
            execute 'update ops.scheduled_job set cron_job_id = cron.schedule($1, $2, $3), installed_at = now() where job_name = $1'
                using j.job_name, j.schedule, j.command;
        end loop;
    exception when insufficient_privilege then
        update ops.scheduled_job set cron_job_id = null, installed_at = null;
        return format('pg_cron is there but %s may not schedule jobs (grant usage on schema cron): the worker runs the jobs', current_user);
    end;
    return format('pg_cron runs %s jobs in database %s', (select count(*) from ops.scheduled_job), current_database());
end
$$;
revoke all on function ops.install_cron_jobs() from public;

do $$
begin
    raise notice '%', ops.install_cron_jobs();
end
$$;
