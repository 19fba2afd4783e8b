-- Up Migration
-- Time partitioning of the big daily history tables (docs/SCALING.md).
--
-- core.fundata_quotes, core.equity_quotes, core.etfs_quotes and their stored
-- latest (<table>_current) become range-partitioned by `date`, one partition
-- per calendar year (<table>_y2024) plus a default partition
-- (<table>_default) that catches a date outside every year partition, so no
-- record is ever refused for its date. A new day writes into one partition
-- (its indexes stay the size of a year, however long the history grows) and
-- retention is a partition drop (core.drop_date_partitions_before).
--
-- Every unique key of these tables already includes `date` (the partition
-- column, which PostgreSQL requires) and starts with the distribution column
-- (identifier or symbol) Citus requires: tests/sql/schema/keys_hold_partition_and_distribution_columns.test.sql.
--
-- Partitions are created
--   - here, for every year the tables already hold, the current year and the next;
--   - by the transforms, for the years of the records they are about to
--     write (core.create_date_partitions: cheap when the partitions exist);
--   - by the weekly maintenance job, next year's ahead of time
--     (core.create_partitions_ahead), so a daily load never runs DDL.

-- The yearly partition of p_table for p_year, named <table>_y<year>.
create function core.date_partition_name(p_table regclass, p_year integer)
returns text
language sql
stable
as $$
    select c.relname || '_y' || p_year from pg_catalog.pg_class as c where c.oid = p_table
$$;

-- Convert a plain table into one range-partitioned by p_column (yearly
-- partitions for the years it holds, the current and the next, and a
-- default partition). Generic over the table's columns: the new table is
-- created like the old one (defaults, check constraints, comments, storage,
-- statistics), the rows are moved, the names swapped; its unique keys,
-- indexes, grants, owner and the views that read it are recreated as they
-- were, under the same names. Run by the owner (migrations).
create function core.partition_by_date(p_table regclass, p_column text default 'date')
returns void
language plpgsql
as $$
declare
    v_schema text := (select n.nspname from pg_class as c join pg_namespace as n on n.oid = c.relnamespace where c.oid = p_table);
    v_name text := (select c.relname from pg_class as c where c.oid = p_table);
    v_old text;
    v_owner text;
    v_acl aclitem[];
    v_indexes text[];
    v_constraints text[];
    v_views text[];
    v_from integer;
    v_to integer;
    v_sql text;
    g record;
begin
    if (select c.relkind from pg_class as c where c.oid = p_table) = 'p' then
        return;
    end if;
    v_old := v_name || '_unpartitioned';
    select pg_get_userbyid(c.relowner), c.relacl into v_owner, v_acl from pg_class as c where c.oid = p_table;

    -- what must be recreated: unique/primary keys, other indexes, views reading the table
    select coalesce(array_agg(format('alter table %I.%I add constraint %I %s', v_schema, v_name, k.conname,
        pg_get_constraintdef(k.oid)) order by k.conname), '{}')
    into v_constraints
    from pg_constraint as k
    where k.conrelid = p_table and k.contype in ('p', 'u', 'x');

    select coalesce(array_agg(pg_get_indexdef(i.indexrelid) order by i.indexrelid), '{}')
    into v_indexes
    from pg_index as i
    where i.indrelid = p_table
        and not exists (select 1 from pg_constraint as k where k.conindid = i.indexrelid and k.conrelid = p_table);

    select coalesce(array_agg(format('create or replace view %s%s as %s',
        v.oid::regclass,
        case when v.reloptions is not null then format(' with (%s)', array_to_string(v.reloptions, ', ')) else '' end,
        pg_get_viewdef(v.oid)) order by v.oid), '{}')
    into v_views
    from pg_class as v
    where v.relkind = 'v'
        and v.oid in (
            select r.ev_class
            from pg_depend as d
            join pg_rewrite as r on r.oid = d.objid
            where d.classid = 'pg_rewrite'::regclass and d.refclassid = 'pg_class'::regclass
                and d.refobjid = p_table and r.ev_class <> p_table
        );

    -- the years to create: those the table holds, the current one and the next
    execute format('select extract(year from min(%1$I))::integer, extract(year from max(%1$I))::integer from %2$s',
        p_column, p_table)
    into v_from, v_to;
    v_from := least(coalesce(v_from, extract(year from now())::integer), extract(year from now())::integer);
    v_to := greatest(coalesce(v_to, 0), extract(year from now())::integer + 1);

    execute format('alter table %I.%I rename to %I', v_schema, v_name, v_old);
    execute format(
        'create table %1$I.%2$I (like %1$I.%3$I including defaults including constraints including comments'
        ' including storage including compression including generated including identity including statistics)'
        ' partition by range (%4$I)',
        v_schema, v_name, v_old, p_column);
    execute format('comment on table %I.%I is %L', v_schema, v_name,
        obj_description(format('%I.%I', v_schema, v_old)::regclass, 'pg_class'));
    execute format('create table %1$I.%2$I partition of %1$I.%3$I default', v_schema, v_name || '_default', v_name);
    for g in select y from generate_series(v_from, v_to) as y loop
        execute format('create table %1$I.%2$I partition of %1$I.%3$I for values from (%4$L) to (%5$L)',
            v_schema, core.date_partition_name(format('%I.%I', v_schema, v_name)::regclass, g.y), v_name,
            make_date(g.y, 1, 1), make_date(g.y + 1, 1, 1));
    end loop;

    execute format('insert into %1$I.%2$I select * from %1$I.%3$I', v_schema, v_name, v_old);

    -- the views now read the new table; the old one has no dependents left
    foreach v_sql in array v_views loop
        execute v_sql;
    end loop;
    execute format('drop table %I.%I', v_schema, v_old);

    foreach v_sql in array v_constraints loop
        execute v_sql;
    end loop;
    foreach v_sql in array v_indexes loop
        execute v_sql;
    end loop;

    execute format('alter table %I.%I owner to %I', v_schema, v_name, v_owner);
    for g in
        select a.privilege_type, case when a.grantee = 0 then 'public' else quote_ident(pg_get_userbyid(a.grantee)) end as grantee
        from aclexplode(v_acl) as a
        where a.grantee <> (select oid from pg_roles where rolname = v_owner)
    loop
        execute format('grant %s on %I.%I to %s', g.privilege_type, v_schema, v_name, g.grantee);
    end loop;
    execute format('analyze %I.%I', v_schema, v_name);
end
$$;

-- Create the yearly partitions of p_table (and of its stored latest
-- <table>_current, when partitioned) for the years given that have none. Rows
-- of those years waiting in the default partition move into the new one.
-- Years before 1900 or more than 5 years ahead stay in the default partition
-- (a mistyped date never creates a partition). Nothing is locked when every
-- partition exists. Security definer: the transforms (sra_transformer) call
-- it and may not create tables; it creates only yearly partitions of the
-- partitioned core tables.
create function core.create_date_partitions(p_table regclass, p_years integer[])
returns integer
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
declare
    t record;
    v_year integer;
    v_part text;
    v_created integer := 0;
    v_column text;
    v_default regclass;
begin
    for t in
        select c.oid::regclass as rel, n.nspname::text as schema_name, c.relname::text as name
        from pg_class as c
        join pg_namespace as n on n.oid = c.relnamespace
        where n.nspname = 'core' and c.relkind = 'p'
            and c.oid in (p_table, (
                select to_regclass(format('%I.%I', n2.nspname, c2.relname || '_current'))
                from pg_class as c2
                join pg_namespace as n2 on n2.oid = c2.relnamespace
                where c2.oid = p_table
            ))
    loop
        select a.attname::text into v_column
        from pg_partitioned_table as p
        join pg_attribute as a on a.attrelid = p.partrelid and a.attnum = p.partattrs[0]
        where p.partrelid = t.rel;
        select i.inhrelid::regclass into v_default
        from pg_inherits as i
        join pg_class as c on c.oid = i.inhrelid
        where i.inhparent = t.rel and pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT';

        foreach v_year in array coalesce(p_years, '{}') loop
            continue when v_year is null or v_year < 1900 or v_year > extract(year from now())::integer + 5;
            v_part := core.date_partition_name(t.rel, v_year);
            continue when to_regclass(format('%I.%I', t.schema_name, v_part)) is not null;
            -- one creator at a time per table (a transform and the maintenance job)
            perform pg_advisory_xact_lock(hashtext('sra.partition'), t.rel::oid::integer);
            continue when to_regclass(format('%I.%I', t.schema_name, v_part)) is not null;
            if v_default is not null then
                execute format('create temp table _partition_moved (like %s) on commit drop', v_default);
                execute format(
                    'with m as (delete from %1$s where %2$I >= %3$L and %2$I < %4$L returning *)'
                    ' insert into _partition_moved select * from m',
                    v_default, v_column, make_date(v_year, 1, 1), make_date(v_year + 1, 1, 1));
            end if;
            execute format('create table %I.%I partition of %s for values from (%L) to (%L)',
                t.schema_name, v_part, t.rel, make_date(v_year, 1, 1), make_date(v_year + 1, 1, 1));
            if v_default is not null then
                execute format('insert into %s select * from _partition_moved', t.rel);
                drop table _partition_moved;
            end if;
            v_created := v_created + 1;
        end loop;
    end loop;
    return v_created;
end
$$;
revoke all on function core.create_date_partitions(regclass, integer []) from public;
grant execute on function core.create_date_partitions(regclass, integer []) to sra_transformer;

-- Next year's partitions of every partitioned core table (and any year
-- before it back to the table's oldest partition that is missing), run by
-- the weekly maintenance job so daily loads never create one.
create function core.create_partitions_ahead()
returns table (table_name text, partitions_created integer)
language plpgsql
as $$
declare
    t record;
begin
    for t in
        select c.oid::regclass as rel
        from pg_class as c
        where c.relnamespace = 'core'::regnamespace and c.relkind = 'p' and not c.relispartition
            and c.relname !~ '_current$'
        order by 1
    loop
        return query select t.rel::text, core.create_date_partitions(t.rel, array[
            extract(year from now())::integer, extract(year from now())::integer + 1]);
    end loop;
end
$$;

-- Retention: drop the yearly partitions of p_table and of its stored latest
-- wholly before p_before_year (rows in the default partition are deleted).
-- Dropping a partition is instant and leaves no dead rows to vacuum.
create function core.drop_date_partitions_before(p_table regclass, p_before_year integer)
returns integer
language plpgsql
as $$
declare
    t record;
    p record;
    v_dropped integer := 0;
    v_column text;
begin
    for t in
        select c.oid::regclass as rel
        from pg_class as c
        where c.relkind = 'p' and c.oid in (p_table, (
            select to_regclass(format('%I.%I', n2.nspname, c2.relname || '_current'))
            from pg_class as c2
            join pg_namespace as n2 on n2.oid = c2.relnamespace
            where c2.oid = p_table
        ))
    loop
        select a.attname::text into v_column
        from pg_partitioned_table as pt
        join pg_attribute as a on a.attrelid = pt.partrelid and a.attnum = pt.partattrs[0]
        where pt.partrelid = t.rel;
        for p in
            select i.inhrelid::regclass as part, pg_get_expr(c.relpartbound, c.oid) as bound
            from pg_inherits as i
            join pg_class as c on c.oid = i.inhrelid
            where i.inhparent = t.rel
        loop
            if p.bound = 'DEFAULT' then
                execute format('delete from %s where %I < %L', p.part, v_column, make_date(p_before_year, 1, 1));
            elsif (regexp_match(p.bound, 'TO \(''(\d{4}-\d{2}-\d{2})''\)'))[1]::date <= make_date(p_before_year, 1, 1) then
                execute format('drop table %s', p.part);
                v_dropped := v_dropped + 1;
            end if;
        end loop;
    end loop;
    return v_dropped;
end
$$;
revoke all on function core.drop_date_partitions_before(regclass, integer) from public;
revoke all on function core.create_partitions_ahead() from public;

select core.partition_by_date('core.fundata_quotes');
select core.partition_by_date('core.fundata_quotes_current');
select core.partition_by_date('core.equity_quotes');
select core.partition_by_date('core.equity_quotes_current');
select core.partition_by_date('core.etfs_quotes');
select core.partition_by_date('core.etfs_quotes_current');

-- The registry by fund family, as by company (fundata_data_company_identifier_idx):
-- the funds of one family with their latest NAV are index lookups.
create index fundata_data_family_identifier_idx on core.fundata_data (family_name, identifier);

-- The latest NAV of each fund, stored: core.fundata_quotes_current_date
-- (the fund's newest date) also keeps that day's current version and the
-- values api.fund_latest_nav shows, copied from the history row by the
-- fundata_quotes transform. One fund's latest NAV is one primary-key lookup,
-- with no partitioned table to plan or probe.
alter table core.fundata_quotes_current_date
    add column data_version integer,
    add column navps decimal(12, 2),
    add column previous_date date,
    add column previous_navps decimal(12, 2),
    add column navps_penny_change decimal(12, 2),
    add column navps_percent_change decimal(12, 2),
    add column current_yield decimal(12, 2),
    add column updated_at timestamptz;
comment on table core.fundata_quotes_current_date is
    'One row per identifier: the newest date of core.fundata_quotes_current and that day''s current version (its first row''s values), kept by the fundata_quotes transform.';
update core.fundata_quotes_current_date as d
set data_version = n.data_version, navps = n.navps, previous_date = n.previous_date,
    previous_navps = n.previous_navps, navps_penny_change = n.navps_penny_change,
    navps_percent_change = n.navps_percent_change, current_yield = n.current_yield, updated_at = n.updated_at
from core.fundata_quotes_current as c
cross join lateral (
    select h.*
    from core.fundata_quotes as h
    where h.identifier = c.identifier and h.date = c.date and h.data_version = c.data_version
    order by h.array_source_field nulls first, h.array_element_index nulls first
    limit 1
) as n
where c.identifier = d.identifier and c.date = d.date;

-- The newest price date of each symbol, kept by the equity_quotes and
-- etfs_quotes transforms (core.fmp_transform_prices): api.equity_latest_price
-- and api.etf_latest_price read one row per symbol by its key.
do $$
declare
    t text;
begin
    foreach t in array array['equity_quotes', 'etfs_quotes'] loop
        execute format('create table core.%I (symbol text collate "C" primary key, date date not null)', t || '_current_date');
        execute format('comment on table core.%I is %L', t || '_current_date',
            format('One row per symbol: the newest date of core.%s_current, kept by the %s transform.', t, t));
        execute format('insert into core.%I (symbol, date) select c.symbol, max(c.date) from core.%I as c group by c.symbol',
            t || '_current_date', t || '_current');
        execute format('grant select, insert, update, delete on core.%I to sra_transformer', t || '_current_date');
    end loop;
end
$$;

-- The stored latest of the daily prices carries data_version in its key's
-- index (INCLUDE): a date range of one fund or symbol is found in the index
-- alone (an index-only scan), without visiting a row per day.
do $$
declare
    t text;
    v_keys text;
begin
    foreach t in array array['fundata_quotes_current', 'equity_quotes_current', 'etfs_quotes_current'] loop
        select string_agg(format('%I', a.attname), ', ' order by u.o) into v_keys
        from pg_constraint as k
        cross join lateral unnest(k.conkey) with ordinality as u (n, o)
        join pg_attribute as a on a.attrelid = k.conrelid and a.attnum = u.n
        where k.conrelid = format('core.%I', t)::regclass and k.contype = 'p';
        execute format('alter table core.%1$I drop constraint %2$I, add constraint %2$I primary key (%3$s) include (data_version)',
            t, t || '_pkey', v_keys);
    end loop;
end
$$;
