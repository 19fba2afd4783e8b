-- definition: lib.stage
-- version: 6
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
--
-- The SQL is built by pure functions that return text (core.stage_fields,
-- core.stage_sql, core.stage_row_ok_sql), so one transform's generated SQL
-- can be read and pinned in a test. The field lines are parsed once, into a
-- set (core.stage_fields). A key no batch holds is not looked up: for CSV
-- batches core.stage takes the header the loader recorded once per batch
-- (raw.batch.header: every record of the batch has exactly those keys) and
-- passes the keys present, so each row is read with fixed keys, not every
-- alternate. When the batches share one header (the usual case: one file, or
-- files of one layout), each value is read by its position in the stored CSV
-- line (core.landed_lines) and no JSON record is built; _stage.payload is
-- then null for those rows, and core.staged_record gives the record of the
-- few rows a transform quarantines or reports.

-- The field lines as a set: position, column, type, every key the line names,
-- and the keys to read (those present, when p_present is given; a '@' key
-- always). value_sql: the SQL of the column's raw value in the typing query
-- (over d.doc and s.request, or the n-th value of the stored CSV line,
-- raw.csv_field, n its position in p_header); raw_sql:
-- the same over the staged row's record (core.staged_record), for the
-- quality checks and core.write_versions (a '@' key reads nothing there).
drop function if exists core.stage_fields(text[], text[]);
create or replace function core.stage_fields(p_fields text[], p_present text[] default null, p_header text[] default null)
returns table (o integer, col text, kind text, keys text[], read_keys text[], value_sql text, raw_sql text)
language sql
immutable
parallel safe
as $$
    with
    line as (
        select
            u.o::integer as o,
            split_part(u.f, ' ', 1) as col,
            split_part(u.f, ' ', 2) as kind,
            string_to_array(split_part(u.f, ' ', 3), '|') as keys
        from unnest(p_fields) with ordinality as u (f, o)
    ),
    read as (
        select
            l.*,
            coalesce((
                select array_agg(k order by ko)
                from unnest(l.keys) with ordinality as x (k, ko)
                where k like '@%' or coalesce(p_present, p_header) is null or k = any (coalesce(p_present, p_header))
            ), '{}') as read_keys
        from line as l
    )
    select
        r.o, r.col, r.kind, r.keys, r.read_keys,
        coalesce('coalesce(' || (
            select string_agg(case
                when k like '@%' then format('s.request -> %L %s %L', 'params', case when r.kind = 'json' then '->' else '->>' end, substr(k, 2))
                -- by position in the batches' common header (core.landed_lines)
                when p_header is not null then
                    format(case when r.kind = 'json' then 'to_jsonb(coalesce(raw.csv_field(s.csv, %1$s), s.payload ->> %2$L))'
                        else 'coalesce(raw.csv_field(s.csv, %1$s), s.payload ->> %2$L)' end, array_position(p_header, k), k)
                else format('d.doc %s %L', case when r.kind = 'json' then '->' else '->>' end, k)
            end, ', ' order by ko)
            from unnest(r.read_keys) with ordinality as x (k, ko)
        ) || ', null)', case when r.kind = 'json' then 'null::jsonb' else 'null::text' end),
        coalesce('coalesce(' || (
            select string_agg(case when k like '@%' then 'null'
                else format('core.staged_record(s.batch_id, s.line, s.payload) ->> %L', k) end, ', ' order by ko)
            from unnest(r.read_keys) with ordinality as x (k, ko)
        ) || ', null)', 'null::text')
    from read as r
$$;

-- The shape test of a row's numbers and dates (the second typing pass): one
-- regular expression per kind over the row's raw values joined with \x01.
create or replace function core.stage_row_ok_sql(p_fields text[])
returns text
language sql
immutable
parallel safe
as $$
    select coalesce(string_agg(g.test, ' and '), 'true')
    from (
        select format('(array_to_string(array[%s]::text[], chr(1), %L) ~ %L)',
                string_agg(format('x.%I', 'r_' || f.col), ', ' order by f.o), '',
                '^(' || f.pattern || ')?(\x01(' || f.pattern || ')?)*$') as test
        from (
            select
                sf.o,
                sf.col,
                -- unbounded repetitions only: bounded ones ({1,18}) cost ten times more
                case when sf.kind = 'day'
                    then '[1-9][0-9][0-9][0-9]-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])'
                    else '-?[0-9]+(\.[0-9]*)?'
                end as pattern
            from core.stage_fields(p_fields) as sf
            where sf.kind in ('dec12_2', 'num', 'intg', 'pct', 'day')
        ) as f
        group by f.pattern
    ) as g
$$;

-- The statement that builds _stage from the batches ($1), with __row_ok__
-- standing for the typing pass's row test (true, core.stage_row_ok_sql, or
-- false). Lineage columns first, then the typed columns, then issue_suspect
-- (a present number or date that did not type). Each level is fenced (offset
-- 0) so that a raw value and a typed value are computed once however often
-- they are read.
drop function if exists core.stage_sql(text[], text, text[]);
create or replace function core.stage_sql(p_fields text[], p_docs text default null, p_present text[] default null, p_header text[] default null)
returns text
language sql
immutable
parallel safe
as $$
    select format(
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
                    from %7$s as s
                    cross join lateral (%3$s) as d (elem, doc)
                    offset 0
                ) as x
                offset 0
            ) as y
            offset 0
        ) as t
        $q$,
        -- 1: each column's raw value
        string_agg(format('%s as %I', f.value_sql, 'r_' || f.col), E',\n                        ' order by f.o),
        -- 2: each column typed
        string_agg(format('%s as %I',
            case f.kind
                -- byte-order collation: keys sort and hash as codes, not as words
                when 'text' then format('core.clean_text(y.%I) collate "C"', 'r_' || f.col)
                when 'json' then format('y.%I', 'r_' || f.col)
                when 'bool' then format('core.parse_boolean(y.%I)', 'r_' || f.col)
                when 'ts' then format('parse_careful.ts(y.%I)', 'r_' || f.col)
                when 'ts_new_york' then format('parse_careful.ts_new_york(y.%I)', 'r_' || f.col)
                else format('case when y.row_ok then parse_fast.%1$s(y.%2$I) else parse_careful.%1$s(y.%2$I) end',
                    f.kind, 'r_' || f.col)
            end, f.col), E',\n                ' order by f.o),
        -- 3: the documents of each landed record
        coalesce(p_docs, 'select 0, s.payload'),
        -- 4: the typed columns
        string_agg(format('t.%I', f.col), ', ' order by f.o),
        -- 5, 6: the present and the typed numbers and dates
        coalesce(string_agg(format('nullif(t.%I, %L)', 'r_' || f.col, ''), ', ' order by f.o)
            filter (where f.kind not in ('text', 'json')), 'null'),
        coalesce(string_agg(format('t.%I', f.col), ', ' order by f.o)
            filter (where f.kind not in ('text', 'json')), 'null'),
        -- 7: the landed records, or their values by position in the common header
        case when p_header is null then 'core.landed($1)' else 'core.landed_lines($1)' end
    )
    from core.stage_fields(p_fields, p_present, p_header) as f
$$;

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
    present_keys text[];
    common_header text[];
    stage_sql text;
    untyped_values text;
    staged_rows bigint;
    issues bigint;
begin
    ---------- schema drift: note the known fields, read accepted renames
    perform ops.note_stage_fields(p_transform, p_fields, p_docs);
    p_fields := ops.stage_aliases(p_transform, p_fields);

    if exists (
        select 1 from core.stage_fields(p_fields) as f
        where f.kind not in ('text', 'dec12_2', 'num', 'intg', 'day', 'ts', 'ts_new_york', 'bool', 'json', 'pct')
            or f.keys = '{}' or f.keys = '{""}'
    ) then
        raise exception 'core.stage(%): every field is "column type Key|Key", type one of text dec12_2 num intg day ts ts_new_york bool json pct', p_transform;
    end if;

    -- the keys the batches hold, when each is a CSV file whose header the
    -- loader recorded (raw.batch.header: every record has exactly those keys);
    -- otherwise every key a field line names is looked up
    if p_docs is null and not exists (
        select 1 from unnest(p_batches) as pb (batch_id)
        left join raw.batch as b on b.batch_id = pb.batch_id
        where b.header is null or b.format <> 'csv_row'
    ) then
        select coalesce(array_agg(distinct h.key), '{}') into present_keys
        from raw.batch as b
        cross join lateral unnest(b.header) as h (key)
        where b.batch_id = any (p_batches);
        -- one header for all: each value is read by its position in the
        -- stored CSV line, no JSON record is built (core.landed_lines)
        select min(b.header) into common_header
        from raw.batch as b
        where b.batch_id = any (p_batches)
        having count(distinct b.header) = 1;
    end if;

    -- the field lines, for core.write_versions (a key present but unreadable
    -- is told from a missing one)
    drop table if exists _stage_field;
    create temp table _stage_field on commit drop as
    select f.col, f.kind, f.raw_sql
    from core.stage_fields(p_fields, present_keys) as f;

    -- Typing runs in up to three passes. First every row with plain casts
    -- (parse_fast): a value they cannot read raises and abandons the pass.
    -- Then a row whose every number and date has the plain shape types with
    -- plain casts and any other row is parsed carefully (parse_careful): one
    -- regular expression per kind per row, over the row's values joined with
    -- \x01, decides, far cheaper than one test per value. Last, should a value
    -- of the plain shape still not cast, every row is parsed carefully.
    stage_sql := core.stage_sql(p_fields, p_docs, present_keys, common_header);
    drop table if exists _stage;
    begin
        -- most batches are clean: plain casts for every row, no shape test
        execute replace(stage_sql, '__row_ok__', 'true') using p_batches;
        get diagnostics staged_rows = row_count;
    exception when data_exception then
        begin
            -- some value is not plain: test each row's shape, parse the others carefully
            execute replace(stage_sql, '__row_ok__', core.stage_row_ok_sql(p_fields)) using p_batches;
            get diagnostics staged_rows = row_count;
        exception when data_exception then
            -- a value of the plain shape that still does not cast: every row carefully
            execute replace(stage_sql, '__row_ok__', 'false') using p_batches;
            get diagnostics staged_rows = row_count;
        end;
    end;
    analyze _stage;

    -- quality: present values that did not type (only rows flagged as suspect)
    select string_agg(format('(%L, %L, %s, s.%I is null)', f.col, f.kind, f.raw_sql, f.col), ', ' order by f.o)
    into untyped_values
    from core.stage_fields(p_fields, present_keys) as f
    where f.kind not in ('text', 'json');
    if untyped_values is not null then
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
            p_transform, untyped_values,
            -- the record's instrument, when the stage has one (cut to a sane length)
            case
                when exists (select 1 from core.stage_fields(p_fields) as f where f.col = 'identifier') then 'left(s.identifier, 100)'
                when exists (select 1 from core.stage_fields(p_fields) as f where f.col = 'symbol') then 'left(s.symbol, 100)'
                else 'null'
            end
        );
        get diagnostics issues = row_count;
    end if;
    return staged_rows;
end
$$;
