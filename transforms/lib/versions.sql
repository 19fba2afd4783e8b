-- definition: lib.versions
-- version: 2
-- Versioned writes shared by every transform (docs/ARCHITECTURE.md §4). A transform types
-- its batches into the temp table _stage (batch_id, line, dataset, format,
-- payload, its natural key columns and business columns named as in the
-- target); core.write_versions then:
--   1. quarantines records whose key is incomplete (kept, never loaded) and
--      records each as a quality issue (rule missing_<key part>);
--   2. keeps one record per key per batch (the last line) and flags the others;
--   3. compares each record's content with the version before it (the previous
--      kept record, or the latest version already in the target) and writes a
--      new version, data_version = current + 1, only when the content differs;
--   4. explodes JSON documents' arrays into one row per element.
-- Content hash: hash_record_extended (64 bits) over every business column of
-- _stage, compared only with the same key's previous version.
-- Content = every business column of _stage (plus the arrays of JSON
-- documents); lineage columns do not count, so an identical reload adds nothing.

create or replace function core.write_versions(
    p_transform text,
    p_target text,
    p_keys text[]
)
returns table (rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    technical constant text[] := array[
        'batch_id', 'line', 'elem', 'issue_suspect', 'dataset', 'format', 'payload', 'data_source', 'source_file',
        'api_version', 'updated_at', 'processed_at', 'content_hash', 'data_version',
        'array_source_field', 'array_element_index', 'array_element_value',
        'raw_json', 'batch_line'
    ];
    v_schema text := split_part(p_target, '.', 1);
    v_table text := split_part(p_target, '.', 2);
    v_stage_cols text[];
    v_hash_cols text;
    v_insert_cols text[];
    v_keys text := (select string_agg(format('%I', k), ', ') from unnest(p_keys) as k);
    v_keys_k text := (select string_agg(format('k.%I', k), ', ') from unnest(p_keys) as k);
    v_join_kc text := (select string_agg(format('c.%1$I = k.%1$I', k), ' and ') from unnest(p_keys) as k);
    v_key_null text := (select string_agg(format('s.%I is null', k), ' or ') from unnest(p_keys) as k);
    v_key_reason text := (
        select 'case '
            || string_agg(format('when s.%1$I is null then %2$L', k, 'missing_' || k), ' ')
            || ' end'
        from unnest(p_keys) as k
    );
    v_has_elem boolean;
    v_first bigint;
    v_insert_list text;
    v_select_list text;
    v_out bigint;
    v_issues bigint;
    v_n bigint;
    v_quarantined bigint;
begin
    select array_agg(a.attname::text order by a.attnum) into v_stage_cols
    from pg_attribute as a
    where a.attrelid = 'pg_temp._stage'::regclass and a.attnum > 0 and not a.attisdropped;

    select string_agg(format('s.%I', c), ', ' order by o) into v_hash_cols
    from unnest(v_stage_cols) with ordinality as u (c, o)
    where c <> all (technical);

    select array_agg(a.attname::text order by a.attnum) into v_insert_cols
    from pg_attribute as a
    where a.attrelid = p_target::regclass and a.attnum > 0 and not a.attisdropped
        and a.attname::text = any (v_stage_cols)
        and a.attname::text not in ('batch_id', 'content_hash', 'data_version', 'elem');

    select exists (
        select 1 from pg_attribute as a
        where a.attrelid = p_target::regclass and a.attname = 'batch_elem' and not a.attisdropped
    ) into v_has_elem;

    ---------- 1. quarantine records with an incomplete key
    execute format(
        $q$
        insert into ops.quarantine (batch_id, line, elem, dataset, transform_name, reason, payload)
        select s.batch_id, s.line, s.elem, s.dataset, %1$L, %2$s, s.payload
        from _stage as s
        where %3$s
        on conflict do nothing
        $q$,
        p_transform, v_key_reason, v_key_null
    );
    get diagnostics v_quarantined = row_count;

    -- and each of them is a quality issue naming the missing key part
    execute format(
        $q$
        insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, detail)
        select s.batch_id, s.line, s.elem, s.dataset, %1$L, %2$s, %3$s, 'record quarantined'
        from _stage as s
        where %4$s
        $q$,
        p_transform, v_key_reason,
        (select 'case ' || string_agg(format('when s.%1$I is null then %1$L', k), ' ') || ' end' from unnest(p_keys) as k),
        v_key_null
    );
    get diagnostics v_issues = row_count;

    v_insert_list := (select string_agg(format('%I', c), ', ') from unnest(v_insert_cols) as c
        where c not in ('array_source_field', 'array_element_index', 'array_element_value', 'raw_json', 'batch_line'));
    v_select_list := (select string_agg(format('s.%I', c), ', ') from unnest(v_insert_cols) as c
        where c not in ('array_source_field', 'array_element_index', 'array_element_value', 'raw_json', 'batch_line'));

    ---------- first versions: a key that appears once in these batches and has
    ---------- no version yet is version 1 as it stands. Only the other keys (in
    ---------- several records, or already versioned) need the keep set below.
    drop table if exists _complex;
    execute format(
        $q$
        create temp table _complex on commit drop as
        select %2$s from _stage as s where not (%1$s) group by %2$s having count(*) > 1
        union
        select %2$s from _stage as k
        where exists (select 1 from %3$s as c where %4$s)
        $q$,
        v_key_null, v_keys, p_target, v_join_kc
    );
    analyze _complex;
    execute format(
        $q$
        insert into %1$s (%2$s, array_source_field, array_element_index, array_element_value,
            raw_json, batch_id, batch_line, content_hash, data_version%3$s)
        select %4$s, e.array_source_field, e.array_element_index, e.array_element_value,
            s.payload, s.batch_id, s.line,
            hash_record_extended(row(%5$s, case when s.format = 'json' then core.array_part(s.payload) end), 0),
            1%6$s
        from _stage as s
        cross join lateral core.explode_for(s.format, s.payload) as e
        where not (%7$s)
            and not exists (select 1 from _complex as x where %8$s)
        $q$,
        p_target, v_insert_list,
        case when v_has_elem then ', batch_elem' else '' end,
        v_select_list, v_hash_cols,
        case when v_has_elem then ', s.elem' else '' end,
        v_key_null,
        (select string_agg(format('x.%1$I = s.%1$I', k), ' and ') from unnest(p_keys) as k)
    );
    get diagnostics v_first = row_count;

    ---------- 2. one record per key per batch, with its content hash
    drop table if exists _keep;
    execute format(
        $q$
        create temp table _keep on commit drop as
        select
            h.*,
            row_number() over w as rn,
            first_value(h.content_hash) over w as kept_hash
        from (
            select s.batch_id, s.line, s.elem, s.dataset, %1$s,
                hash_record_extended(row(%2$s, case when s.format = 'json' then
                    -- array_part of a document without arrays is {}: skip the walk
                    case when jsonb_path_exists(s.payload, 'strict $.* ? (@.type() == "array")', '{}', true)
                        then core.array_part(s.payload) else '{}'::jsonb end
                end), 0)
                    as content_hash
            from _stage as s
            where not (%3$s)
                and exists (select 1 from _complex as x where %4$s)
        ) as h
        window w as (partition by %1$s, h.batch_id order by h.line desc, h.elem desc)
        $q$,
        v_keys, v_hash_cols, v_key_null,
        (select string_agg(format('x.%1$I = s.%1$I', k), ' and ') from unnest(p_keys) as k)
    );

    analyze _keep;

    insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, identifier, detail)
    select k.batch_id, k.line, k.elem, k.dataset, p_transform,
        case when k.content_hash = k.kept_hash then 'duplicate_row' else 'conflicting_duplicate' end,
        array_to_string(p_keys, ','),
        null,
        'same key as a later line of the same batch; the later line is kept'
    from _keep as k
    where k.rn > 1;
    get diagnostics v_n = row_count;
    v_issues := v_issues + v_n;

    ---------- 3 + 4. new versions where the content changed
    execute format(
        $q$
        with
        kept as (
            select k.batch_id, k.line, k.elem, %1$s, k.content_hash,
                lag(k.content_hash) over (partition by %1$s order by k.batch_id) as prev_hash
            from _keep as k
            where k.rn = 1
        ),
        cur as (
            select distinct on (%2$s) %2$s, c.data_version, c.content_hash
            from %3$s as c
            where exists (select 1 from _keep as k where %4$s)
            order by %2$s, c.data_version desc
        ),
        changed as (
            select
                k.batch_id, k.line, k.elem, k.content_hash,
                coalesce(c.data_version, 0)
                    + row_number() over (partition by %5$s order by k.batch_id) as data_version
            from kept as k
            left join cur as c on %4$s
            where k.content_hash is distinct from coalesce(k.prev_hash, c.content_hash)
        )
        insert into %3$s (%6$s, array_source_field, array_element_index, array_element_value,
            raw_json, batch_id, batch_line, content_hash, data_version%8$s)
        select %7$s, e.array_source_field, e.array_element_index, e.array_element_value,
            s.payload, s.batch_id, s.line, ch.content_hash, ch.data_version%9$s
        from changed as ch
        join _stage as s on s.batch_id = ch.batch_id and s.line = ch.line and s.elem = ch.elem
        cross join lateral core.explode_for(s.format, s.payload) as e
        $q$,
        v_keys_k,
        (select string_agg(format('c.%I', k), ', ') from unnest(p_keys) as k),
        p_target,
        v_join_kc,
        v_keys_k,
        v_insert_list,
        v_select_list,
        case when v_has_elem then ', batch_elem' else '' end,
        case when v_has_elem then ', s.elem' else '' end,
        (select string_agg(format('s.%I', k), ', ') from unnest(p_keys) as k)
    );
    get diagnostics v_out = row_count;

    return query select v_first + v_out, v_issues, v_quarantined;
end
$$;

-- The landed records of the given batches with their lineage: the source CTE
-- of every transform.
create or replace function core.landed(p_batches bigint[])
returns table (
    batch_id bigint,
    line integer,
    payload jsonb,
    dataset text,
    format text,
    data_source text,
    source_file text,
    api_version text,
    updated_at timestamptz,
    request jsonb
)
language sql
stable
parallel safe
as $$
    select
        r.batch_id,
        r.line,
        r.payload,
        b.dataset,
        b.format,
        case when b.origin = 'csv' then 'CSV' else 'API' end,
        b.file_name,
        b.request ->> 'api_version',
        b.landed_at,
        b.request
    from raw.record as r
    join raw.batch as b on b.batch_id = r.batch_id
    where r.batch_id = any(p_batches)
$$;

