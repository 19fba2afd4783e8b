-- core.sessions_between counts sessions of the calendar, both ends included
-- (docs/CALENDAR.md); outside the materialised range it refuses to guess.
begin;
\ir ../helpers/fixtures.psql
select plan(9);

-- Test
select is(core.sessions_between('NYSE', '2024-01-01', '2024-12-31'), 252, '2024 had 252 NYSE sessions');
select is(core.sessions_between('NYSE', '2025-01-01', '2025-12-31'), 250, '2025 had 250 NYSE sessions (with the January 9 closure)');
select is(core.sessions_between('NYSE', '2026-01-01', '2026-12-31'), 251, '2026 has 251 NYSE sessions');
select set_eq(
    $$ select y, core.sessions_between('NYSE', make_date(y, 1, 1), make_date(y, 12, 31)) from generate_series(2000, 2023) as y $$,
    $$ values (2000, 252), (2001, 248), (2002, 252), (2003, 252), (2004, 252), (2005, 252), (2006, 251), (2007, 251),
        (2008, 253), (2009, 252), (2010, 252), (2011, 252), (2012, 250), (2013, 252), (2014, 252), (2015, 252),
        (2016, 252), (2017, 251), (2018, 251), (2019, 252), (2020, 253), (2021, 252), (2022, 251), (2023, 250) $$,
    'the NYSE''s sessions per year 2000-2023, with the shipped past closures'
);
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
