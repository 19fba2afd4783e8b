-- Fundata funds are found by their French and English names and families.
begin;
\ir ../helpers/fixtures.psql
select plan(4);
\ir search_fixture.psql

select is((select key from api.search_securities('équilibré', 5) limit 1), 'F000001', 'French name (accented) finds the fund');
select is((select key from api.search_securities('fonds mondial', 5) limit 1), 'F000001', 'two French words find the fund');
select is((select key from api.search_securities('balanced fund', 5) limit 1), 'F000002', 'English name finds the fund');
select is((select kind from api.search_securities('Sagesse', 5) limit 1), 'fund', 'the fund family (category) finds the fund');

select * from finish();
rollback;
