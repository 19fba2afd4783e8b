-- ops.fmp_analytics_symbols(): what the loader (which may not read core)
-- learns of the analytics' symbols: each symbol once, why, and whether its
-- prices are an ETF's; no quantity, price or portfolio name.
begin;
\ir analytics_fixture.psql
select plan(5);

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
    array['symbol', 'reason', 'kind'],
    'it answers symbol, reason and kind only'
);
grant usage on schema tests to sra_loader;
set local role sra_loader;
select is(
    (select count(*)::int from ops.fmp_analytics_symbols()),
    11,
    'sra_loader may call it, and sees every symbol'
);
reset role;

select * from finish();
rollback;
