-- Maintenance and retention run off-hours: never in an hour in which the
-- daily refresh or the weekly loads run (their schedules are in ops.setting,
-- written by the worker), nor in each other's hour. ops.schedule_clashes()
-- names any two such schedules that share an hour.
begin;
\ir ../helpers/fixtures.psql
select plan(9);

-- Setup: none, the settings and ops.scheduled_job are the fixture

-- Test
select is_empty($$ select * from ops.schedule_clashes() $$,
    'no job shares an hour with the daily refresh, the weekly loads or another fixed-hour job');
select is(
    (select ops.cron_hours(schedule) from ops.scheduled_job where job_name = 'sra-maintenance'),
    array[8],
    'maintenance runs at 08:00 UTC'
);
select is(
    (select split_part(schedule, ' ', 5) from ops.scheduled_job where job_name = 'sra-maintenance'),
    '0',
    'maintenance runs on Sunday'
);
select is(ops.cron_hours('*/15 * * * *'), array(select generate_series(0, 23)), 'a job every 15 minutes runs in every hour');
select is(ops.cron_hours('0 1-3,7/6 * * *'), array[1, 2, 3, 7, 13, 19], 'ranges, lists and steps are read');
select is(ops.cron_hours('0 30 20 * * 1-5'), array[20], 'a six-field expression (with seconds) has its hour third');

-- the refresh after New York's close (16:30, 20:30 or 21:30 UTC) clashes with nothing
update ops.setting set value = '30 20,21 * * 1-5' where name = 'refresh_schedule';
select is_empty($$ select * from ops.schedule_clashes() $$,
    'a refresh after the New York close shares no hour with maintenance or retention');

update ops.setting set value = '0 8 * * *' where name = 'refresh_schedule';
select results_eq(
    $$ select first_schedule, second_schedule, hours from ops.schedule_clashes() $$,
    $$ values ('refresh_schedule'::text, 'sra-maintenance'::text, array[8]) $$,
    'a refresh moved into the maintenance hour is named as a clash'
);
update ops.setting set value = '0 2 * * *' where name = 'refresh_schedule';
update ops.scheduled_job set schedule = '0 2 * * 0' where job_name = 'sra-maintenance';
select isnt_empty($$ select * from ops.schedule_clashes() $$,
    'the former maintenance slot (Sunday 02:00, the refresh hour) is a clash');

select * from finish();
rollback;
