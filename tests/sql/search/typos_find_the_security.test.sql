-- Misspelt names and tickers still find the security, first.
begin;
\ir ../helpers/fixtures.psql
select plan(4);
\ir search_fixture.psql

select is((select key from api.search_securities('micrsoft', 5) limit 1), 'MSFT', '"micrsoft" finds Microsoft first');
select is((select key from api.search_securities('APPL', 5) limit 1), 'AAPL', '"APPL" finds Apple first');
select is((select key from api.search_securities('Microsfot Corp', 5) limit 1), 'MSFT', 'a typo in a multi-word name finds Microsoft first');
select ok(exists (select 1 from api.search_securities('MSFTT', 5) where key = 'MSFT'), 'a misspelt ticker "MSFTT" finds MSFT');

select * from finish();
rollback;
