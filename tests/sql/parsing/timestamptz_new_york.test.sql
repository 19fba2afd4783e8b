-- core.parse_timestamptz_new_york (the stage type ts_new_york): a naive time
-- is New York wall-clock time, daylight saving included, whatever the
-- session's time zone; an explicit offset or Z and epoch seconds stay as given.
begin;
\ir ../helpers/fixtures.psql
select plan(8);

-- Setup: a session far from both UTC and New York
set local timezone = 'Asia/Tokyo';

-- Test
select is(core.parse_timestamptz_new_york('2024-07-15 09:30:00'), timestamptz '2024-07-15 13:30:00+00',
    'July: EDT, four hours behind UTC');
select is(core.parse_timestamptz_new_york('2024-01-15 09:30:00'), timestamptz '2024-01-15 14:30:00+00',
    'January: EST, five hours behind UTC');
select is(core.parse_timestamptz_new_york('2024-03-10 03:00:00'), timestamptz '2024-03-10 07:00:00+00',
    'the morning daylight saving starts (10 March 2024): EDT from 03:00');
select is(core.parse_timestamptz_new_york('2024-11-03 12:00:00'), timestamptz '2024-11-03 17:00:00+00',
    'the day daylight saving ends (3 November 2024): EST by noon');
select is(core.parse_timestamptz_new_york('2024-07-15T09:30:00.250'), timestamptz '2024-07-15 13:30:00.25+00',
    'ISO T separator and fractions of a second');
select is(core.parse_timestamptz_new_york('2024-07-15T09:30:00Z'), timestamptz '2024-07-15 09:30:00+00',
    'Z stays UTC');
select is(core.parse_timestamptz_new_york('2024-07-15 09:30:00+02:00'), timestamptz '2024-07-15 07:30:00+00',
    'an explicit offset stays as given');
select results_eq(
    $$ values (core.parse_timestamptz_new_york('1721050200')), (core.parse_timestamptz_new_york('not a time')),
              (core.parse_timestamptz_new_york('')), (core.parse_timestamptz_new_york(null)) $$,
    $$ values (timestamptz '2024-07-15 13:30:00+00'), (null::timestamptz), (null), (null) $$,
    'epoch seconds are an instant; text that is no time and blanks are NULL'
);

select * from finish();
rollback;
