-- ops.fmp_analytics_symbols(): what the loader (which may not read core)
-- learns of the analytics' symbols: each symbol once, why, whether its
-- prices are an ETF's and whether core holds too few price days of it; no
-- quantity, price or portfolio name.
begin;
\ir analytics_fixture.psql
select plan(11);

select set_eq(
    $$ select symbol || ':' || kind from ops.fmp_analytics_symbols() where reason like '%factor%' $$,
    array['SPY:etf', 'VTV:etf', 'VUG:etf', 'MTUM:etf', 'QUAL:etf', 'SLY:etf', 'USMV:etf'],
    'the seven factor ETFs are ETFs'
);
select set_eq(
    $$ select symbol || ':' || reason || ':' || kind from ops.fmp_analytics_symbols() where reason not like '%factor%' $$,
    array['AAA:position,underlying:equity', 'BBB:position,underlying:equity', 'CCC:position,underlying:equity', 'WILD:position:equity'],
    'positions and underlyings once each, equities unless the database knows an ETF'
);
select is(
    (select reason from ops.fmp_analytics_symbols() where symbol = 'SPY'),
    'factor,position',
    'a factor ETF held as a position is listed once, with both reasons'
);
select set_eq(
    $$ select unnest(proargnames) from pg_proc where oid = 'ops.fmp_analytics_symbols()'::regprocedure $$,
    array['symbol', 'reason', 'kind', 'short_history'],
    'it answers symbol, reason, kind and whether its history is short, only'
);
select set_eq(
    $$ select symbol from ops.fmp_analytics_symbols() where short_history $$,
    array['CCC'],
    'a symbol with fewer than 300 price days in core is short of history'
);
insert into core.equity_quotes_current (symbol, date, data_version, vendor_as_of, batch_id, line)
select 'CCC', d::date, 1, now(), 1, 1
from generate_series(date '2023-01-02', date '2024-12-31', interval '1 day') as d
where extract(isodow from d) < 6
on conflict do nothing;
select is_empty(
    $$ select symbol from ops.fmp_analytics_symbols() where short_history $$,
    'and no longer once core holds 300 price days of it'
);
-- ops.fmp_analytics_from(): where the history of a symbol short of it starts,
-- 300 NYSE sessions back from the last completed session on or before the day
select is(
    core.sessions_between('NYSE', ops.fmp_analytics_from(date '2024-11-29'), date '2024-11-29'),
    300,
    'a load up to 2024-11-29 (a session) fetches exactly 300 sessions ending that day'
);
select is(
    ops.fmp_analytics_from(date '2024-11-30'),
    ops.fmp_analytics_from(date '2024-11-29'),
    'a window ending on a Saturday counts from the Friday session before it'
);
select is(
    core.sessions_between('NYSE', ops.fmp_analytics_from(), core.last_completed_session('NYSE')),
    300,
    'without a day: 300 sessions through the last completed session'
);
select is(
    ops.fmp_analytics_from(date '2000-06-30'),
    null,
    'NULL when the calendar does not hold 300 sessions before the day (the loader then counts calendar days)'
);
grant usage on schema tests to sra_loader;
set local role sra_loader;
select is(
    (select count(*)::int from ops.fmp_analytics_symbols())
        + (select count(*)::int from ops.fmp_analytics_from(date '2024-11-29') as f where f is not null),
    12,
    'sra_loader may call them, and sees every symbol and the first date'
);
reset role;

select * from finish();
rollback;
