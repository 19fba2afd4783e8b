-- definition: lib.versions
-- version: 16
-- Versioned writes shared by every transform (docs/ARCHITECTURE.md §4). A transform types
-- its batches into the temp table _stage (batch_id, line, dataset, format,
-- payload, its natural key columns and business columns named as in the
-- target); core.write_versions then:
--   1. quarantines the records it cannot key (kept, never loaded) and takes
--      them out of _stage, each with a quality issue naming its identifier or
--      symbol: missing_<key part> (absent or blank), unreadable_<key part>
--      (present, but not a value of its type), value_too_large_for_key (a key
--      or indexed text value longer than core.max_key_bytes(): checked before
--      the write, not discovered by the index half-way through a batch);
--   2. keeps one record per key per batch (the last line) and flags the others;
--   3. compares each record's content with the version before it (the previous
--      kept record, or the latest version already in the target) and writes a
--      new version, data_version = current + 1, only when the content differs;
--   4. explodes JSON documents' arrays into one row per element.
-- A record the target still refuses (a constraint, a trigger, a value that
-- does not fit) does not stop the others: only after such a failure, the
-- write is retried over halves of the keys until the refused keys are found;
-- their records are quarantined with the error (write_error: <message>) and
-- every other record is written. Errors that are not about records
-- (core.is_data_error) are raised as they are.
-- 5. keeps the stored latest: <target>_current holds, per key, the version
--    that is newest by (vendor_as_of, batch_id, line) - the vendor's as-of,
--    ties broken by arrival - upserted in the same statement as the history
--    rows, so a re-landed older file adds history but never becomes latest.
-- vendor_as_of: the first non-null of the stage columns p_as_of names (a date
-- is its midnight UTC), else the landing time (updated_at); core.as_of_sql.
-- It is not content.
-- Content hash: hash_record_extended (64 bits) over every business column of
-- _stage, compared only with the same key's previous version.
-- Content = every business column of _stage (plus the arrays of JSON
-- documents); lineage columns do not count, so an identical reload adds nothing.

-- The longest key or indexed text value a transform writes, in bytes. A btree
-- entry holds at most 2704 bytes (a third of a page): five values this long
-- plus the rest of a version key still fit one entry. Real codes and names
-- are far shorter; a longer value is a vendor's error.
create or replace function core.max_key_bytes()
returns integer
language sql
immutable
parallel safe
as $$
    select 512
$$;

-- The vendor's as-of of a _stage record, as SQL over s: a vendor_as_of
-- column of _stage when a step set one (rows a transform makes itself), else
-- the first of the named stage columns that has a value (a date counts from
-- its midnight UTC), else the landing time (updated_at).
create or replace function core.as_of_sql(p_as_of text[])
returns text
language plpgsql
stable
as $$
declare
    v_cols text[];
begin
    select array_agg(a.attname::text) into v_cols
    from pg_attribute as a
    where a.attrelid = 'pg_temp._stage'::regclass and a.attnum > 0 and not a.attisdropped;
    if exists (select 1 from unnest(p_as_of) as c where c <> all (v_cols)) then
        raise exception 'as-of column(s) % are not columns of _stage',
            (select string_agg(c, ', ') from unnest(p_as_of) as c where c <> all (v_cols));
    end if;
    return (
        select 'coalesce('
            || case when 'vendor_as_of' = any (v_cols) then 's.vendor_as_of, ' else '' end
            || coalesce(string_agg(
                case when a.atttypid = 'date'::regtype
                    then format('(s.%I::timestamp at time zone %L)', a.attname, 'UTC')
                    else format('s.%I::timestamptz', a.attname)
                end, ', ' order by u.o) || ', ', '')
            || 's.updated_at)'
        from unnest(p_as_of) with ordinality as u (c, o)
        join pg_attribute as a on a.attrelid = 'pg_temp._stage'::regclass and a.attname = u.c
    );
end
$$;

-- Whether an error raised by a transform is about the data it read (a value
-- that does not cast or fit, a constraint, a trigger's or a rule's refusal, an
-- index entry too large) rather than about the run itself (locks, resources,
-- privileges, a missing object): only the first kind is pinned on records or
-- batches; the second fails the run and leaves its batches pending.
create or replace function core.is_data_error(p_sqlstate text)
returns boolean
language sql
immutable
parallel safe
as $$
    select left(p_sqlstate, 2) in ('21', '22', '23', '27', '44', 'P0')
        or p_sqlstate = '54000'
$$;

-- The as-of (version 3) is a parameter: the three-argument form is dropped.
drop function if exists core.write_versions(text, text, text[]);

-- "Latest", stated once: the statement that offers versions (rows of
-- p_select: the key columns, data_version, vendor_as_of, batch_id, line) to
-- p_current, the stored latest of a versioned table. A version replaces a
-- key's current one only when it is newer by (vendor_as_of, batch_id, line):
-- the vendor's as-of, ties broken by arrival. Pure: returns the SQL.
drop function if exists core.current_upsert_sql(text, text[], text);
create or replace function core.current_upsert_sql(p_current text, p_keys text[], p_select text, p_new_keys boolean default false)
returns text
language sql
immutable
parallel safe
as $$
    select format(
        $q$insert into %1$s as c (%2$s, data_version, vendor_as_of, batch_id, line)
            %3$s%4$s$q$,
        p_current,
        k.keys,
        p_select,
        -- keys known to have no current row yet (first versions): a plain insert
        case when not p_new_keys then format($q$
            on conflict (%1$s) do update
            set data_version = excluded.data_version, vendor_as_of = excluded.vendor_as_of,
                batch_id = excluded.batch_id, line = excluded.line
            where (excluded.vendor_as_of, excluded.batch_id, excluded.line) > (c.vendor_as_of, c.batch_id, c.line)$q$,
            k.keys)
        else '' end
    )
    from (
        select string_agg(format('%I', u.k), ', ' order by u.o) as keys
        from unnest(p_keys) with ordinality as u (k, o)
    ) as k
$$;

-- The newest day of each instrument, stored with that day's latest version's
-- values (core.<table>_current_date: api.fund_latest_nav,
-- api.equity_latest_price, api.etf_latest_price), stated once: the
-- statement that brings it up to date for the instruments (p_key) of _stage,
-- at their newest date in _stage or the stored one, whichever is later, read
-- from the stored latest (<table>_current) and that version's first row of
-- history; p_cols are the stored columns besides the key and date. A row is
-- rewritten only when its date, version or update time changed. Each
-- instrument's stored latest is looked up in its index (offset 0: one probe
-- of the one partition its date falls in, never a scan of every partition).
-- Pure: returns the SQL.
create or replace function core.newest_day_upsert_sql(p_table text, p_key text, p_cols text[])
returns text
language sql
immutable
parallel safe
as $$
    select format(
        $q$insert into %1$s_current_date as c (%2$I, date, %3$s)
            select t.%2$I, t.date, %4$s
            from (
                select s.%2$I, greatest(max(s.date), max(d.date)) as date
                from _stage as s
                left join %1$s_current_date as d on d.%2$I = s.%2$I
                where s.%2$I is not null and s.date is not null
                group by s.%2$I
            ) as t
            cross join lateral (
                select q.%2$I, q.date, q.data_version
                from %1$s_current as q
                where q.%2$I = t.%2$I and q.date = t.date
                offset 0
            ) as q
            cross join lateral (
                select h.*
                from %1$s as h
                where h.%2$I = q.%2$I and h.date = q.date and h.data_version = q.data_version
                order by h.array_source_field nulls first, h.array_element_index nulls first
                limit 1
            ) as n
            on conflict (%2$I) do update
            set date = excluded.date, %5$s
            where (c.date, c.data_version, c.updated_at) is distinct from (excluded.date, excluded.data_version, excluded.updated_at)$q$,
        p_table,
        p_key,
        (select string_agg(format('%I', c), ', ' order by o) from unnest(p_cols) with ordinality as u (c, o)),
        (select string_agg(format('n.%I', c), ', ' order by o) from unnest(p_cols) with ordinality as u (c, o)),
        (select string_agg(format('%1$I = excluded.%1$I', c), ', ' order by o) from unnest(p_cols) with ordinality as u (c, o))
    )
$$;

-- The lineage and version columns of a history row that core.write_versions
-- fills besides the business columns, in insert order (batch_elem when the
-- target has it). Pure: returns the column list.
create or replace function core.version_columns_sql(p_has_elem boolean)
returns text
language sql
immutable
parallel safe
as $$
    select 'array_source_field, array_element_index, array_element_value, batch_id, batch_line, content_hash, data_version, vendor_as_of'
        || case when p_has_elem then ', batch_elem' else '' end
$$;

create or replace function core.write_versions(
    p_transform text,
    p_target text,
    p_keys text[],
    p_as_of text[] default '{}'
)
returns table (rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    technical constant text[] := array[
        'batch_id', 'line', 'elem', 'issue_suspect', 'dataset', 'format', 'payload', 'data_source', 'source_file',
        'api_version', 'updated_at', 'processed_at', 'content_hash', 'data_version',
        'array_source_field', 'array_element_index', 'array_element_value',
        'raw_json', 'batch_line', 'vendor_as_of'
    ];
    v_current text := p_target || '_current';
    v_as_of text;
    v_stage_cols text[];
    v_hash_cols text;
    v_insert_cols text[];
    v_indexed text[];
    v_raw_of jsonb := '{}';
    v_keys text := (select string_agg(format('%I', k), ', ') from unnest(p_keys) as k);
    v_keys_k text := (select string_agg(format('k.%I', k), ', ') from unnest(p_keys) as k);
    v_keys_s text := (select string_agg(format('s.%I', k), ', ') from unnest(p_keys) as k);
    v_join_kc text := (select string_agg(format('c.%1$I = k.%1$I', k), ' and ') from unnest(p_keys) as k);
    v_join_xs text := (select string_agg(format('x.%1$I = s.%1$I', k), ' and ') from unnest(p_keys) as k);
    v_first_only text := format('not exists (select 1 from _complex as x where %s)', v_join_xs);
    v_record_name text;
    v_reject text;
    v_why text;
    v_has_elem boolean;
    v_insert_list text;
    v_select_list text;
    v_sql_complex text;
    v_part_col text;
    v_part_range text := '';
    v_sql_first text;
    v_sql_keep text;
    v_sql_changed text;
    -- the write, then (only after a record error) halves of the keys
    v_lo integer[] := array[0];
    v_hi integer[] := array[0];
    v_from integer;
    v_to integer;
    v_groups integer;
    v_refused integer := 0;
    v_source text;
    v_state text;
    v_error text;
    v_rule text;
    v_first bigint;
    v_probe boolean;
    v_dup bigint;
    v_changed bigint;
    v_q bigint;
    v_i bigint;
    v_out bigint := 0;
    v_issues bigint := 0;
    v_quarantined bigint := 0;
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
        and a.attname::text not in ('batch_id', 'content_hash', 'data_version', 'elem', 'vendor_as_of');

    select exists (
        select 1 from pg_attribute as a
        where a.attrelid = p_target::regclass and a.attname = 'batch_elem' and not a.attisdropped
    ) into v_has_elem;

    -- the vendor's as-of of each record (core.as_of_sql)
    v_as_of := core.as_of_sql(p_as_of);

    -- the target's indexed text columns that come from _stage (its text keys among them)
    select coalesce(array_agg(distinct a.attname::text), '{}') into v_indexed
    from pg_index as i
    join pg_attribute as a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
    where i.indrelid = p_target::regclass
        and a.atttypid in ('text'::regtype, 'varchar'::regtype)
        and a.attname::text = any (v_stage_cols)
        and a.attname::text <> all (technical);

    -- the raw payload value of each key column, as core.stage read it
    if to_regclass('pg_temp._stage_field') is not null then
        select coalesce(jsonb_object_agg(f.col, f.raw_sql), '{}') into v_raw_of
        from pg_temp._stage_field as f
        where f.col = any (p_keys);
    end if;

    -- the record's identifier or symbol, for quality issues (cut to a sane length)
    v_record_name := case
        when 'identifier' = any (v_stage_cols) then 'left(s.identifier, 100)'
        when 'symbol' = any (v_stage_cols) then 'left(s.symbol, 100)'
        else 'null::text'
    end;

    ---------- 1. records that cannot be keyed: the tests, in order, and the
    ---------- first failing one as [reason, field, raw value, detail]
    select
        string_agg(c.test, ' or ' order by c.o),
        'select array[v.reason, v.field, v.raw_value, v.detail] from (values '
            || string_agg(format('(%s, case when %s then %s end, %L, %s, %s)',
                c.o, c.test, c.reason, c.field, c.raw_value, c.detail), ', ' order by c.o)
            || ') as v (o, reason, field, raw_value, detail) where v.reason is not null order by v.o limit 1'
    into v_reject, v_why
    from (
        select
            k.o,
            format('s.%I is null', k.k) as test,
            k.k as field,
            -- present in the payload but not of its type: unreadable; absent or blank: missing
            format('case when core.is_blank(%s) then %L else %L end',
                coalesce(v_raw_of ->> k.k, 'null::text'), 'missing_' || k.k, 'unreadable_' || k.k) as reason,
            format('left(%s, 200)', coalesce(v_raw_of ->> k.k, 'null::text')) as raw_value,
            quote_literal('record quarantined') as detail
        from unnest(p_keys) with ordinality as k (k, o)
        union all
        select
            1000 + u.o,
            format('octet_length(s.%I) > %s', u.c, core.max_key_bytes()),
            u.c,
            quote_literal('value_too_large_for_key'),
            format('left(s.%I, 100)', u.c),
            format('octet_length(s.%I) || %L', u.c,
                ' bytes, over the ' || core.max_key_bytes() || ' bytes a key or indexed value may hold: record quarantined')
        from unnest(v_indexed) with ordinality as u (c, o)
    ) as c;

    execute format(
        $q$
        with
        rejected as (
            delete from _stage as s
            where %1$s
            returning s.*
        ),
        why as (
            select s.batch_id, s.line, s.elem, s.dataset, core.staged_record(s.batch_id, s.line, s.payload) as payload,
                %2$s as record_name, (%3$s) as why
            from rejected as s
        ),
        quarantined as (
            insert into ops.quarantine (batch_id, line, elem, dataset, transform_name, reason, payload)
            select w.batch_id, w.line, w.elem, w.dataset, %4$L, w.why[1], w.payload
            from why as w
            on conflict do nothing
            returning 1
        ),
        issues as (
            insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, raw_value, identifier, detail)
            select w.batch_id, w.line, w.elem, w.dataset, %4$L, w.why[1], w.why[2], w.why[3], w.record_name, w.why[4]
            from why as w
            returning 1
        )
        select (select count(*) from quarantined), (select count(*) from issues)
        $q$,
        v_reject, v_record_name, v_why, p_transform
    ) into v_quarantined, v_issues;

    ---------- the write, as statements over __source__: _stage itself, or
    ---------- (after a record error) the records of some of its keys
    v_insert_list := (select string_agg(format('%I', c), ', ') from unnest(v_insert_cols) as c
        where c not in ('array_source_field', 'array_element_index', 'array_element_value', 'raw_json', 'batch_line'));
    v_select_list := (select string_agg(format('s.%I', c), ', ') from unnest(v_insert_cols) as c
        where c not in ('array_source_field', 'array_element_index', 'array_element_value', 'raw_json', 'batch_line'));

    -- first versions: a key that appears once in these batches and has no
    -- version yet is version 1 as it stands. Only the other keys (in several
    -- records, or already versioned) need the keep set below. A key has a
    -- version exactly when it has a current row, so the stored latest is
    -- asked, not history; when it is partitioned by a key column (the date
    -- of daily prices), only the partitions of the staged dates are read,
    -- so the check costs the same however much history there is.
    select a.attname::text into v_part_col
    from pg_partitioned_table as pt
    join pg_attribute as a on a.attrelid = pt.partrelid and a.attnum = pt.partattrs[0]
    where pt.partrelid = v_current::regclass and pt.partnatts = 1 and a.attname::text = any (p_keys);
    if v_part_col is not null then
        execute format('select case when min(s.%2$I) is not null then format(%1$L, min(s.%2$I), max(s.%2$I)) end from _stage as s',
            format(' and c.%I between %%L and %%L', v_part_col), v_part_col)
        into v_part_range;
        v_part_range := coalesce(v_part_range, '');
    end if;
    -- Few records against many stored keys (a corrected file, a new day):
    -- each key is looked up in the version-key index (offset 0 keeps the
    -- lookup per record, whatever the planner's statistics of a table just
    -- written say). Many records: one join.
    v_probe := (select 20 * greatest(c.reltuples, 1) from pg_class as c where c.oid = 'pg_temp._stage'::regclass)
        < (select coalesce(sum(pg_relation_size(t.relid)), 0) / 100 from pg_partition_tree(v_current::regclass) as t where t.isleaf);
    v_sql_complex := format(
        $q$
        create temp table _complex on commit drop as
        select %1$s from __source__ as s group by %1$s having count(*) > 1
        union
        select %1$s from __source__ as k
        where exists (select 1 from %2$s as c where %3$s%4$s%5$s)
        $q$,
        v_keys, v_current, v_join_kc, v_part_range, case when v_probe then ' offset 0' else '' end
    );
    -- Each such key has one record: it is the key's current version too.
    -- Written in key order: each key's new entries then land beside each
    -- other in the version key and the stored latest's key (a file in date
    -- order would otherwise touch a different leaf page for every record),
    -- and an instrument's rows of a multi-day file lie on adjacent pages.
    v_sql_first := format(
        $q$
        with
        written as (
            insert into %1$s (%2$s, %3$s)
            select %4$s, e.array_source_field, e.array_element_index, e.array_element_value,
                s.batch_id, s.line,
                hash_record_extended(row(%5$s, case when s.format = 'json' then core.array_part(s.payload) end), 0),
                1, %7$s%6$s
            from __source__ as s
            cross join lateral core.explode_for(s.format, s.payload) as e
            where __first_only__
            order by %9$s
            returning 1
        ),
        current_version as (
            %8$s
        )
        select count(*) from written
        $q$,
        p_target, v_insert_list,
        core.version_columns_sql(v_has_elem),
        v_select_list, v_hash_cols,
        case when v_has_elem then ', s.elem' else '' end,
        v_as_of,
        -- these keys have no current row (the check above): a plain insert
        core.current_upsert_sql(v_current, p_keys, format(
            'select %s, 1, %s, s.batch_id, s.line from __source__ as s where __first_only__ order by %s',
            v_keys_s, v_as_of, v_keys_s), true),
        v_keys_s
    );

    -- 2. one record per key per batch, with its content hash
    v_sql_keep := format(
        $q$
        create temp table _keep on commit drop as
        select
            h.*,
            row_number() over w as rn,
            first_value(h.content_hash) over w as kept_hash
        from (
            select s.batch_id, s.line, s.elem, s.dataset, %1$s, %4$s as record_name, %5$s as vendor_as_of,
                hash_record_extended(row(%2$s, case when s.format = 'json' then
                    -- array_part of a document without arrays is {}: skip the walk
                    case when jsonb_path_exists(s.payload, 'strict $.* ? (@.type() == "array")', '{}', true)
                        then core.array_part(s.payload) else '{}'::jsonb end
                end), 0)
                    as content_hash
            from __source__ as s
            where exists (select 1 from _complex as x where %3$s)
        ) as h
        window w as (partition by %1$s, h.batch_id order by h.line desc, h.elem desc)
        $q$,
        v_keys, v_hash_cols, v_join_xs, v_record_name, v_as_of
    );

    -- 3 + 4 + 5. new versions where the content changed; the newest by as-of
    -- of each key's new versions replaces its current version if newer
    v_sql_changed := format(
        $q$
        with
        kept as (
            select k.batch_id, k.line, k.elem, %1$s, k.content_hash, k.vendor_as_of,
                lag(k.content_hash) over (partition by %1$s order by k.batch_id) as prev_hash
            from _keep as k
            where k.rn = 1
        ),
        cur as (
            %11$s
        ),
        changed as (
            select
                k.batch_id, k.line, k.elem, %1$s, k.content_hash, k.vendor_as_of,
                coalesce(c.data_version, 0)
                    + row_number() over (partition by %5$s order by k.batch_id) as data_version
            from kept as k
            left join cur as c on %4$s
            where k.content_hash is distinct from coalesce(k.prev_hash, c.content_hash)
        ),
        written as (
            insert into %3$s (%6$s, %8$s)
            select %7$s, e.array_source_field, e.array_element_index, e.array_element_value,
                s.batch_id, s.line, ch.content_hash, ch.data_version, ch.vendor_as_of%9$s
            from changed as ch
            join __source__ as s on s.batch_id = ch.batch_id and s.line = ch.line and s.elem = ch.elem
            cross join lateral core.explode_for(s.format, s.payload) as e
            returning 1
        ),
        current_version as (
            %10$s
        )
        select count(*) from written
        $q$,
        v_keys_k,
        (select string_agg(format('c.%I', k), ', ') from unnest(p_keys) as k),
        p_target,
        v_join_kc,
        v_keys_k,
        v_insert_list,
        v_select_list,
        core.version_columns_sql(v_has_elem),
        case when v_has_elem then ', s.elem' else '' end,
        -- of each key's new versions, the newest by as-of is offered as its current one
        core.current_upsert_sql(v_current, p_keys, format(
            'select distinct on (%1$s) %1$s, k.data_version, k.vendor_as_of, k.batch_id, k.line'
            ' from changed as k order by %1$s, k.vendor_as_of desc, k.batch_id desc, k.line desc',
            v_keys_k)),
        -- 11: the newest stored version of each kept key, looked up key by key or joined
        case when v_probe then format(
            'select %1$s, c.data_version, c.content_hash from (select distinct %2$s from _keep as k) as k'
            ' cross join lateral (select c.data_version, c.content_hash from %3$s as c where %4$s'
            ' order by c.data_version desc limit 1) as c',
            v_keys_k, v_keys_k, p_target, v_join_kc)
        else format(
            'select distinct on (%1$s) %1$s, c.data_version, c.content_hash from %2$s as c'
            ' where exists (select 1 from _keep as k where %3$s) order by %1$s, c.data_version desc',
            (select string_agg(format('c.%I', k), ', ') from unnest(p_keys) as k), p_target, v_join_kc)
        end
    );

    -- A stack of key ranges to write: first [0, 0], every record at once (the
    -- normal path). After a record error the keys are numbered 1..n
    -- (_write_group) and ranges are halved until each refused key stands alone.
    while cardinality(v_lo) > 0 loop
        v_from := v_lo[cardinality(v_lo)];
        v_to := v_hi[cardinality(v_hi)];
        v_lo := trim_array(v_lo, 1);
        v_hi := trim_array(v_hi, 1);
        v_source := case when v_from = 0 then '_stage' else format(
            '(select s.* from _stage as s join _write_group as g'
            ' on g.batch_id = s.batch_id and g.line = s.line and g.elem = s.elem'
            ' where g.write_group between %s and %s)', v_from, v_to) end;
        begin
            drop table if exists _complex;
            execute replace(v_sql_complex, '__source__', v_source);
            analyze _complex;
            -- the records of keys not in _complex; when it is empty, every
            -- record, without an anti-join probing an empty table once per record
            execute replace(replace(v_sql_first, '__source__', v_source), '__first_only__',
                case when exists (select 1 from _complex) then v_first_only else 'true' end) into v_first;

            drop table if exists _keep;
            execute replace(v_sql_keep, '__source__', v_source);
            analyze _keep;

            insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, identifier, detail)
            select k.batch_id, k.line, k.elem, k.dataset, p_transform,
                case when k.content_hash = k.kept_hash then 'duplicate_row' else 'conflicting_duplicate' end,
                array_to_string(p_keys, ','),
                k.record_name,
                'same key as a later line of the same batch; the later line is kept'
            from _keep as k
            where k.rn > 1;
            get diagnostics v_dup = row_count;

            execute replace(v_sql_changed, '__source__', v_source) into v_changed;

            v_out := v_out + v_first + v_changed;
            v_issues := v_issues + v_dup;
        exception when others then
            get stacked diagnostics v_state = returned_sqlstate, v_error = message_text;
            if not core.is_data_error(v_state) then
                raise;
            end if;
            if v_from = 0 then
                -- number the keys; then write halves of them
                drop table if exists _write_group;
                execute format(
                    'create temp table _write_group on commit drop as
                     select s.batch_id, s.line, s.elem, (dense_rank() over (order by %s))::integer as write_group
                     from _stage as s',
                    v_keys_s
                );
                analyze _write_group;
                select max(g.write_group) into v_groups from _write_group as g;
                if v_groups is null then
                    raise;
                end if;
                v_lo := v_lo || 1;
                v_hi := v_hi || v_groups;
            elsif v_from < v_to then
                -- the lower half is written first
                v_lo := v_lo || ((v_from + v_to) / 2 + 1) || v_from;
                v_hi := v_hi || v_to || ((v_from + v_to) / 2);
            else
                -- one key the target refuses: its records are quarantined
                v_refused := v_refused + 1;
                if v_refused > greatest(100, v_groups / 10) then
                    -- so many keys refused one by one: not a record's error
                    raise exception using
                        errcode = v_state,
                        message = v_error,
                        detail = format('%s of %s keys refused while writing %s', v_refused, v_groups, p_target);
                end if;
                v_rule := case when v_state = '54000' and v_error like 'index row%' then 'value_too_large_for_key' else 'write_error' end;
                execute format(
                    $q$
                    with
                    refused as (
                        delete from _stage as s
                        using _write_group as g
                        where g.write_group = $1
                            and g.batch_id = s.batch_id and g.line = s.line and g.elem = s.elem
                        returning s.batch_id, s.line, s.elem, s.dataset,
                            core.staged_record(s.batch_id, s.line, s.payload) as payload, %1$s as record_name
                    ),
                    quarantined as (
                        insert into ops.quarantine (batch_id, line, elem, dataset, transform_name, reason, payload)
                        select r.batch_id, r.line, r.elem, r.dataset, %2$L, $2, r.payload
                        from refused as r
                        on conflict do nothing
                        returning 1
                    ),
                    issues as (
                        insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, identifier, detail)
                        select r.batch_id, r.line, r.elem, r.dataset, %2$L, $3, %3$L, r.record_name, $4
                        from refused as r
                        returning 1
                    )
                    select (select count(*) from quarantined), (select count(*) from issues)
                    $q$,
                    v_record_name, p_transform, array_to_string(p_keys, ',')
                )
                using v_from,
                    case when v_rule = 'write_error' then 'write_error: ' || left(v_error, 500) else v_rule end,
                    v_rule,
                    left(v_error, 1000)
                into v_q, v_i;
                v_quarantined := v_quarantined + v_q;
                v_issues := v_issues + v_i;
            end if;
        end;
    end loop;

    return query select v_out, v_issues, v_quarantined;
end
$$;

-- The landed rows of the given batches with their lineage, as stored: csv,
-- a CSV row's line (raw.csv_field reads its n-th value, header names them),
-- or payload, a record stored as JSON. core.stage reads CSV rows of batches
-- that share one header through it, by position.
drop function if exists core.landed_fields(bigint[], text[]);
drop function if exists core.landed_lines(bigint[]);
create or replace function core.landed_lines(p_batches bigint[])
returns table (
    batch_id bigint,
    line integer,
    csv text,
    payload jsonb,
    header text[],
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
        r.csv,
        r.payload,
        b.header,
        b.dataset,
        b.format,
        case when b.origin = 'csv' then 'CSV' else 'API' end,
        b.file_name,
        b.request ->> 'api_version',
        b.landed_at,
        b.request
    from raw.stored_record as r
    join raw.batch as b on b.batch_id = r.batch_id
    where r.batch_id = any(p_batches)
$$;

-- The landed records of the given batches with their lineage, each as JSON
-- (a CSV row keyed by its batch's header): the source of every transform
-- whose batches do not share one CSV header.
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
        l.batch_id, l.line, coalesce(l.payload, raw.csv_record(l.header, l.csv)),
        l.dataset, l.format, l.data_source, l.source_file, l.api_version, l.updated_at, l.request
    from core.landed_lines(p_batches) as l
$$;

-- The record a staged row was typed from: its document (payload), or, for a
-- CSV row staged by position (payload null), its landed record. Read for the
-- few rows a transform quarantines or reports, never for every row.
create or replace function core.staged_record(p_batch_id bigint, p_line integer, p_payload jsonb)
returns jsonb
language sql
stable
parallel safe
as $$
    select coalesce(p_payload, (select r.payload from raw.record as r where r.batch_id = p_batch_id and r.line = p_line))
$$;
