-- One-off closures are operator data in ops.market_closure: the shipped
-- 2025-01-09 closure, and closures an operator adds, changes or removes take
-- effect on the calendar at once (docs/CALENDAR.md).
begin;
\ir ../helpers/fixtures.psql
select plan(10);

-- Test
select is(
    (select reason from ops.market_closure where exchange = 'NYSE' and date = '2025-01-09'),
    'National day of mourning: President Carter',
    'the 2025-01-09 closure ships with its reason'
);
select ok(not core.is_session('NYSE', '2025-01-09'), '2025-01-09 is no session');
select is(
    (select reason from core.exchange_calendar where exchange = 'NYSE' and date = '2025-01-09'),
    'National day of mourning: President Carter',
    'the calendar keeps the closure''s reason'
);

-- an operator closes a Tuesday
insert into ops.market_closure (exchange, date, reason) values ('NYSE', '2026-03-10', 'Test closure');
select ok(not core.is_session('NYSE', '2026-03-10'), 'a closure an operator adds closes the day at once');
select is(core.sessions_between('NYSE', '2026-03-09', '2026-03-13'), 4, 'and the week counts one session fewer');

-- it becomes an early close
update ops.market_closure set early_close = '12:00' where exchange = 'NYSE' and date = '2026-03-10';
select row_eq(
    $$ select is_open, early_close from api.trading_calendar where exchange = 'NYSE' and date = '2026-03-10' $$,
    row(true, '12:00'::time),
    'an early-close entry keeps the day a session with its close time'
);
select is(core.last_completed_session('NYSE', '2026-03-10 16:00:00+00'), '2026-03-10'::date, 'the session completes at its early close (12:00 New York, EDT)');

-- removed again
delete from ops.market_closure where exchange = 'NYSE' and date = '2026-03-10';
select row_eq(
    $$ select is_open, early_close from api.trading_calendar where exchange = 'NYSE' and date = '2026-03-10' $$,
    row(true, null::time),
    'removing the closure restores the rules'
);

-- a closure past the horizon waits for the calendar to reach it
insert into ops.market_closure (exchange, date, reason)
select 'NYSE', max(date) + 30, 'Far closure' from core.exchange_calendar where exchange = 'NYSE';
select is((select max(date) from core.exchange_calendar where exchange = 'NYSE'), make_date(extract(year from current_date)::int + 5, 12, 31),
    'a closure past the horizon does not extend the calendar');
select core.build_exchange_calendar('NYSE', (select max(date) + 1 from core.exchange_calendar where exchange = 'NYSE'),
    (select max(date) + 60 from core.exchange_calendar where exchange = 'NYSE'));
select ok(not core.is_session('NYSE', (select date from ops.market_closure where reason = 'Far closure')),
    'extending the calendar applies it');

select * from finish();
rollback;
