-- definition: lib.stage
-- version: 4
-- Typing shared by every transform. A transform declares its columns, one
-- line each: 'column type Key|OtherKey' (the payload keys the column is read
-- from, first present wins; the keys of both vendor generations go together).
-- Types: text, dec12_2 (Fundata numbers), num (any precision), intg, day,
-- ts (a naive time is UTC), ts_new_york (a naive time is New York's, as in
-- SEC filings), bool, json (a nested value kept as JSON), pct (a number that
-- may carry a trailing percent sign: "86.68%" -> 86.68).
-- core.stage builds the temp table _stage from the given batches: lineage
-- columns (batch_id, line, elem, dataset, format, payload, data_source,
-- source_file, api_version, updated_at) plus the typed columns; it records a
-- quality issue for every present value that did not type.
-- A key written '@name' reads the request's parameter instead
-- (raw.batch.request -> 'params' ->> 'name'), e.g. the symbol of a legacy
-- per-symbol endpoint whose rows do not repeat it.
-- p_docs: optional SQL over s.payload (and s.request) returning (elem, doc)
-- rows, for responses that hold many documents (an array, {historical: [...]}).
-- The field lines stay in the temp table _stage_field (column, type, and the
-- SQL of the column's raw payload value over s.payload): core.write_versions
-- reads it to tell a key that is present but unreadable from a missing one.
-- Schema drift (transforms/lib/schema_drift.sql, docs/SCHEMA-DRIFT.md): the
-- field lines and documents SQL are noted as the transform's known fields, and
-- an accepted rename adds the new name to the line of the field it replaced.

create or replace function core.stage(
    p_transform text,
    p_batches bigint[],
    p_fields text[],
    p_docs text default null
)
returns bigint
language plpgsql
as $$
declare
    v_raw text;
    v_typed text;
    v_present text;
    v_valued text;
    v_values text;
    v_sql text;
    v_rows bigint;
    v_issues bigint;
    v_row_ok text;
begin
    ---------- schema drift: note the known fields, read accepted renames
    perform ops.note_stage_fields(p_transform, p_fields, p_docs);
    p_fields := ops.stage_aliases(p_transform, p_fields);

    select
        string_agg(format('%s as %I', case when spec.kind = 'json'
            then 'coalesce(' || (select string_agg(case when k like '@%' then format('s.request -> %L -> %L', 'params', substr(k, 2)) else format('d.doc -> %L', k) end, ', ') from unnest(spec.keys) as k) || ', null)'
            else 'coalesce(' || (select string_agg(case when k like '@%' then format('s.request -> %L ->> %L', 'params', substr(k, 2)) else format('d.doc ->> %L', k) end, ', ') from unnest(spec.keys) as k) || ', null)'
            end, 'r_' || spec.col), E',\n            ' order by spec.o),
        string_agg(format('%s as %I',
            case spec.kind
                -- byte-order collation: keys sort and hash as codes, not as words
                when 'text' then format('core.clean_text(y.%I) collate "C"', 'r_' || spec.col)
                when 'json' then format('y.%I', 'r_' || spec.col)
                when 'bool' then format('core.parse_boolean(y.%I)', 'r_' || spec.col)
                when 'ts' then format('parse_careful.ts(y.%I)', 'r_' || spec.col)
                when 'ts_new_york' then format('parse_careful.ts_new_york(y.%I)', 'r_' || spec.col)
                else format('case when y.row_ok then parse_fast.%1$s(y.%2$I) else parse_careful.%1$s(y.%2$I) end',
                    spec.kind, 'r_' || spec.col)
            end, spec.col), E',\n        ' order by spec.o),
        coalesce(string_agg(format('nullif(t.%I, %L)', 'r_' || spec.col, ''), ', ' order by spec.o)
            filter (where spec.kind not in ('text', 'json')), 'null'),
        coalesce(string_agg(format('t.%I', spec.col), ', ' order by spec.o)
            filter (where spec.kind not in ('text', 'json')), 'null'),
        string_agg(format('(%L, %L, %s, s.%I is null)', spec.col, spec.kind,
            'coalesce(' || (select string_agg(case when k like '@%' then 'null' else format('s.payload ->> %L', k) end, ', ') from unnest(spec.keys) as k) || ', null)',
            spec.col), ', ' order by spec.o) filter (where spec.kind not in ('text', 'json'))
    into v_raw, v_typed, v_present, v_valued, v_values
    from (
        select
            o,
            split_part(f, ' ', 1) as col,
            split_part(f, ' ', 2) as kind,
            string_to_array(split_part(f, ' ', 3), '|') as keys
        from unnest(p_fields) with ordinality as u (f, o)
    ) as spec;

    -- Typing runs in up to three passes. First every row with plain casts
    -- (parse_fast): a value they cannot read raises and abandons the pass.
    -- Then a row whose every number and date has the plain shape types with
    -- plain casts and any other row is parsed carefully (parse_careful): one
    -- regular expression per kind per row, over the row's values joined with
    -- \x01, decides, far cheaper than one test per value. Last, should a value
    -- of the plain shape still not cast, every row is parsed carefully.
    select coalesce(string_agg(g.test, ' and '), 'true')
    into v_row_ok
    from (
        select format('(array_to_string(array[%s]::text[], chr(1), %L) ~ %L)',
                string_agg(format('x.%I', 'r_' || col), ', ' order by o), '',
                '^(' || pattern || ')?(\x01(' || pattern || ')?)*$') as test
        from (
            select
                o,
                split_part(f, ' ', 1) as col,
                -- unbounded repetitions only: bounded ones ({1,18}) cost ten times more
                case when split_part(f, ' ', 2) = 'day'
                    then '[1-9][0-9][0-9][0-9]-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])'
                    else '-?[0-9]+(\.[0-9]*)?'
                end as pattern
            from unnest(p_fields) with ordinality as u (f, o)
            where split_part(f, ' ', 2) in ('dec12_2', 'num', 'intg', 'pct', 'day')
        ) as fields
        group by pattern
    ) as g;

    if exists (
        select 1 from unnest(p_fields) as f
        where split_part(f, ' ', 2) not in ('text', 'dec12_2', 'num', 'intg', 'day', 'ts', 'ts_new_york', 'bool', 'json', 'pct')
            or split_part(f, ' ', 3) = ''
    ) then
        raise exception 'core.stage(%): every field is "column type Key|Key", type one of text dec12_2 num intg day ts ts_new_york bool json pct', p_transform;
    end if;

    drop table if exists _stage_field;
    create temp table _stage_field on commit drop as
    select
        split_part(f, ' ', 1) as col,
        split_part(f, ' ', 2) as kind,
        'coalesce(' || (
            select string_agg(case when k like '@%' then 'null' else format('s.payload ->> %L', k) end, ', ')
            from unnest(string_to_array(split_part(f, ' ', 3), '|')) as k
        ) || ', null)' as raw_sql
    from unnest(p_fields) as f;

    v_sql := format(
        $q$
        create temp table _stage on commit drop as
        select
            t.batch_id, t.line, t.elem, t.dataset, t.format, t.payload,
            t.data_source, t.source_file, t.api_version, t.updated_at,
            %4$s,
            num_nonnulls(%5$s) <> num_nonnulls(%6$s) as issue_suspect
        from (
            select
                y.*,
                %2$s
            from (
                select x.*, __row_ok__ as row_ok
                from (
                    select
                        s.batch_id, s.line, d.elem, s.dataset, s.format, d.doc as payload,
                        s.data_source, s.source_file, s.api_version, s.updated_at,
                        %1$s
                    from core.landed($1) as s
                    cross join lateral (%3$s) as d (elem, doc)
                    offset 0
                ) as x
                offset 0
            ) as y
            offset 0
        ) as t
        $q$,
        v_raw,
        v_typed,
        coalesce(p_docs, 'select 0, s.payload'),
        (select string_agg(format('t.%I', split_part(f, ' ', 1)), ', ') from unnest(p_fields) as f),
        v_present,
        v_valued
    );

    drop table if exists _stage;
    begin
        -- most batches are clean: plain casts for every row, no shape test
        execute replace(v_sql, '__row_ok__', 'true') using p_batches;
        get diagnostics v_rows = row_count;
    exception when data_exception then
        begin
            -- some value is not plain: test each row's shape, parse the others carefully
            execute replace(v_sql, '__row_ok__', v_row_ok) using p_batches;
            get diagnostics v_rows = row_count;
        exception when data_exception then
            -- a value of the plain shape that still does not cast: every row carefully
            execute replace(v_sql, '__row_ok__', 'false') using p_batches;
            get diagnostics v_rows = row_count;
        end;
    end;
    analyze _stage;

    -- quality: present values that did not type (only rows flagged as suspect)
    if v_values is not null then
        execute format(
            $q$
            insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, raw_value, identifier)
            select s.batch_id, s.line, s.elem, s.dataset, %1$L, i.rule, i.field, i.raw_value, %3$s
            from _stage as s
            cross join lateral (
                select
                    case
                        when f.kind in ('day', 'ts', 'ts_new_york') then 'bad_date'
                        else core.number_issue(f.raw_value,
                            case f.kind when 'dec12_2' then 10000000000 when 'intg' then 9223372036854775807.5 else 1e300 end)
                    end as rule,
                    f.field,
                    f.raw_value
                from (values %2$s) as f (field, kind, raw_value, typed_is_null)
                where f.typed_is_null and not core.is_blank(f.raw_value)
            ) as i
            where s.issue_suspect and i.rule is not null
            $q$,
            p_transform, v_values,
            -- the record's instrument, when the stage has one (cut to a sane length)
            case
                when exists (select 1 from unnest(p_fields) as f where split_part(f, ' ', 1) = 'identifier') then 'left(s.identifier, 100)'
                when exists (select 1 from unnest(p_fields) as f where split_part(f, ' ', 1) = 'symbol') then 'left(s.symbol, 100)'
                else 'null'
            end
        );
        get diagnostics v_issues = row_count;
    end if;
    return v_rows;
end
$$;
