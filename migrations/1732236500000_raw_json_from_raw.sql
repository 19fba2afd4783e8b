-- Up Migration
-- One stored copy of each landed record (docs/ARCHITECTURE.md, "Versions and
-- latest"; docs/BENCHMARKS.md). Core history rows no longer carry a second
-- copy of their record in raw_json: the record is raw.record's payload, found
-- by the row's lineage (batch_id, batch_line, and batch_elem for a response
-- that holds many documents). core.<table>_latest serves it as raw_json.
--
-- Every core table that has a raw_json column loses it; its _latest view
-- (and the api views over it, which `sra migrate` recreates right after the
-- migrations) is rebuilt with raw_json read from raw.

-- The document a core row was typed from, out of its landed record: the
-- element batch_elem of a response that is an array (or of the legacy
-- {historical: [...]} shape), else the record itself (a CSV row, a single
-- document, or a row a transform made itself, batch_elem < 0).
create function core.raw_document(p_payload jsonb, p_elem integer)
returns jsonb
language sql
immutable
parallel safe
as $$
    select case
        when p_elem is null or p_elem < 0 then p_payload
        when jsonb_typeof(p_payload) = 'array' then coalesce(p_payload -> p_elem, p_payload)
        when jsonb_typeof(p_payload -> 'historical') = 'array' then coalesce(p_payload -> 'historical' -> p_elem, p_payload)
        else p_payload
    end
$$;
comment on function core.raw_document(jsonb, integer) is
    'The document a core row was typed from: element p_elem of an array response (or of {historical: [...]}), else the whole landed record.';

-- core.<table>_latest: every history row of the current version of each key,
-- and its original record (raw_json) from raw.record. raw_json comes first so
-- that a later migration that adds a history column can run this again
-- (create or replace view only appends columns). The scalar subquery is
-- evaluated only when a query reads raw_json.
create or replace function core.create_latest_view(p_table regclass)
returns void
language plpgsql
as $$
declare
    v_name text := (select relname from pg_class where oid = p_table);
    v_keys text[] := core.version_key(p_table);
    v_has_elem boolean := exists (
        select 1 from pg_attribute as a
        where a.attrelid = p_table and a.attname = 'batch_elem' and not a.attisdropped
    );
begin
    execute format(
        $q$
        create or replace view core.%1$I as
        select
            (select core.raw_document(r.payload, %5$s) from raw.record as r
                where r.batch_id = h.batch_id and r.line = h.batch_line) as raw_json,
            h.*
        from core.%2$I as c
        join core.%3$I as h on %4$s and h.data_version = c.data_version
        $q$,
        v_name || '_latest',
        v_name || '_current',
        v_name,
        (select string_agg(format('h.%1$I = c.%1$I', k), ' and ') from unnest(v_keys) as k),
        case when v_has_elem then 'h.batch_elem' else 'null' end
    );
    execute format(
        'comment on view core.%I is %L',
        v_name || '_latest',
        format('The latest version of each key of core.%s: newest by the vendor''s as-of, then arrival (core.%s); raw_json is its original record, read from raw.record by its lineage.',
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
begin
    -- the api views read the _latest views: `sra migrate` recreates them
    for t in select format('%I.%I', schemaname, viewname) as v from pg_views where schemaname = 'api' loop
        execute format('drop view if exists %s cascade', t.v);
    end loop;
    for t in
        select c.oid::regclass as tbl, c.relname::text as name
        from pg_class as c
        join pg_attribute as a on a.attrelid = c.oid and a.attname = 'raw_json' and not a.attisdropped
        where c.relnamespace = 'core'::regnamespace and c.relkind in ('r', 'p')
        order by c.relname
    loop
        execute format('drop view if exists core.%I', t.name || '_latest');
        execute format('alter table %s drop column raw_json', t.tbl);
        if to_regclass(format('core.%I', t.name || '_current')) is not null then
            perform core.create_latest_view(t.tbl);
        end if;
    end loop;
end
$$;
