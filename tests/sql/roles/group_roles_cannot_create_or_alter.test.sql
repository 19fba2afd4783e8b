-- None of sra_loader, sra_transformer and sra_reader can create a table,
-- function or trigger in core, agg, api or ops, nor alter or drop what is
-- there: an object a group role could create or own would run with the
-- rights of the owner's jobs (a trigger fires for whoever writes the table).
begin;
\ir ../helpers/fixtures.psql
select plan(61);

-- Setup: the roles may call pgTAP; a trigger function anyone may execute
grant usage on schema tests to sra_loader, sra_transformer, sra_reader;
create function tests.role_probe_trigger() returns trigger language plpgsql as $$ begin return null; end $$;
create temp table probe (schema_name text, obj text, kind text);
insert into probe values
    ('core', 'core.fundata_quotes', 'table'),
    ('agg', 'agg.fund_nav_monthly', 'table'),
    ('ops', 'ops.task_run', 'table'),
    ('api', 'api.fund', 'view');
grant select on probe to public;

create function tests.role_limits(p_role text) returns setof text language plpgsql as $f$
declare
    p record;
begin
    for p in select * from probe order by schema_name loop
        execute format('set local role %I', p_role);
        return next throws_ok(
            format('create table %I.role_probe (x integer)', p.schema_name),
            '42501', null, format('%s cannot create a table in %s', p_role, p.schema_name));
        return next throws_ok(
            format('create function %I.role_probe() returns integer language sql as %L', p.schema_name, 'select 1'),
            '42501', null, format('%s cannot create a function in %s', p_role, p.schema_name));
        return next throws_ok(
            case p.kind
                when 'view' then format('create trigger role_probe instead of insert on %s for each row execute function tests.role_probe_trigger()', p.obj)
                else format('create trigger role_probe after insert on %s for each statement execute function tests.role_probe_trigger()', p.obj)
            end,
            '42501', null, format('%s cannot create a trigger on %s', p_role, p.obj));
        return next throws_ok(
            case p.kind
                when 'view' then format('alter view %s set (security_barrier = true)', p.obj)
                else format('alter table %s add column role_probe integer', p.obj)
            end,
            '42501', null, format('%s cannot alter %s', p_role, p.obj));
        return next throws_ok(
            format('drop %s %s', p.kind, p.obj),
            '42501', null, format('%s cannot drop %s', p_role, p.obj));
        reset role;
    end loop;
end
$f$;

-- Test
select * from tests.role_limits('sra_loader');
select * from tests.role_limits('sra_transformer');
select * from tests.role_limits('sra_reader');

set local role sra_transformer;
select lives_ok(
    $$ create temp table role_probe_stage (x integer) on commit drop $$,
    'sra_transformer creates the temporary tables the transforms stage into'
);
reset role;

select * from finish();
rollback;
