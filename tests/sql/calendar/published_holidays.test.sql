-- The NYSE calendar equals the exchange's published holiday and early-close
-- lists for 2024, 2025 and 2026 (docs/CALENDAR.md): exact sets per year,
-- written out literally here, not derived from the rules under test.
begin;
\ir ../helpers/fixtures.psql
select plan(17);

-- Setup
create temp view closed_weekdays as
select c.date from api.trading_calendar as c
where c.exchange = 'NYSE' and not c.is_open and extract(isodow from c.date) < 6;
create temp view early_closes as
select c.date, c.early_close from api.trading_calendar as c
where c.exchange = 'NYSE' and c.is_open and c.early_close is not null;

-- Test
select set_eq(
    $$ select date from closed_weekdays where date between '2024-01-01' and '2024-12-31' $$,
    $$ values ('2024-01-01'::date), ('2024-01-15'), ('2024-02-19'), ('2024-03-29'), ('2024-05-27'), ('2024-06-19'),
        ('2024-07-04'), ('2024-09-02'), ('2024-11-28'), ('2024-12-25') $$,
    '2024: the published NYSE holidays, no more, no fewer'
);
select set_eq(
    $$ select date, early_close from early_closes where date between '2024-01-01' and '2024-12-31' $$,
    $$ values ('2024-07-03'::date, '13:00'::time), ('2024-11-29', '13:00'), ('2024-12-24', '13:00') $$,
    '2024: the published early closes at 13:00'
);
select set_eq(
    $$ select date from closed_weekdays where date between '2025-01-01' and '2025-12-31' $$,
    $$ values ('2025-01-01'::date), ('2025-01-09'), ('2025-01-20'), ('2025-02-17'), ('2025-04-18'), ('2025-05-26'),
        ('2025-06-19'), ('2025-07-04'), ('2025-09-01'), ('2025-11-27'), ('2025-12-25') $$,
    '2025: the published NYSE holidays and the national day of mourning, no more, no fewer'
);
select set_eq(
    $$ select date, early_close from early_closes where date between '2025-01-01' and '2025-12-31' $$,
    $$ values ('2025-07-03'::date, '13:00'::time), ('2025-11-28', '13:00'), ('2025-12-24', '13:00') $$,
    '2025: the published early closes at 13:00'
);
select set_eq(
    $$ select date from closed_weekdays where date between '2026-01-01' and '2026-12-31' $$,
    $$ values ('2026-01-01'::date), ('2026-01-19'), ('2026-02-16'), ('2026-04-03'), ('2026-05-25'), ('2026-06-19'),
        ('2026-07-03'), ('2026-09-07'), ('2026-11-26'), ('2026-12-25') $$,
    '2026: the published NYSE holidays (Independence Day observed on Friday July 3), no more, no fewer'
);
select set_eq(
    $$ select date, early_close from early_closes where date between '2026-01-01' and '2026-12-31' $$,
    $$ values ('2026-11-27'::date, '13:00'::time), ('2026-12-24', '13:00') $$,
    '2026: the published early closes (none before an observed Independence Day)'
);
-- rules that only other years exercise
select ok(core.is_session('NYSE', '2021-12-31'), 'New Year''s Day on a Saturday (2022) is not observed on the Friday before');
select ok(not core.is_session('NYSE', '2023-01-02'), 'New Year''s Day on a Sunday (2023) is observed on the Monday');
select ok(not core.is_session('NYSE', '2022-06-20'), 'Juneteenth on a Sunday (2022) is observed on the Monday');
select ok(core.is_session('NYSE', '2021-06-18'), 'Juneteenth is no holiday before 2022');
select ok(not core.is_session('NYSE', '2021-12-24'), 'Christmas on a Saturday (2021) is observed on Friday December 24, not an early close');
select is(core.easter_sunday(y), e, format('Easter Sunday %s', y))
from (values (2000, '2000-04-23'::date), (2011, '2011-04-24'), (2019, '2019-04-21'), (2024, '2024-03-31'),
    (2025, '2025-04-20'), (2038, '2038-04-25')) as t (y, e);

select * from finish();
rollback;
