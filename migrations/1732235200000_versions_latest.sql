-- Up Migration
-- Versions ordered by the vendor's as-of, and "latest" stored once
-- (docs/ARCHITECTURE.md, "Versions and latest").
--
-- Every versioned core table (a table with a <table>_version_uq key) gets:
--   vendor_as_of  when the vendor says the version's values hold (Fundata
--                 ChangeDate, else the record's own date; FMP acceptedDate,
--                 updatedAt or date; else the landing time), filled by
--                 core.write_versions from the stage columns its transform
--                 names. NULL on versions written before this column existed
--                 (`sra transform --rebuild` recomputes them).
--   core.<table>_current  one narrow row per natural key: the version that is
--                 "latest" = newest by (vendor_as_of, batch_id, line), kept by
--                 core.write_versions in the same transaction as the history
--                 rows. History stays append-only.
--   core.<table>_latest   the history rows of the current version of each key
--                 (a join on the version key): the one place "latest" is stated.
-- Why a separate current table and not an is_current flag on history:
-- flipping a flag rewrites a wide history row (and every one of its index
-- entries) each time a key gets a newer version, and history would no longer
-- be append-only; the current table is ~50 bytes a key, updated in place.

-- The natural key of a versioned core table: the columns of its version key
-- before data_version.
create function core.version_key(p_table regclass)
returns text[]
language sql
stable
as $$
    select array_agg(a.attname::text order by k.o)
    from pg_constraint as c
    cross join lateral unnest(c.conkey) with ordinality as k (attnum, o)
    join pg_attribute as a on a.attrelid = c.conrelid and a.attnum = k.attnum
    where c.conrelid = p_table
        and c.contype = 'u'
        and c.conname = (select relname from pg_class where oid = p_table) || '_version_uq'
        and k.o < (
            select k2.o
            from unnest(c.conkey) with ordinality as k2 (attnum, o)
            join pg_attribute as a2 on a2.attrelid = c.conrelid and a2.attnum = k2.attnum
            where a2.attname = 'data_version'
        )
$$;

-- (Re)create core.<table>_latest: every history row of the current version
-- of each key. Run again after a migration adds columns to the history table.
create function core.create_latest_view(p_table regclass)
returns void
language plpgsql
as $$
declare
    v_name text := (select relname from pg_class where oid = p_table);
    v_keys text[] := core.version_key(p_table);
begin
    execute format(
        $q$
        create or replace view core.%1$I as
        select h.*
        from core.%2$I as c
        join core.%3$I as h on %4$s and h.data_version = c.data_version
        $q$,
        v_name || '_latest',
        v_name || '_current',
        v_name,
        (select string_agg(format('h.%1$I = c.%1$I', k), ' and ') from unnest(v_keys) as k)
    );
    execute format(
        'comment on view core.%I is %L',
        v_name || '_latest',
        format('The latest version of each key of core.%s: newest by the vendor''s as-of, then arrival (core.%s).',
            v_name, v_name || '_current')
    );
    execute format('alter view core.%I owner to %I', v_name || '_latest',
        (select pg_get_userbyid(relowner) from pg_class where oid = p_table));
    execute format('grant select on core.%I to sra_transformer', v_name || '_latest');
end
$$;

do $$
declare
    t record;
    v_keys text[];
begin
    for t in
        select c.oid::regclass as tbl, c.relname::text as name, pg_get_userbyid(c.relowner) as owner
        from pg_class as c
        where c.relnamespace = 'core'::regnamespace
            and c.relkind in ('r', 'p')
            and exists (
                select 1 from pg_constraint as k
                where k.conrelid = c.oid and k.conname = c.relname || '_version_uq'
            )
        order by c.relname
    loop
        v_keys := core.version_key(t.tbl);
        execute format('alter table %s add column vendor_as_of timestamptz', t.tbl);
        execute format(
            $q$
            create table core.%1$I (
                %2$s,
                data_version integer not null,
                vendor_as_of timestamptz not null,
                batch_id bigint not null,
                line integer not null,
                primary key (%3$s)
            )
            $q$,
            t.name || '_current',
            (
                select string_agg(format('%I %s%s not null', a.attname, format_type(a.atttypid, a.atttypmod),
                    case when a.attcollation <> 0 and a.attcollation <> (select oid from pg_collation where collname = 'default')
                        then format(' collate %I', (select collname from pg_collation where oid = a.attcollation)) else '' end),
                    ', ' order by k.o)
                from unnest(v_keys) with ordinality as k (col, o)
                join pg_attribute as a on a.attrelid = t.tbl and a.attname = k.col
            ),
            (select string_agg(format('%I', k), ', ') from unnest(v_keys) as k)
        );
        execute format('comment on table core.%I is %L', t.name || '_current',
            format('One row per key of core.%s: its current version (newest by vendor_as_of, then batch_id, line), kept by core.write_versions.', t.name));
        execute format('alter table core.%I owner to %I', t.name || '_current', t.owner);
        execute format('grant select, insert, update, delete on core.%I to sra_transformer', t.name || '_current');
        -- what was latest before: the newest arrival; its as-of unknown (-infinity),
        -- so any version written from now on with a real as-of is newer
        execute format(
            $q$
            insert into core.%1$I
            select distinct on (%2$s) %2$s, h.data_version, '-infinity'::timestamptz, h.batch_id, h.batch_line
            from %3$s as h
            order by %2$s, h.data_version desc
            $q$,
            t.name || '_current',
            (select string_agg(format('h.%I', k), ', ') from unnest(v_keys) as k),
            t.tbl
        );
        perform core.create_latest_view(t.tbl);
    end loop;
end
$$;

-- The newest NAVPS date of each fund (among its current versions), kept by the
-- fundata_quotes transform: api.fund_latest_nav reads one row per fund by its
-- key instead of sorting the fund's history.
create table core.fundata_quotes_current_date (
    identifier text collate "C" primary key,
    date date not null
);
comment on table core.fundata_quotes_current_date is
    'One row per identifier: the newest date of core.fundata_quotes_current, kept by the fundata_quotes transform.';
insert into core.fundata_quotes_current_date (identifier, date)
select c.identifier, max(c.date)
from core.fundata_quotes_current as c
group by c.identifier;
do $$
begin
    execute format('alter table core.fundata_quotes_current_date owner to %I',
        (select pg_get_userbyid(relowner) from pg_class where oid = 'core.fundata_quotes'::regclass));
end
$$;
grant select, insert, update, delete on core.fundata_quotes_current_date to sra_transformer;
