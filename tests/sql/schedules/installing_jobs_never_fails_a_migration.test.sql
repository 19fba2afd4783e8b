-- ops.install_cron_jobs() runs in a migration: a migrating role that may not
-- read shared_preload_libraries (no superuser, no pg_read_all_settings) or
-- may not schedule pg_cron jobs is told the worker runs the jobs; the
-- migration does not fail.
begin;
\ir ../helpers/fixtures.psql
select plan(3);

-- Setup: a plain role with what installing touches, and nothing more
create role zz_plain_owner nologin;
grant usage on schema ops, tests to zz_plain_owner;
grant select, update on ops.scheduled_job to zz_plain_owner;
grant execute on function ops.install_cron_jobs() to zz_plain_owner;

-- Test
set local role zz_plain_owner;
select lives_ok($$ select ops.install_cron_jobs() $$, 'installing the jobs as a plain role does not fail');
select matches(ops.install_cron_jobs(), 'the worker runs the jobs$', 'it says the worker runs the jobs');
reset role;
select is_empty($$ select job_name from ops.scheduled_job where cron_job_id is not null $$,
    'no job claims a pg_cron id it did not get');

select * from finish();
rollback;
