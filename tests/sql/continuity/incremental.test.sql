-- Detection reads each series from where it stopped (docs/CONTINUITY.md): a
-- hole after the dates it already read is found, older history with a hole is
-- read whole when the series' first date moves, and a full read
-- (p_full => true) finds nothing the incremental reads missed.
begin;
\ir ../helpers/fixtures.psql
select plan(6);

-- Setup
create temp table sessions as
select c.date from core.exchange_calendar as c
where c.exchange = 'NYSE' and c.is_open and c.date between '2024-10-01' and '2024-11-29';
insert into core.equity_quotes_current (symbol, date, data_version, vendor_as_of, batch_id, line)
select 'INC', s.date, 1, s.date, 1, 1 from sessions as s where s.date between '2024-11-01' and '2024-11-15';
create temp table r1 as select * from ops.detect_gaps('2024-11-15');

-- Test
select is((select sum(opened)::integer from r1), 0, 'a complete series opens nothing');
select is((select latest_date from ops.series_state where key = 'INC'), '2024-11-15'::date, 'detection records how far it read');

-- new days after a hole (no 18 November)
insert into core.equity_quotes_current (symbol, date, data_version, vendor_as_of, batch_id, line)
select 'INC', s.date, 1, s.date, 2, 1 from sessions as s where s.date between '2024-11-19' and '2024-11-22';
create temp table r2 as select * from ops.detect_gaps('2024-11-22');
select results_eq(
    $$ select from_date, to_date, reason from ops.backfill_request where key = 'INC' order by from_date $$,
    $$ values ('2024-11-18'::date, '2024-11-18'::date, 'internal_gap'::text) $$,
    'a hole after what was read before is found'
);

-- older history arrives, with a hole on 30 October
insert into core.equity_quotes_current (symbol, date, data_version, vendor_as_of, batch_id, line)
select 'INC', s.date, 1, s.date, 3, 1 from sessions as s where s.date between '2024-10-24' and '2024-10-31' and s.date <> '2024-10-30';
create temp table r3 as select * from ops.detect_gaps('2024-11-22');
select results_eq(
    $$ select from_date, to_date from ops.backfill_request where key = 'INC' order by from_date $$,
    $$ values ('2024-10-30'::date, '2024-10-30'::date), ('2024-11-18', '2024-11-18') $$,
    'a series whose first date moved is read whole: the older hole is found'
);
select is((select first_date from ops.series_state where key = 'INC'), '2024-10-24'::date, 'and its first date recorded');

create temp table r4 as select * from ops.detect_gaps('2024-11-22', true);
select is((select sum(opened)::integer from r4), 0, 'a full read finds nothing the incremental reads missed');

select * from finish();
rollback;
