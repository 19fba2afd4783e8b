-- The daily refresh runs at the New York close, 16:30 America/New_York, in
-- summer (EDT, UTC-4) and winter (EST, UTC-5) time: it is scheduled at 20:30
-- and 21:30 UTC on weekdays and goes ahead only in the run that is 16:30 in
-- New York. The backfill runs off the refresh, maintenance and retention hours.
begin;
\ir ../helpers/fixtures.psql
select plan(8);

-- Setup: the settings of the migrations are the fixture

-- Test
select is((select value from ops.setting where name = 'refresh_schedule'), '30 20,21 * * 1-5',
    'the refresh is scheduled at 20:30 and 21:30 UTC on weekdays');
select ok(ops.new_york_close_due('2026-07-15 20:30:00+00'), 'July: 20:30 UTC is 16:30 in New York (EDT): the refresh runs');
select ok(not ops.new_york_close_due('2026-07-15 21:30:00+00'), 'July: 21:30 UTC is 17:30 in New York: it does not run again');
select ok(not ops.new_york_close_due('2026-01-15 20:30:00+00'), 'January: 20:30 UTC is 15:30 in New York (EST): before the close, no run');
select ok(ops.new_york_close_due('2026-01-15 21:30:00+00'), 'January: 21:30 UTC is 16:30 in New York: the refresh runs');
select is(
    (select count(*)::integer from generate_series(timestamptz '2026-03-02 00:00+00', '2026-12-31 23:59+00', interval '1 day') as d
     cross join (values (interval '20 hours 30 minutes'), (interval '21 hours 30 minutes')) as t (at)
     where ops.new_york_close_due(d + t.at)),
    (select count(*)::integer from generate_series(date '2026-03-02', '2026-12-31', interval '1 day')),
    'across both clock changes of 2026 exactly one of the two runs goes ahead each day'
);
select is((select ops.cron_hours(value) from ops.setting where name = 'backfill_schedule'), array[11],
    'the backfill runs at 11:00 UTC (06:00 or 07:00 in New York)');
select is_empty($$ select * from ops.schedule_clashes() $$,
    'no clash between the refresh, the backfill, the weekly loads, maintenance and retention');

select * from finish();
rollback;
