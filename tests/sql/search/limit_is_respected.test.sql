-- lim caps the rows; an empty query or a non-positive lim returns nothing.
begin;
\ir ../helpers/fixtures.psql
select plan(5);
\ir search_fixture.psql

select is((select count(*)::integer from api.search_securities('a', 3)), 3, 'lim 3: three rows');
select is((select count(*)::integer from api.search_securities('filler', 7)), 7, 'lim 7 of thousands of name matches: seven rows');
select is((select count(*)::integer from api.search_securities('a', 0)), 0, 'lim 0: nothing');
select is((select count(*)::integer from api.search_securities('   ', 5)), 0, 'a blank query: nothing');
select is((select count(*)::integer from api.search_securities(null, 5)), 0, 'a null query: nothing');

select * from finish();
rollback;
