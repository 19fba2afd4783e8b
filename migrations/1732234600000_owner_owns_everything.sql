-- Up Migration
-- The migrating role (the owner) owns every schema, table, sequence, view and
-- function of raw, core, agg, api, ops, parse_fast and parse_careful. The
-- group roles get only the privileges their work needs and never CREATE:
-- the owner of a table may attach a trigger to it, and that trigger would
-- later run with the rights of whoever writes the table (the owner running a
-- job), so no group role may own, create or hold TRIGGER on anything here.
--
--   sra_loader       lands raw batches and records its runs (raw, ops run tables)
--   sra_transformer  reads raw; select/insert/update/delete on core and agg and
--                    on the ops ledger and quality tables it writes; the
--                    transforms run under this role
--   sra_reader       selects the api views
--
-- Later migrations and the definitions `sra migrate` applies are created by
-- the same owner: the default privileges below give the transformer the same
-- DML on new core/agg tables and execute on new functions. A new table in ops
-- or raw is granted explicitly by the migration that creates it.

---------------------------------------------------------------------------
-- The owner may act as the transformer: the transform callers (the CLI, the
-- worker, the pg_cron jobs, which run as the role that scheduled them)
-- `set local role sra_transformer` before running the transforms.
---------------------------------------------------------------------------
do $$
begin
    if not (select r.rolsuper from pg_roles as r where r.rolname = current_user)
        and not pg_has_role(current_user, 'sra_transformer', 'member') then
        execute format('grant sra_transformer to %I', current_user);
    end if;
end
$$;

---------------------------------------------------------------------------
-- Ownership: everything back to the owner. A table the transformer owned
-- keeps the DML it had (its owner privileges are rewritten to the new owner);
-- a function it owned keeps its execute.
---------------------------------------------------------------------------
do $$
declare
    o record;
    v_schemas text[] := array['raw', 'core', 'agg', 'api', 'ops', 'parse_fast', 'parse_careful'];
begin
    for o in
        select n.nspname
        from pg_namespace as n
        where n.nspname = any(v_schemas) and n.nspowner <> current_user::regrole
    loop
        execute format('alter schema %I owner to %I', o.nspname, current_user);
    end loop;

    -- tables, views, materialized views, sequences not owned by a table
    -- (a table's identity and serial sequences follow their table)
    for o in
        select c.oid::regclass as rel, c.relkind, pg_get_userbyid(c.relowner) as old_owner
        from pg_class as c
        join pg_namespace as n on n.oid = c.relnamespace
        where n.nspname = any(v_schemas)
            and c.relowner <> current_user::regrole
            and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
            and not (c.relkind = 'S' and exists (
                select 1 from pg_depend as d
                where d.classid = 'pg_class'::regclass and d.objid = c.oid
                    and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')
            ))
        order by c.relkind, c.oid
    loop
        execute format('alter %s %s owner to %I',
            case o.relkind when 'v' then 'view' when 'm' then 'materialized view'
                when 'S' then 'sequence' when 'f' then 'foreign table' else 'table' end,
            o.rel, current_user);
        if o.old_owner = 'sra_transformer' and o.relkind in ('r', 'p') then
            execute format('grant select, insert, update, delete on %s to sra_transformer', o.rel);
        end if;
    end loop;

    for o in
        select p.oid::regprocedure as fn, p.prokind, pg_get_userbyid(p.proowner) as old_owner
        from pg_proc as p
        join pg_namespace as n on n.oid = p.pronamespace
        where n.nspname = any(v_schemas) and p.proowner <> current_user::regrole
    loop
        execute format('alter %s %s owner to %I',
            case o.prokind when 'p' then 'procedure' when 'a' then 'aggregate' else 'function' end,
            o.fn, current_user);
        if o.old_owner = 'sra_transformer' then
            execute format('grant execute on %s %s to sra_transformer',
                case o.prokind when 'p' then 'procedure' else 'function' end, o.fn);
        end if;
    end loop;

    -- standalone types (a table's row and array types follow the table)
    for o in
        select t.oid::regtype as typ
        from pg_type as t
        join pg_namespace as n on n.oid = t.typnamespace
        left join pg_class as c on c.oid = t.typrelid
        where n.nspname = any(v_schemas)
            and t.typowner <> current_user::regrole
            and (t.typtype in ('d', 'e', 'r') or (t.typtype = 'c' and c.relkind = 'c'))
    loop
        execute format('alter type %s owner to %I', o.typ, current_user);
    end loop;
end
$$;

-- the cursor table is written by ops.fundata_api_fromdate (run as the owner)
revoke insert, update, delete on ops.batch_newest_date from sra_transformer;

-- no physical reordering: the weekly maintenance only analyzes (the
-- version-key indexes serve the lookups; CLUSTER locked readers out)
do $$
declare
    t record;
begin
    for t in
        select i.indrelid::regclass as rel
        from pg_index as i
        join pg_class as c on c.oid = i.indrelid
        where i.indisclustered
            and c.relnamespace in ('raw'::regnamespace, 'core'::regnamespace, 'agg'::regnamespace, 'ops'::regnamespace)
    loop
        execute format('alter table %s set without cluster', t.rel);
    end loop;
end
$$;

---------------------------------------------------------------------------
-- No role but the owner creates anything here; the transformer may create
-- temporary tables (the transforms stage into temp tables).
---------------------------------------------------------------------------
revoke create on schema raw, core, agg, api, ops, parse_fast, parse_careful
    from public, sra_loader, sra_transformer, sra_reader;
do $$
begin
    execute format('grant temporary on database %I to sra_transformer', current_database());
end
$$;

-- no TRUNCATE, REFERENCES or TRIGGER for any group role, anywhere here
revoke truncate, references, trigger on all tables in schema raw, core, agg, api, ops
    from sra_loader, sra_transformer, sra_reader;

---------------------------------------------------------------------------
-- The transformer: DML on core and agg, read raw, use their sequences,
-- execute the transform functions.
---------------------------------------------------------------------------
grant usage on schema raw, core, agg, api, ops, parse_fast, parse_careful to sra_transformer;
grant select on all tables in schema raw to sra_transformer;
grant select, insert, update, delete on all tables in schema core, agg to sra_transformer;
grant usage on all sequences in schema core, agg to sra_transformer;
grant execute on all functions in schema core, agg, parse_fast, parse_careful to sra_transformer;

alter default privileges in schema core, agg grant select, insert, update, delete on tables to sra_transformer;
alter default privileges in schema core, agg grant usage on sequences to sra_transformer;
alter default privileges in schema raw grant select on tables to sra_transformer;
alter default privileges in schema api grant select on tables to sra_transformer;
alter default privileges in schema core, agg, ops, parse_fast, parse_careful
    grant execute on functions to sra_transformer;

-- the ledger: the transformer marks a definition rebuilt and nothing more
-- (its target and datasets are read by owner-run code), records its runs
-- and consumed batches
revoke insert, update, delete, truncate on ops.transform_definition from sra_transformer;
grant update (needs_rebuild) on ops.transform_definition to sra_transformer;
revoke delete on ops.task_run from sra_transformer;

---------------------------------------------------------------------------
-- The loader may not read, through a view, what it cannot select: the batch
-- quality summary reads the quality and quarantine tables, the failed-batch
-- list the transforms' failures. Both views answer with their reader's
-- rights (the transformer reads them; the owner's tools read them).
---------------------------------------------------------------------------
alter view ops.batch_quality set (security_invoker = true);
revoke all on ops.batch_quality from sra_loader;
alter view ops.failed_batch set (security_invoker = true);
revoke all on ops.failed_batch from sra_loader;

---------------------------------------------------------------------------
-- Security definer functions: only the roles that need them execute them.
---------------------------------------------------------------------------
revoke all on function ops.invalidate_api_usage() from public;
revoke all on function raw.refresh_statistics() from public;
grant execute on function raw.refresh_statistics() to sra_loader, sra_transformer;
