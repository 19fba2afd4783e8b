-- Where pg_cron runs in this database, the migration installed the five jobs
-- with their intended schedules and commands; installing again changes
-- nothing. Without pg_cron the same list waits in ops.scheduled_job for the
-- worker, and installing is a harmless no-op.
begin;
\ir ../helpers/fixtures.psql
select plan(9);

-- Setup
create temp table intended (job_name text, schedule text, command text);
insert into intended values
    ('sra-transforms', '*/5 * * * *', 'set local role sra_transformer; select * from ops.run_transforms(false)'),
    ('sra-aggregates', '*/15 * * * *', 'set local role sra_transformer; select * from agg.refresh()'),
    ('sra-analytics', '5,20,35,50 * * * *', 'set local role sra_transformer; select * from agg.refresh_analytics()'),
    ('sra-maintenance', '0 8 * * 0', 'select * from ops.run_maintenance()'),
    ('sra-retention', '30 7 * * *', 'select * from ops.run_retention()');
create temp table has_cron as select exists (select 1 from pg_extension where extname = 'pg_cron') as present;

-- Test
select set_eq(
    $$ select job_name, schedule, command from ops.scheduled_job $$,
    $$ select * from intended $$,
    'ops.scheduled_job lists the transforms, the aggregates and the analytics build (as sra_transformer) every 5, 15 and 15 minutes, maintenance Sunday 08:00 and retention daily at 07:30'
);

-- the checks that need pg_cron's catalog run only where it exists
create function tests.cron_checks() returns setof text language plpgsql as $f$
begin
    if not (select present from has_cron) then
        return next skip('pg_cron is not installed in this database (only in the one cron.database_name names)', 6);
        return next matches(ops.install_cron_jobs(), 'the worker runs the jobs',
            'without pg_cron, installing is a no-op that says the worker runs the jobs');
        return next is_empty($$ select * from ops.scheduled_job where cron_job_id is not null $$,
            'without pg_cron no job claims a pg_cron id');
        return;
    end if;
    return next set_eq(
        $$ select jobname, schedule, command from cron.job where jobname like 'sra-%' $$,
        $$ select * from intended $$,
        'pg_cron holds the five jobs with the intended schedules and commands'
    );
    return next is_empty(
        $$ select j.jobname from cron.job as j
           where j.jobname like 'sra-%' and j.database <> current_database() $$,
        'every job runs in this database'
    );
    -- an operator's pause survives a migration: one job paused, the others active
    perform cron.alter_job(j.jobid, active := (j.jobname <> 'sra-retention')) from cron.job as j where j.jobname like 'sra-%';
    return next is_empty(
        $$ select s.job_name from ops.scheduled_job as s
           left join cron.job as j on j.jobid = s.cron_job_id
           where j.jobid is null or j.jobname <> s.job_name $$,
        'ops.scheduled_job names the pg_cron job of each entry'
    );
    return next matches(ops.install_cron_jobs(), '^pg_cron runs 5 jobs', 'installing again reports the five jobs');
    return next is((select count(*)::integer from cron.job where jobname like 'sra-%'), 5, 'installing again adds no job');
    return next set_eq(
        $$ select jobname from cron.job where jobname like 'sra-%' and not active $$,
        array['sra-retention'],
        'installing again keeps the paused job paused and the active ones active'
    );
    return next is((select count(*)::integer from ops.scheduled_job where installed_at is null), 0,
        'every entry of ops.scheduled_job is installed');
    return next ok(
        (select count(distinct cron_job_id) = 5 from ops.scheduled_job),
        'installing again kept one pg_cron job per entry'
    );
end
$f$;
select * from tests.cron_checks();

select * from finish();
rollback;
