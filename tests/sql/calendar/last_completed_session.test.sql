-- A session is completed once its close has passed in America/New_York:
-- 16:00, or 13:00 on an early close, in summer (EDT) and winter (EST) time
-- (docs/CALENDAR.md).
begin;
\ir ../helpers/fixtures.psql
select plan(10);

-- Test
select is(core.last_completed_session('NYSE', '2025-07-15 19:59:59+00'), '2025-07-14'::date, 'summer: at 15:59:59 New York the day is not completed');
select is(core.last_completed_session('NYSE', '2025-07-15 20:00:00+00'), '2025-07-15'::date, 'summer: at 16:00 New York (20:00 UTC) it is');
select is(core.last_completed_session('NYSE', '2025-07-16 02:00:00+00'), '2025-07-15'::date, 'summer: late evening New York (already the next day in UTC) is still the same session');
select is(core.last_completed_session('NYSE', '2025-01-15 20:30:00+00'), '2025-01-14'::date, 'winter: at 15:30 New York (20:30 UTC) the day is not completed');
select is(core.last_completed_session('NYSE', '2025-01-15 21:00:00+00'), '2025-01-15'::date, 'winter: at 16:00 New York (21:00 UTC) it is');
select is(core.last_completed_session('NYSE', '2025-11-28 17:59:00+00'), '2025-11-26'::date, 'early close: at 12:59 New York the day after Thanksgiving is not completed (Thanksgiving is closed)');
select is(core.last_completed_session('NYSE', '2025-11-28 18:00:00+00'), '2025-11-28'::date, 'early close: at 13:00 New York it is');
select is(core.last_completed_session('NYSE', '2025-07-20 15:00:00+00'), '2025-07-18'::date, 'on a Sunday: the Friday');
select is(core.last_completed_session('NYSE', '2025-01-10 15:00:00+00'), '2025-01-08'::date, 'after the January 9 2025 closure: the day before it');
select throws_ok(
    $$ select core.last_completed_session('NYSE', (select max(date) + 2 from core.exchange_calendar)::timestamptz) $$,
    '22000', null,
    'past the horizon the answer is unknown: an error'
);

select * from finish();
rollback;
