-- definition: lib.corrections
-- version: 3
-- Plausible ranges, scale-error corrections and the quality score
-- (docs/CORRECTIONS.md). The tables are in migrations/1732236000000_corrections.sql.
--
-- ops.check_quality(): after the transforms, for every table with ranges
-- (ops.metric_range) and each batch its transform consumed since the last
-- check (ops.quality_check_batch, exactly once per batch), set-based per table:
--   1. flags every metric value outside its range (ops.quality_issue, rule
--      out_of_range: table, key, column, value, range): the value stays;
--   2. proposes a correction (ops.correction) for a percent or fraction value
--      of a current version that is 100x off: the value x 0.01 (or x 100)
--      lies in the range AND within 3x of the median of the same company's
--      other periods (its current versions, at least 2, in range), while the
--      value itself is out of range or more than 30x off that median;
--   3. applies the proposals an operator rule auto-approves
--      (ops.correction_rule), nothing else;
--   4. appends the quality score of each batch and symbol (ops.quality_score).
-- Values are compared in today's unit: a value whose as-of is before a unit
-- cutover of its field (ops.unit_cutover) counts as value x factor.

-- The natural key of a versioned core table: the primary key of <table>_current.
create or replace function ops.metric_key_columns(p_table text)
returns text[]
language sql
stable
as $$
    select array_agg(a.attname::text order by k.ord)
    from pg_index as i
    cross join lateral unnest(i.indkey::int2[]) with ordinality as k (attnum, ord)
    join pg_attribute as a on a.attrelid = i.indrelid and a.attnum = k.attnum
    where i.indrelid = to_regclass(p_table || '_current') and i.indisprimary
$$;

-- SQL that is true where alias.key columns equal the key jsonb p_param ($1).
create or replace function ops.metric_key_match(p_table text, p_alias text, p_param text)
returns text
language sql
stable
as $$
    select string_agg(format('%s.%I = (%s ->> %L)::%s', p_alias, a.attname, p_param, a.attname,
        format_type(a.atttypid, a.atttypmod)), ' and ' order by a.attnum)
    from pg_attribute as a
    where a.attrelid = p_table::regclass
        and a.attname::text = any (ops.metric_key_columns(p_table))
$$;

-- The factor that brings a value with the given as-of to today's unit.
create or replace function ops.unit_factor(p_table text, p_column text, p_as_of timestamptz)
returns numeric
language sql
stable
as $$
    -- the product of the factors of every cutover after the as-of (exact for one)
    select case count(*) when 0 then 1 when 1 then min(u.factor) else round(exp(sum(ln(u.factor))), 12) end
    from ops.unit_cutover as u
    where u."table" = p_table and u."column" = p_column and p_as_of < u.from_date
$$;

-- A new version of one key: the rows of version p_from with one column set to
-- p_value, data_version = the key's newest + 1, correction_id p_correction; the
-- stored latest (<table>_current) points at it. Lineage (batch, line,
-- raw_json, vendor_as_of) and the content hash stay those of the vendor's
-- record, so the same vendor record landed again adds no version
-- (docs/ARCHITECTURE.md §10: content is compared with the newest version).
create or replace function ops.write_corrected_version(
    p_table text, p_key jsonb, p_from integer, p_column text, p_value numeric, p_correction bigint
)
returns integer
language plpgsql
as $$
declare
    v_match text := ops.metric_key_match(p_table, 'h', '$1');
    v_new integer;
    v_cols text;
    v_sel text;
    v_rows bigint;
begin
    execute format('select max(h.data_version) + 1 from %s as h where %s', p_table, v_match)
        into v_new using p_key;
    select
        string_agg(format('%I', a.attname), ', ' order by a.attnum),
        string_agg(case a.attname
            when 'data_version' then '$2'
            when p_column then '$3'
            when 'correction_id' then '$4'
            when 'processed_at' then 'now()'
            else format('h.%I', a.attname) end, ', ' order by a.attnum)
    into v_cols, v_sel
    from pg_attribute as a
    where a.attrelid = p_table::regclass and a.attnum > 0 and not a.attisdropped
        and a.attidentity = '' and a.attgenerated = '';
    execute format('insert into %s (%s) select %s from %s as h where %s and h.data_version = $5',
        p_table, v_cols, v_sel, p_table, v_match)
        using p_key, v_new, p_value, p_correction, p_from;
    get diagnostics v_rows = row_count;
    if v_rows = 0 then
        raise exception 'no version % of % %', p_from, p_table, p_key;
    end if;
    execute format('update %s_current as h set data_version = $2 where %s', p_table, v_match)
        using p_key, v_new;
    return v_new;
end
$$;

-- The current version of a correction's key: its number, the column's value
-- and the correction that wrote it (NULL: written by the transform).
create or replace function ops.correction_current(p_table text, p_key jsonb, p_column text)
returns table (data_version integer, value numeric, correction_id bigint)
language plpgsql
stable
as $$
begin
    return query execute format(
        'select h.data_version, h.%I::numeric, (to_jsonb(h) ->> ''correction_id'')::bigint
         from %s_current as c join %s as h on %s and h.data_version = c.data_version
         where %s limit 1',
        p_column, p_table, p_table,
        (select string_agg(format('h.%1$I = c.%1$I', k), ' and ') from unnest(ops.metric_key_columns(p_table)) as k),
        ops.metric_key_match(p_table, 'c', '$1'))
        using p_key;
end
$$;

-- Apply proposed corrections: each becomes a new version of its key
-- (its correction_id = the correction's id), copied from the key's current
-- version: the version the correction read, or a version other corrections
-- of the same key wrote since. A correction whose key has moved on (a newer
-- vendor version, another value) is not applied and says why.
create or replace function ops.apply_corrections(p_ids bigint[], p_by text, p_auto boolean default false)
returns table (id bigint, outcome text, applied_version integer)
language plpgsql
as $$
declare
    c ops.correction;
    cur record;
    v_new integer;
begin
    for c in select * from ops.correction as x where x.id = any (p_ids) order by x.id for update loop
        id := c.id;
        applied_version := null;
        if c.state <> 'proposed' then
            outcome := format('not applied: the correction is %s', c.state);
            return next;
            continue;
        end if;
        select * into cur from ops.correction_current(c."table", c.key, c."column");
        if cur.value is distinct from c.old_value
            or (cur.data_version is distinct from c.data_version and cur.correction_id is null) then
            outcome := format('not applied: %s %s is now version %s with %s = %s (the correction read version %s, %s)',
                c."table", c.key, cur.data_version, c."column", cur.value, c.data_version, c.old_value);
            return next;
            continue;
        end if;
        v_new := ops.write_corrected_version(c."table", c.key, cur.data_version, c."column", c.new_value, c.id);
        update ops.correction as x
        set state = case when p_auto then 'auto_approved' else 'approved' end,
            decided_at = now(), decided_by = p_by, applied_version = v_new
        where x.id = c.id;
        outcome := case when p_auto then 'auto_approved' else 'approved' end;
        applied_version := v_new;
        return next;
    end loop;
end
$$;

-- After a rebuild from raw (ops.rebuild_transform) the vendor's versions are
-- written again and the corrections that had been applied to them are gone:
-- each approved or auto-approved correction of p_table whose key's current
-- version again carries the value it corrected (vendor-written, old_value)
-- is written again as a new version, lineage to the correction as before,
-- in the order the corrections were made; applied_version follows. The key's
-- current version may be one this replay wrote (a second column of the same
-- record corrected), as ops.apply_corrections allows. A correction whose key
-- has moved on since (a newer vendor value) stays as it is, as it would
-- without the rebuild. Returns how many were written.
create or replace function ops.replay_corrections(p_table text)
returns integer
language plpgsql
as $$
declare
    c ops.correction;
    cur record;
    v_new integer;
    v_written integer := 0;
    v_replayed bigint[] := '{}';
begin
    for c in
        select * from ops.correction as x
        where x."table" = p_table and x.state in ('approved', 'auto_approved')
        order by x.id
        for update
    loop
        select * into cur from ops.correction_current(c."table", c.key, c."column");
        if cur.value = c.old_value and (cur.correction_id is null or cur.correction_id = any (v_replayed)) then
            v_new := ops.write_corrected_version(c."table", c.key, cur.data_version, c."column", c.new_value, c.id);
            update ops.correction as x set applied_version = v_new where x.id = c.id;
            v_replayed := v_replayed || c.id;
            v_written := v_written + 1;
        end if;
    end loop;
    return v_written;
end
$$;

create or replace function ops.reject_corrections(p_ids bigint[], p_by text)
returns table (id bigint, outcome text)
language sql
as $$
    with done as (
        update ops.correction as x set state = 'rejected', decided_at = now(), decided_by = p_by
        where x.id = any (p_ids) and x.state = 'proposed'
        returning x.id
    )
    select i.id, case
            when d.id is not null then 'rejected'
            when c.id is null then 'no such correction'
            else format('not rejected: the correction is %s', c.state) end
    from unnest(p_ids) as i (id)
    left join done as d on d.id = i.id
    left join ops.correction as c on c.id = i.id
$$;

-- Undo an applied correction: a new version with the original value
-- (correction_id = the correction's id), if the key's current version is
-- still a corrected one (no vendor version since) holding the corrected value.
create or replace function ops.rollback_correction(p_id bigint, p_by text)
returns table (id bigint, outcome text, rolled_back_version integer)
language plpgsql
as $$
declare
    c ops.correction;
    cur record;
    v_new integer;
begin
    select * into c from ops.correction as x where x.id = p_id for update;
    id := p_id;
    if not found then
        outcome := 'no such correction';
        return next;
        return;
    end if;
    if c.state not in ('approved', 'auto_approved') then
        outcome := format('not rolled back: the correction is %s', c.state);
        return next;
        return;
    end if;
    select * into cur from ops.correction_current(c."table", c.key, c."column");
    if cur.correction_id is null or cur.value is distinct from c.new_value then
        outcome := format('not rolled back: %s %s is now version %s with %s = %s, not the corrected value %s',
            c."table", c.key, cur.data_version, c."column", cur.value, c.new_value);
        return next;
        return;
    end if;
    v_new := ops.write_corrected_version(c."table", c.key, cur.data_version, c."column", c.old_value, c.id);
    update ops.correction as x
    set state = 'rolled_back', rolled_back_at = now(), rolled_back_by = p_by, rolled_back_version = v_new
    where x.id = c.id;
    outcome := 'rolled_back';
    rolled_back_version := v_new;
    return next;
end
$$;

create or replace function ops.check_quality()
returns table (table_name text, batches integer, values_checked bigint, out_of_range bigint, proposed bigint, auto_approved bigint)
language plpgsql
-- short set-based statements: compiling them (JIT) costs more than running them
set jit = off
as $$
declare
    t record;
    v_batches bigint[];
    v_keys text[];
    v_key_json text;
    v_series text;
    v_unpivot text;
    v_cols text[];
    v_auto bigint[];
    v_factor text;
    v_nestloop text;
    v_unpivot_scale text;
begin
    for t in
        select r."table", d.name as transform_name
        from (select distinct x."table" from ops.metric_range as x) as r
        join ops.transform_definition as d on d.kind = 'transform' and d.target = r."table"
        where to_regclass(r."table" || '_current') is not null
        order by r."table"
    loop
        select coalesce(array_agg(tb.batch_id order by tb.batch_id), '{}') into v_batches
        from ops.transform_batch as tb
        where tb.transform_name = t.transform_name
            and not exists (
                select 1 from ops.quality_check_batch as q
                where q.transform_name = tb.transform_name and q.batch_id = tb.batch_id
            );
        continue when cardinality(v_batches) = 0;

        v_keys := ops.metric_key_columns(t."table");
        select string_agg(format('%L, h.%I', k, k), ', ') into v_key_json from unnest(v_keys) as k;
        -- the company a value belongs to ('' for a table without symbols: the whole table is one series)
        v_series := case when 'symbol' = any (v_keys) then 'h.symbol::text' else '''''::text' end;
        -- a unit cutover of the table's fields: the factor of each value (else 1, no call per value)
        v_factor := case when exists (select 1 from ops.unit_cutover as u where u."table" = t."table")
            then format('ops.unit_factor(%L, v.col, h.vendor_as_of)', t."table") else '1' end;
        select array_agg(r."column" order by r."column"),
            string_agg(format('(%L, h.%I::numeric)', r."column", r."column"), ', ' order by r."column")
        into v_cols, v_unpivot
        from ops.metric_range as r
        join pg_attribute as a on a.attrelid = t."table"::regclass and a.attname = r."column" and not a.attisdropped
        where r."table" = t."table";
        -- the scale-checked columns only, for the history
        select string_agg(format('(%L, h.%I::numeric)', r."column", r."column"), ', ' order by r."column")
        into v_unpivot_scale
        from ops.metric_range as r
        join pg_attribute as a on a.attrelid = t."table"::regclass and a.attname = r."column" and not a.attisdropped
        where r."table" = t."table" and r.scale_check;

        -- the metric values of the versions the batches wrote (one row per key and version)
        drop table if exists _qc_value;
        execute format(
            $q$
            create temp table _qc_value on commit drop as
            select h.batch_id, h.batch_line as line, h.data_version, h.qc_series as series,
                h.qc_key as key, h.vendor_as_of,
                c.data_version is not null as is_current,
                v.col, v.value, v.value * %7$s as nv
            from (
                select distinct on (%4$s, h.data_version) h.*, %1$s as qc_series, jsonb_build_object(%2$s) as qc_key
                from %3$s as h
                where h.batch_id = any ($1)
                order by %4$s, h.data_version, h.array_element_index nulls first
            ) as h
            left join %3$s_current as c on %5$s and c.data_version = h.data_version
            cross join lateral (values %6$s) as v (col, value)
            where v.value is not null
            $q$,
            v_series, v_key_json, t."table",
            (select string_agg(format('h.%I', k), ', ') from unnest(v_keys) as k),
            (select string_agg(format('c.%1$I = h.%1$I', k), ' and ') from unnest(v_keys) as k),
            v_unpivot, v_factor
        ) using v_batches;
        analyze _qc_value;

        -- 1. out of range: flagged, kept
        insert into ops.quality_issue (batch_id, line, dataset, transform_name, rule, field, raw_value, identifier, detail)
        select q.batch_id, q.line, b.dataset, t.transform_name, 'out_of_range', q.col, q.value::text, nullif(q.series, ''),
            format('%s %s: %s = %s is outside [%s, %s] (%s)%s', t."table", q.key, q.col, q.value,
                coalesce(r.min::text, '-inf'), coalesce(r.max::text, 'inf'), r.unit,
                case when q.nv <> q.value then format(' (%s in today''s unit)', q.nv) else '' end)
        from _qc_value as q
        join ops.metric_range as r on r."table" = t."table" and r."column" = q.col
        join raw.batch as b on b.batch_id = q.batch_id
        where q.nv < r.min or q.nv > r.max;

        -- 2. scale errors of current values, against the range and the company's own history
        drop table if exists _qc_hist;
        -- right after a load the target's statistics are stale (a few rows
        -- estimated for thousands): a nested loop over them would compare
        -- every row with every symbol; hash joins do not care
        v_nestloop := current_setting('enable_nestloop');
        perform set_config('enable_nestloop', 'off', true);
        execute format(
            $q$
            create temp table _qc_hist on commit drop as
            select h.qc_series as series, h.qc_key as key, v.col,
                v.value * %6$s as nv
            from (
                select h.*, %1$s as qc_series, jsonb_build_object(%2$s) as qc_key
                from %3$s_latest as h
                where %5$s
            ) as h
            cross join lateral (values %4$s) as v (col, value)
            where v.value is not null
            $q$,
            v_series, v_key_json, t."table", coalesce(v_unpivot_scale, '(null::text, null::numeric)'),
            case when v_series = '''''::text' then 'true'
                else 'h.symbol in (select q.series from _qc_value as q where q.is_current)' end,
            v_factor
        );
        perform set_config('enable_nestloop', v_nestloop, true);
        create index on _qc_hist (series, col);
        analyze _qc_hist;

        -- suspects first (set-based): out of range, or more than 30x off the
        -- median of the whole series; only they get the exact history test
        drop table if exists _qc_suspect;
        create temp table _qc_suspect on commit drop as
        select q.*
        from _qc_value as q
        join ops.metric_range as r on r."table" = t."table" and r."column" = q.col and r.scale_check
        left join (
            select x.series, x.col, percentile_cont(0.5) within group (order by x.nv)::numeric as median
            from _qc_hist as x
            join ops.metric_range as r2 on r2."table" = t."table" and r2."column" = x.col
            where x.nv between coalesce(r2.min, x.nv) and coalesce(r2.max, x.nv)
            group by x.series, x.col
        ) as m on m.series = q.series and m.col = q.col
        where q.is_current and q.value is not null and q.nv <> 0
            and (q.nv < r.min or q.nv > r.max or m.median = 0 or abs(q.nv / m.median) not between 1 / 30.0 and 30);
        analyze _qc_suspect;

        with proposals as (
            insert into ops.correction ("table", key, "column", data_version, symbol, batch_id, line,
                old_value, new_value, factor, reason, history_median, history_count)
            select t."table", q.key, q.col, q.data_version, nullif(q.series, ''), q.batch_id, q.line,
                q.value, q.value * f.factor, f.factor,
                format('%s %s = %s (%s) is %s; x %s = %s is within [%s, %s] and within 3x of the median %s of its %s other periods',
                    q.key, q.col, q.value, r.unit,
                    case when q.nv < r.min or q.nv > r.max then format('outside [%s, %s]', r.min, r.max)
                        when abs(q.nv / hs.median) >= 1 then format('%sx its history median', round(abs(q.nv / hs.median), 1))
                        else format('1/%s of its history median', round(abs(hs.median / q.nv), 1)) end,
                    f.factor, q.value * f.factor, r.min, r.max, round(hs.median::numeric, 6), hs.n),
                hs.median, hs.n
            from _qc_suspect as q
            join ops.metric_range as r on r."table" = t."table" and r."column" = q.col and r.scale_check
            cross join lateral (
                select percentile_cont(0.5) within group (order by x.nv)::numeric as median, count(*)::integer as n
                from _qc_hist as x
                where x.series = q.series and x.col = q.col and x.key <> q.key
                    and x.nv between coalesce(r.min, x.nv) and coalesce(r.max, x.nv)
            ) as hs
            cross join (values (0.01::numeric), (100::numeric)) as f (factor)
            where q.is_current and q.value is not null and q.nv <> 0
                and hs.n >= 2 and hs.median <> 0
                and q.nv * f.factor between coalesce(r.min, q.nv * f.factor) and coalesce(r.max, q.nv * f.factor)
                and q.nv * f.factor / hs.median between 1 / 3.0 and 3
                and (q.nv < r.min or q.nv > r.max or abs(q.nv / hs.median) not between 1 / 30.0 and 30)
            on conflict ("table", key, "column", data_version) do nothing
            returning ops.correction.id, ops.correction."column"
        )
        select array_agg(p.id) into v_auto
        from proposals as p
        where exists (
            select 1 from ops.correction_rule as cr
            where cr."table" = t."table" and cr."column" in (p."column", '*') and cr.auto_approve
        );

        -- 3. what an operator rule approves
        if v_auto is not null then
            perform 1 from ops.apply_corrections(v_auto, 'rule', true);
        end if;

        -- 4. the score of each batch and symbol: values typed, untyped (a
        -- present value that did not type: a typing issue), out of range;
        -- a quarantined record counts as every metric column failing
        insert into ops.quality_score ("table", transform_name, batch_id, symbol, values_checked, values_passed,
            values_untyped, values_out_of_range, values_quarantined, score)
        select t."table", t.transform_name, s.batch_id, nullif(s.series, ''),
            sum(s.typed + s.untyped + s.quarantined), sum(s.typed - s.oor),
            sum(s.untyped), sum(s.oor), sum(s.quarantined),
            round(sum(s.typed - s.oor)::numeric / nullif(sum(s.typed + s.untyped + s.quarantined), 0), 4)
        from (
            select q.batch_id, q.series,
                count(q.value) as typed,
                count(*) filter (where q.nv < r.min or q.nv > r.max) as oor,
                0 as untyped, 0 as quarantined
            from _qc_value as q
            join ops.metric_range as r on r."table" = t."table" and r."column" = q.col
            group by q.batch_id, q.series
            union all
            select i.batch_id, coalesce(i.identifier, ''), 0, 0, count(*), 0
            from ops.quality_issue as i
            where i.batch_id = any (v_batches) and i.transform_name = t.transform_name
                and i.rule in ('bad_number', 'overflow') and i.field = any (v_cols)
            group by i.batch_id, i.identifier
            union all
            select z.batch_id, coalesce(z.payload ->> 'symbol', ''), 0, 0, 0, count(*) * cardinality(v_cols)
            from ops.quarantine as z
            where z.batch_id = any (v_batches) and z.transform_name = t.transform_name
            group by z.batch_id, coalesce(z.payload ->> 'symbol', '')
        ) as s
        group by s.batch_id, s.series;

        insert into ops.quality_check_batch (transform_name, batch_id)
        select t.transform_name, b from unnest(v_batches) as b;

        table_name := t."table";
        batches := cardinality(v_batches);
        select count(q.value), count(*) filter (where q.nv < r.min or q.nv > r.max)
        into values_checked, out_of_range
        from _qc_value as q
        join ops.metric_range as r on r."table" = t."table" and r."column" = q.col;
        select count(*), count(*) filter (where c.state = 'auto_approved') into proposed, auto_approved
        from ops.correction as c
        where c."table" = t."table" and c.batch_id = any (v_batches);
        return next;
    end loop;
end
$$;

-- Metric values of the latest versions in today's unit (unit cutovers
-- applied): what the range check and the scale detection compare.
create or replace function ops.metric_value_in_unit(p_table text)
returns table (key jsonb, "column" text, vendor_as_of timestamptz, value numeric, value_in_unit numeric, unit text)
language plpgsql
stable
as $$
begin
    return query execute format(
        $q$
        select jsonb_build_object(%1$s), v.col, h.vendor_as_of, v.value,
            v.value * ops.unit_factor(%2$L, v.col, h.vendor_as_of), r.unit
        from %2$s_latest as h
        cross join lateral (values %3$s) as v (col, value)
        join ops.metric_range as r on r."table" = %2$L and r."column" = v.col
        $q$,
        (select string_agg(format('%L, h.%I', k, k), ', ') from unnest(ops.metric_key_columns(p_table)) as k),
        p_table,
        (select string_agg(format('(%L, h.%I::numeric)', r."column", r."column"), ', ')
         from ops.metric_range as r
         join pg_attribute as a on a.attrelid = p_table::regclass and a.attname = r."column" and not a.attisdropped
         where r."table" = p_table)
    );
end
$$;
