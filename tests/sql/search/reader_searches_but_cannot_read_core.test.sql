-- The reader calls api.search_securities (which runs as the owner) but
-- cannot read core.security_search itself.
begin;
\ir ../helpers/fixtures.psql
select plan(4);
-- pgTAP for the reader (rolled back with the test)
grant usage on schema tests to sra_reader;
\ir search_fixture.psql

select ok(has_function_privilege('sra_reader', 'api.search_securities(text, integer)', 'execute'), 'sra_reader may execute the search');
select ok(not has_function_privilege('public', 'api.search_securities(text, integer)', 'execute'), 'public may not');
set local role sra_reader;
select is((select key from api.search_securities('micrsoft', 5) limit 1), 'MSFT', 'the reader finds Microsoft');
select throws_ok('select * from core.security_search', '42501', null, 'the reader cannot read core.security_search');
reset role;

select * from finish();
rollback;
