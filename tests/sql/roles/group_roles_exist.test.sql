-- The three group roles of docs/ARCHITECTURE.md §7 exist and cannot log in themselves:
-- operators grant them to login users.
begin;
\ir ../helpers/fixtures.psql
select plan(6);

-- Setup: none, the catalog is the fixture

-- Test
select has_role('sra_loader', 'role sra_loader (lands raw data, records runs) exists');
select has_role('sra_transformer', 'role sra_transformer (owns core and agg) exists');
select has_role('sra_reader', 'role sra_reader (the read-only client) exists');
select is(
    (select array_agg(r.rolname::text order by r.rolname) from pg_roles as r where r.rolname in ('sra_loader', 'sra_transformer', 'sra_reader') and r.rolcanlogin),
    null,
    'none of the group roles can log in: they are granted to login users'
);
select is(
    (select array_agg(r.rolname::text order by r.rolname) from pg_roles as r where r.rolname in ('sra_loader', 'sra_transformer', 'sra_reader') and (r.rolsuper or r.rolbypassrls or r.rolcreaterole or r.rolcreatedb)),
    null,
    'none of the group roles is superuser, bypasses RLS or creates roles or databases'
);
select is_empty(
    $$
    select m.roleid::regrole, m.member::regrole
    from pg_auth_members as m
    where m.member in ('sra_loader'::regrole, 'sra_transformer'::regrole, 'sra_reader'::regrole)
    $$,
    'the group roles inherit no other role''s privileges'
);

select * from finish();
rollback;
