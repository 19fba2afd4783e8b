-- ops.analytics_required_symbols(): the symbols `sra load fmp` must fetch
-- for the analytics: the seven factor ETFs, every stock position of the
-- latest portfolio versions and every option's underlying (not the option).
begin;
\ir analytics_fixture.psql
select plan(3);

select set_eq(
    $$ select symbol from ops.analytics_required_symbols() where reason = 'factor' $$,
    array['SPY', 'VTV', 'VUG', 'MTUM', 'QUAL', 'SLY', 'USMV'],
    'the seven factor ETFs'
);
select set_eq(
    $$ select symbol || ':' || reason from ops.analytics_required_symbols() where reason <> 'factor' $$,
    array['AAA:position', 'BBB:position', 'CCC:position', 'SPY:position', 'WILD:position', 'AAA:underlying', 'BBB:underlying', 'CCC:underlying'],
    'stock positions and option underlyings of the latest versions, options themselves not'
);
select ok(
    (select bool_and(history_days = 300) from ops.analytics_required_symbols()),
    'with 300 trading days of history by default'
);

select * from finish();
rollback;
