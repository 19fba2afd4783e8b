-- Gap detection (docs/CONTINUITY.md) over rows written straight into the
-- stored latest of the price tables: gaps are counted in NYSE sessions, a
-- holiday or weekend is never a gap, consecutive missing sessions are one
-- window, detection is idempotent, a filled gap closes its request, an
-- accepted gap is not reopened, a stale series is flagged once, and a weekly
-- fund is not gapped daily. November 2024: Thanksgiving on the 28th.
begin;
\ir ../helpers/fixtures.psql
select plan(24);

-- Setup
create temp table sessions as
select c.date from core.exchange_calendar as c
where c.exchange = 'NYSE' and c.is_open and c.date between '2024-06-03' and '2024-11-29';

-- HOL: every session of 25–29 November (no row on Thanksgiving)
insert into core.equity_quotes_current (symbol, date, data_version, vendor_as_of, batch_id, line)
select 'HOL', s.date, 1, s.date, 1, 1 from sessions as s where s.date >= '2024-11-25';
-- GAP: November without the 5th–7th and the 13th
insert into core.equity_quotes_current (symbol, date, data_version, vendor_as_of, batch_id, line)
select 'GAP', s.date, 1, s.date, 2, 1 from sessions as s
where s.date >= '2024-11-01' and s.date not in ('2024-11-05', '2024-11-06', '2024-11-07', '2024-11-13');
-- LAG: up to the 22nd (4 sessions behind the 29th: 25, 26, 27, 29)
insert into core.etfs_quotes_current (symbol, date, data_version, vendor_as_of, batch_id, line)
select 'LAG', s.date, 1, s.date, 3, 1 from sessions as s where s.date between '2024-11-01' and '2024-11-22';
-- OLD: last price in September: inactive, stale, no request
insert into core.equity_quotes_current (symbol, date, data_version, vendor_as_of, batch_id, line)
select 'OLD', s.date, 1, s.date, 4, 1 from sessions as s where s.date between '2024-09-03' and '2024-09-20';
-- treasury: every session of November but the 20th
insert into core.treasury_current (date, data_version, vendor_as_of, batch_id, line)
select s.date, 1, s.date, 5, 1 from sessions as s where s.date >= '2024-11-01' and s.date <> '2024-11-20';
-- WEEKLY: a NAV every Friday since June (Thanksgiving week's Friday is a session)
insert into core.fundata_quotes_current (identifier, date, data_version, vendor_as_of, batch_id, line)
select 'WEEKLY', s.date, 1, s.date, 6, 1 from sessions as s where extract(isodow from s.date) = 5;
-- WEEKLY2: weekly, but no NAV on 2024-11-08 (ten sessions between two NAVs)
insert into core.fundata_quotes_current (identifier, date, data_version, vendor_as_of, batch_id, line)
select 'WEEKLY2', s.date, 1, s.date, 7, 1 from sessions as s where extract(isodow from s.date) = 5 and s.date <> '2024-11-08';
-- DAILY: a daily fund without 2024-11-19
insert into core.fundata_quotes_current (identifier, date, data_version, vendor_as_of, batch_id, line)
select 'DAILY', s.date, 1, s.date, 8, 1 from sessions as s where s.date >= '2024-10-01' and s.date <> '2024-11-19';

create temp table run1 as select * from ops.detect_gaps('2024-11-29');

-- Test
select is_empty($$ select 1 from ops.backfill_request where key = 'HOL' $$,
    'Thanksgiving between two prices is no gap');
select results_eq(
    $$ select from_date, to_date, sessions, reason, state from ops.backfill_request where key = 'GAP' order by from_date $$,
    $$ values ('2024-11-05'::date, '2024-11-07'::date, 3, 'internal_gap'::text, 'open'::text),
              ('2024-11-13', '2024-11-13', 1, 'internal_gap', 'open') $$,
    'three consecutive missing sessions are one window, a lone one another'
);
select results_eq(
    $$ select dataset, from_date, to_date, sessions, reason from ops.backfill_request where key = 'LAG' $$,
    $$ values ('fmp.etf_price'::text, '2024-11-25'::date, '2024-11-29'::date, 4, 'behind_latest'::text) $$,
    'a series behind the last session gets one window up to it (4 sessions: no Thanksgiving)'
);
select is_empty($$ select 1 from ops.backfill_request where key = 'OLD' $$,
    'a series far behind (inactive) is not requested');
select results_eq(
    $$ select dataset, source, from_date, to_date from ops.backfill_request where key = 'treasury' $$,
    $$ values ('fmp.treasury'::text, 'fmp'::text, '2024-11-20'::date, '2024-11-20'::date) $$,
    'the treasury curve is gapped too'
);
select is(
    (select inferred_sessions from ops.fund_cadence where identifier = 'WEEKLY'), 5,
    'a fund with a NAV each Friday has a cadence of 5 sessions'
);
select is_empty($$ select 1 from ops.backfill_request where key = 'WEEKLY' $$,
    'a weekly fund is not gapped daily');
select results_eq(
    $$ select source, dataset, from_date, to_date, sessions from ops.backfill_request where key = 'WEEKLY2' $$,
    $$ values ('fundata'::text, 'fundata.quotes'::text, '2024-11-04'::date, '2024-11-14'::date, 9) $$,
    'a weekly fund missing a week: the sessions between its two NAVs'
);
select results_eq(
    $$ select from_date, to_date from ops.backfill_request where key = 'DAILY' $$,
    $$ values ('2024-11-19'::date, '2024-11-19'::date) $$,
    'a daily fund missing a day'
);
select is(
    (select opened from run1 where dataset = 'fmp.equity_price'), 2,
    'detection reports the windows it opened'
);

-- idempotent
create temp table before2 as select * from ops.backfill_request;
create temp table run2 as select * from ops.detect_gaps('2024-11-29');
select is((select sum(opened)::integer from run2), 0, 'a second detection opens nothing');
select set_eq($$ select id, state, from_date, to_date from ops.backfill_request $$,
    $$ select id, state, from_date, to_date from before2 $$, 'and changes no request');

-- the gap is filled: its request closes, the other stays open
insert into core.equity_quotes_current (symbol, date, data_version, vendor_as_of, batch_id, line)
values ('GAP', '2024-11-05', 1, '2024-11-05', 9, 1), ('GAP', '2024-11-06', 1, '2024-11-06', 9, 1),
    ('GAP', '2024-11-07', 1, '2024-11-07', 9, 1);
create temp table run3 as select * from ops.detect_gaps('2024-11-29');
select results_eq(
    $$ select from_date, state from ops.backfill_request where key = 'GAP' order by from_date $$,
    $$ values ('2024-11-05'::date, 'filled'::text), ('2024-11-13', 'open') $$,
    'a filled gap closes its request'
);
select is((select filled from run3 where dataset = 'fmp.equity_price'), 1, 'detection reports it filled');

-- an accepted gap is not reopened
select is(
    (select count(*)::integer from ops.accept_backfill_requests(
        array(select id from ops.backfill_request where key = 'GAP' and state = 'open'), 'halted that day')),
    1, 'an operator accepts the gap of the 13th'
);
create temp table run4 as select * from ops.detect_gaps('2024-11-29');
select results_eq(
    $$ select state, closed_reason from ops.backfill_request where key = 'GAP' and from_date = '2024-11-13' $$,
    $$ values ('accepted'::text, 'halted that day'::text) $$,
    'the accepted gap stays accepted'
);
select is((select count(*)::integer from ops.backfill_request where key = 'GAP'), 2, 'and no request reopens it');

-- a trailing window grows by the sessions after it, never twice the same
create temp table run5 as select * from ops.detect_gaps('2024-12-02');
select results_eq(
    $$ select from_date, to_date from ops.backfill_request where key = 'LAG' order by from_date $$,
    $$ values ('2024-11-25'::date, '2024-11-29'::date), ('2024-12-02', '2024-12-02') $$,
    'a new session behind the latest adds one window'
);

-- stale: flagged once per series and latest date
select results_eq(
    $$ select dataset, identifier, raw_value from ops.quality_issue where rule = 'stale_series' order by 1, 2 $$,
    $$ values ('fmp.equity_price'::text, 'OLD'::text, '2024-09-20'::text), ('fmp.etf_price', 'LAG', '2024-11-22') $$,
    'the stale series get one quality issue each, however many runs'
);
select results_eq(
    $$ select kind, latest_date, first_date, cadence_sessions from ops.series_state where key in ('LAG', 'WEEKLY') order by key $$,
    $$ values ('etf'::text, '2024-11-22'::date, '2024-11-01'::date, 1), ('fund', '2024-11-29', '2024-06-07', 5) $$,
    'ops.series_state holds each series'' first and latest date and cadence'
);

-- the freshness view counts sessions against the last completed session now
select results_eq(
    $$ select kind, latest_date, sessions_behind, is_stale, cadence from api.security_freshness where key = 'LAG' $$,
    $$ select 'etf'::text, '2024-11-22'::date, core.sessions_between('NYSE', '2024-11-23', core.last_completed_session('NYSE')), true, 'daily'::text $$,
    'api.security_freshness: sessions behind the last completed session, stale'
);
select is((select cadence from api.security_freshness where key = 'WEEKLY'), 'weekly', 'the weekly fund is named weekly');

-- an override wins over the inferred cadence
insert into ops.fund_cadence_override (identifier, cadence_sessions, reason) values ('DAILY', 21, 'prices monthly from now on');
create temp table run6 as select * from ops.detect_gaps('2024-12-02');
select is((select cadence_sessions from ops.series_state where key = 'DAILY'), 21, 'an override sets the fund''s cadence');
select results_eq(
    $$ select state, count(*)::integer from ops.backfill_request where key = 'DAILY' group by state $$,
    $$ values ('filled'::text, 1) $$,
    'under a monthly cadence one missing day is no gap: its request closes, none opens'
);

select * from finish();
rollback;
