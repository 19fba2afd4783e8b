-- Saturdays and Sundays are never sessions; every weekday is a session unless
-- a holiday or a closure says otherwise (docs/CALENDAR.md).
begin;
\ir ../helpers/fixtures.psql
select plan(4);

-- Test
select is_empty(
    $$ select date from core.exchange_calendar where exchange = 'NYSE' and is_open and extract(isodow from date) >= 6 $$,
    'no Saturday or Sunday is a session'
);
select is_empty(
    $$ select date from core.exchange_calendar where exchange = 'NYSE' and not is_open and reason is null $$,
    'every closed day says why'
);
select is(
    (select count(*) from core.exchange_calendar where exchange = 'NYSE' and date between '2025-03-01' and '2025-03-31' and not is_open),
    10::bigint,
    'March 2025: its ten weekend days are closed, its weekdays open'
);
select is_empty(
    $$
    select d::date from generate_series(date '2000-01-01', (select max(date) from core.exchange_calendar where exchange = 'NYSE'), interval '1 day') as d
    except
    select date from core.exchange_calendar where exchange = 'NYSE'
    $$,
    'the calendar holds every day from 2000-01-01 through its horizon'
);

select * from finish();
rollback;
