-- The migrating role owns every schema, table, sequence, view, function and
-- type of the sra-data schemas; no group role owns anything there, may
-- create in them, or holds TRUNCATE, REFERENCES or TRIGGER. A table a later
-- migration creates in core gets the transformer's DML by default
-- privileges, and still belongs to the owner.
begin;
\ir ../helpers/fixtures.psql
select plan(9);

-- Setup
create temp table sra_schema (name text);
insert into sra_schema values ('raw'), ('core'), ('agg'), ('api'), ('ops'), ('parse_fast'), ('parse_careful');

-- Test
select is_empty(
    $$ select n.nspname, pg_get_userbyid(n.nspowner) from pg_namespace as n
       where n.nspname in (select name from sra_schema) and n.nspowner <> current_user::regrole $$,
    'the owner owns every sra-data schema'
);
select is_empty(
    $$ select c.oid::regclass, pg_get_userbyid(c.relowner) from pg_class as c
       join pg_namespace as n on n.oid = c.relnamespace
       where n.nspname in (select name from sra_schema) and c.relowner <> current_user::regrole $$,
    'the owner owns every table, index, sequence and view of raw, core, agg, api, ops, parse_fast and parse_careful'
);
select is_empty(
    $$ select p.oid::regprocedure, pg_get_userbyid(p.proowner) from pg_proc as p
       join pg_namespace as n on n.oid = p.pronamespace
       where n.nspname in (select name from sra_schema) and p.proowner <> current_user::regrole $$,
    'the owner owns every function of those schemas'
);
select is_empty(
    $$ select t.oid::regtype, pg_get_userbyid(t.typowner) from pg_type as t
       join pg_namespace as n on n.oid = t.typnamespace
       where n.nspname in (select name from sra_schema) and t.typowner <> current_user::regrole $$,
    'the owner owns every type of those schemas'
);
select is_empty(
    $$ select n.nspname, r.rolname from pg_namespace as n
       cross join (values ('public'), ('sra_loader'), ('sra_transformer'), ('sra_reader')) as r (rolname)
       where n.nspname in (select name from sra_schema)
           and case when r.rolname = 'public'
               then exists (select 1 from aclexplode(n.nspacl) as a where a.grantee = 0 and a.privilege_type = 'CREATE')
               else has_schema_privilege(r.rolname, n.oid, 'CREATE') end $$,
    'neither PUBLIC nor any group role may create in any sra-data schema'
);
select is_empty(
    $$ select c.oid::regclass, r.rolname, p.privilege from pg_class as c
       join pg_namespace as n on n.oid = c.relnamespace
       cross join (values ('sra_loader'), ('sra_transformer'), ('sra_reader')) as r (rolname)
       cross join (values ('TRUNCATE'), ('REFERENCES'), ('TRIGGER')) as p (privilege)
       where n.nspname in (select name from sra_schema) and c.relkind in ('r', 'p', 'v', 'm', 'f')
           and has_table_privilege(r.rolname, c.oid, p.privilege) $$,
    'no group role holds TRUNCATE, REFERENCES or TRIGGER on any table or view'
);
select ok(
    has_database_privilege('sra_transformer', current_database(), 'TEMPORARY'),
    'sra_transformer may create temporary tables (the transforms stage into them)'
);

-- a table a later migration adds to core
create table core.zz_later (identifier text primary key, amount decimal(12, 2));
select is(
    (select array_agg(p.privilege order by p.privilege) from unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER']) as p (privilege)
     where has_table_privilege('sra_transformer', 'core.zz_later', p.privilege)),
    array['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
    'a core table created later gives sra_transformer select, insert, update and delete by default, nothing more'
);
select table_owner_is('core', 'zz_later', current_user, 'a core table created later belongs to the owner');

select * from finish();
rollback;
