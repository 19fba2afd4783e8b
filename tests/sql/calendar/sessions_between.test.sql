-- core.sessions_between counts sessions of the calendar, both ends included
-- (docs/CALENDAR.md); outside the materialised range it refuses to guess.
begin;
\ir ../helpers/fixtures.psql
select plan(8);

-- Test
select is(core.sessions_between('NYSE', '2024-01-01', '2024-12-31'), 252, '2024 had 252 NYSE sessions');
select is(core.sessions_between('NYSE', '2025-01-01', '2025-12-31'), 250, '2025 had 250 NYSE sessions (with the January 9 closure)');
select is(core.sessions_between('NYSE', '2026-01-01', '2026-12-31'), 251, '2026 has 251 NYSE sessions');
select is(core.sessions_between('NYSE', '2025-11-24', '2025-11-30'), 4, 'Thanksgiving week 2025: four sessions (the early close counts)');
select is(core.sessions_between('NYSE', '2025-07-07', '2025-07-07'), 1, 'a single session day counts one');
select is(core.sessions_between('NYSE', '2025-07-08', '2025-07-07'), 0, 'an empty range counts none');
select throws_ok(
    $$ select core.sessions_between('NYSE', '1999-12-01', '2000-01-10') $$,
    '22000', null,
    'a range before the calendar is an error, not an undercount'
);
select throws_ok(
    $$ select core.sessions_between('NYSE', '2025-01-01', (select max(date) + 1 from core.exchange_calendar)) $$,
    '22000', null,
    'a range past the horizon is an error, not an undercount'
);

select * from finish();
rollback;
