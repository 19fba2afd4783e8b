-- An exact ticker ranks first, then tickers starting with the query, then
-- name matches.
begin;
\ir ../helpers/fixtures.psql
select plan(5);
\ir search_fixture.psql

select is(
    (select array_agg(key order by rank desc) from api.search_securities('ALL', 3)),
    array['ALL', 'ALLY', 'AMOT'],
    '"ALL": the ticker ALL, then ALLY (prefix), then Allied Motion (name)'
);
select is(
    (select array_agg(match order by rank desc) from api.search_securities('ALL', 3)),
    array['ticker', 'ticker prefix', 'text'],
    'each says how it matched'
);
select is(
    (select array_agg(key order by rank desc) from api.search_securities('aa', 2)),
    array['AA', 'AAPL'],
    '"aa" (any case): AA, then AAPL'
);
select ok(
    (select bool_and(case match when 'ticker' then rank >= 3 when 'ticker prefix' then rank >= 2 and rank < 3 else rank < 1 end)
     from api.search_securities('a', 50)),
    'ranks fall in tiers: exact ticker >= 3, prefix in [2, 3), names below 1'
);
select is(
    (select key from api.search_securities('apple', 5) limit 1),
    'AAPL',
    'a name finds its security'
);

select * from finish();
rollback;
