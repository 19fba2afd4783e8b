-- The calendar knows how far it reaches: ops.calendar_horizon() reports the
-- horizon and the days left and asks for an extension from 60 days before it;
-- core.build_exchange_calendar is re-runnable and extends it (docs/CALENDAR.md).
begin;
\ir ../helpers/fixtures.psql
set local client_min_messages = error;
select plan(8);

-- Setup
create temp table h as select * from ops.calendar_horizon();

-- Test
select results_eq(
    $$ select exchange, horizon, days_left from h $$,
    $$ values ('NYSE'::text, make_date(extract(year from current_date)::int + 5, 12, 31),
        make_date(extract(year from current_date)::int + 5, 12, 31) - current_date) $$,
    'the migration materialises NYSE through December 31 of the current year + 5'
);
select ok(not (select needs_extension from h), 'years ahead: no extension needed');
select ok(
    (select needs_extension from ops.calendar_horizon((select horizon - 60 from h))),
    '60 days before the horizon: an extension is needed'
);
select ok(
    not (select needs_extension from ops.calendar_horizon((select horizon - 61 from h))),
    '61 days before the horizon: not yet'
);
select is(
    (select days_left from ops.calendar_horizon((select horizon - 60 from h))),
    60,
    'days_left counts calendar days to the horizon'
);
select is(core.build_exchange_calendar('NYSE'), 0::bigint, 're-running the build changes nothing');
select cmp_ok(core.build_exchange_calendar('NYSE', (select horizon + 1 from h), (select horizon + 366 from h)), '>', 0::bigint,
    'the build extends the calendar');
select is((select horizon from ops.calendar_horizon()), (select horizon + 366 from h), 'and the horizon moves with it');

select * from finish();
rollback;
