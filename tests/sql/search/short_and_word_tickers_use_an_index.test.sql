-- One- and two-letter tickers and tickers that are English words are found
-- (the `simple` configuration keeps every word), through the indexes of
-- core.security_search: with sequential scans priced out, the searches
-- scan the table through its indexes only (this transaction's statistics).
begin;
\ir ../helpers/fixtures.psql
select plan(7);
\ir search_fixture.psql
set local enable_seqscan = off;

create temp table before_search as
select seq_scan, idx_scan from pg_stat_xact_user_tables where relid = 'core.security_search'::regclass;

select is((select key from api.search_securities('A', 5) limit 1), 'A', 'ticker A is found first');
select is((select key from api.search_securities('IT', 5) limit 1), 'IT', 'ticker IT is found first');
select is((select key from api.search_securities('all', 5) limit 1), 'ALL', 'ticker ALL is found first');
select is((select key from api.search_securities('On', 5) limit 1), 'ON', 'ticker ON is found first');
select ok((select count(*) > 0 from api.search_securities('micrsoft', 5)), 'a fuzzy search finds something');

select is(
    (select x.seq_scan - b.seq_scan from pg_stat_xact_user_tables as x, before_search as b
     where x.relid = 'core.security_search'::regclass),
    0::bigint,
    'no search scanned core.security_search sequentially'
);
select cmp_ok(
    (select x.idx_scan - b.idx_scan from pg_stat_xact_user_tables as x, before_search as b
     where x.relid = 'core.security_search'::regclass),
    '>=', 5::bigint,
    'every search went through an index'
);

select * from finish();
rollback;
