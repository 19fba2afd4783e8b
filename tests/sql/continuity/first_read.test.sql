-- The first detection of a series (docs/CONTINUITY.md): one aggregate per
-- series (first and latest date, the sessions it holds) against the
-- calendar's session numbers; only a series with missing sessions is read
-- again to locate them. A row on a day that is not a session never hides a
-- missing session. The session numbers follow the calendar.
begin;
\ir ../helpers/fixtures.psql
select plan(9);

-- Setup
create temp table sessions as
select c.date from core.exchange_calendar as c
where c.exchange = 'NYSE' and c.is_open and c.date between '2024-11-01' and '2024-11-29';
-- FULL: every session 1 .. 15 November; HOLE: no 12 November;
-- SAT: a row on Saturday 9 November and none on 12 November, as many rows as FULL
insert into core.equity_quotes_current (symbol, date, data_version, vendor_as_of, batch_id, line)
select x.symbol, s.date, 1, s.date, 1, 1
from sessions as s
cross join (values ('FULL'), ('HOLE'), ('SAT')) as x (symbol)
where s.date <= '2024-11-15' and not (x.symbol in ('HOLE', 'SAT') and s.date = '2024-11-12')
union all
select 'SAT', date '2024-11-09', 1, date '2024-11-09', 1, 1;
create temp table r1 as select * from ops.detect_gaps('2024-11-15');

-- Test
-- 1 .. 15 November 2024: sessions 1, 4–8, 11–15 (Veterans Day is a session), 11 in all
select is(
    (select max(session_no) - min(session_no) + 1 from core.exchange_calendar
     where exchange = 'NYSE' and date between '2024-11-01' and '2024-11-15'),
    11, 'session numbers: 11 sessions from 1 to 15 November 2024'
);
select is(
    (select session_no from core.exchange_calendar where exchange = 'NYSE' and date = '2024-11-09'),
    (select session_no from core.exchange_calendar where exchange = 'NYSE' and date = '2024-11-08'),
    'a Saturday carries the number of the Friday before'
);
select is((select scan_from from _keys where key = 'FULL'), '2024-11-15'::date,
    'a series without a missing session is not read again: only its latest date');
select is((select count(*)::integer from _pair where key = 'FULL'), 1, 'its one row read: the latest');
select is((select scan_from from _keys where key = 'HOLE'), '2024-11-01'::date,
    'a series with a missing session is read from its first date');
select results_eq(
    $$ select key collate "default", from_date, to_date, sessions from ops.backfill_request order by key $$,
    $$ values ('HOLE'::text, '2024-11-12'::date, '2024-11-12'::date, 1), ('SAT', '2024-11-12', '2024-11-12', 1) $$,
    'the missing session is located; a row on a Saturday does not hide one'
);
select is((select sum(missing_sessions)::integer from r1), 2, 'two missing sessions in all');

-- a closure renumbers the sessions after it
insert into ops.market_closure (exchange, date, reason) values ('NYSE', '2024-11-13', 'test closure');
select is(
    (select max(session_no) - min(session_no) + 1 from core.exchange_calendar
     where exchange = 'NYSE' and date between '2024-11-01' and '2024-11-15'),
    10, 'a closure on 13 November: 10 sessions from 1 to 15 November'
);
select is(
    (select session_no from core.exchange_calendar where exchange = 'NYSE' and date = '2024-11-13'),
    (select session_no from core.exchange_calendar where exchange = 'NYSE' and date = '2024-11-12'),
    'the closed day carries the number of the session before'
);

select * from finish();
rollback;
