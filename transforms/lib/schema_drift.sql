-- definition: lib.schema_drift
-- version: 2
-- Schema drift (docs/SCHEMA-DRIFT.md): every landed batch's fields are
-- compared with the fields its transform reads before the transform consumes
-- it. New, missing, renamed, retyped and unit-changed fields become rows of
-- ops.schema_change, once per (dataset, field, change); a dataset whose policy
-- is hold keeps such a batch landed but unconsumed (ops.held_batch) until an
-- operator accepts the change or the transform reads the field.
--
-- The known fields are never listed twice: core.stage notes the field lines
-- and documents SQL of each call (ops.note_stage_fields), and a transform not
-- noted at its current version is run once over no batch to note them
-- (ops.learn_stage_fields).

-- Called by core.stage: keep the transform's field lines and documents SQL.
create or replace function ops.note_stage_fields(p_transform text, p_fields text[], p_docs text)
returns void
language plpgsql
as $$
declare
    v_version integer;
begin
    select d.version into v_version from ops.transform_definition as d where d.name = p_transform;
    if exists (
        select 1 from ops.stage_fields as f
        where f.transform_name = p_transform
            and f.version is not distinct from v_version
            and f.fields = p_fields
            and f.docs is not distinct from p_docs
    ) then
        return;
    end if;
    insert into ops.stage_fields as f (transform_name, version, fields, docs)
    values (p_transform, v_version, p_fields, p_docs)
    on conflict (transform_name) do update
    set version = excluded.version, fields = excluded.fields, docs = excluded.docs, noted_at = now();
end
$$;

-- Called by core.stage: a renamed field whose rename was accepted is read as
-- the field it replaced (its name joins the line's keys, after the others).
create or replace function ops.stage_aliases(p_transform text, p_fields text[])
returns text[]
language sql
stable
as $$
    select coalesce(array_agg(
        f.line || coalesce((
            select string_agg('|' || c.field, '' order by c.schema_change_id)
            from ops.schema_change as c
            join ops.transform_definition as d on d.name = p_transform and c.dataset = any(d.datasets)
            where c.change = 'renamed'
                and c.state = 'accepted'
                and c.previous_field = any(string_to_array(split_part(f.line, ' ', 3), '|'))
                and not c.field = any(string_to_array(split_part(f.line, ' ', 3), '|'))
        ), '')
        order by f.o
    ), p_fields)
    from unnest(p_fields) with ordinality as f (line, o)
$$;

-- Note the field lines of the given transforms whose current version is not
-- noted yet: each runs once over no batch (it reads nothing and writes
-- nothing; its core.stage call notes the lines). `sra migrate` calls it after
-- applying the definitions.
create or replace function ops.learn_stage_fields(p_names text[])
returns integer
language plpgsql
as $$
declare
    v_name text;
    v_n integer := 0;
begin
    for v_name in
        select d.name
        from ops.transform_definition as d
        left join ops.stage_fields as f on f.transform_name = d.name
        where d.kind = 'transform'
            and d.name = any(p_names)
            and f.version is distinct from d.version
        order by d.name
    loop
        begin
            execute format('select * from core.%I($1, $2)', 'transform_' || v_name)
                using '{}'::bigint[], null::bigint;
            -- a transform that does not stage reads no known field: noted empty
            insert into ops.stage_fields as f (transform_name, version, fields)
            select d.name, d.version, '{}' from ops.transform_definition as d where d.name = v_name
            on conflict (transform_name) do update
            set version = excluded.version, fields = excluded.fields, docs = null, noted_at = now()
            where f.version is distinct from excluded.version;
            v_n := v_n + 1;
        exception when others then
            raise warning 'schema drift: the fields of transform % could not be noted: %', v_name, sqlerrm;
        end;
    end loop;
    return v_n;
end
$$;

-- Type class of a field line's type: number, text, date, boolean, object.
create or replace function ops.type_class(p_kind text)
returns text
language sql
immutable
as $$
    select case
        when p_kind = 'text' then 'text'
        when p_kind = 'bool' then 'boolean'
        when p_kind = 'json' then 'object'
        when p_kind in ('day', 'ts', 'ts_new_york') then 'date'
        else 'number'
    end
$$;

-- The type class of one payload value, NULL for a null or blank one. CSV
-- values are strings: a string class is its shape (number with an optional
-- sign, $, thousands separators, exponent or trailing %; ISO date or time;
-- true/false), else text.
create or replace function ops.value_class(v jsonb)
returns text
language sql
immutable
as $$
    select case jsonb_typeof(v)
        when 'null' then null
        when 'object' then 'object'
        when 'array' then 'array'
        when 'boolean' then 'boolean'
        when 'number' then 'number'
        else case
            when core.is_blank(v #>> '{}') then null
            when btrim(v #>> '{}') ~ '^[-+]?\$?([0-9][0-9,]*)?(\.[0-9]*)?([eE][-+]?[0-9]+)?%?$'
                and btrim(v #>> '{}') ~ '[0-9]' then 'number'
            when btrim(v #>> '{}') ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T].*)?$' then 'date'
            when lower(btrim(v #>> '{}')) in ('true', 'false') then 'boolean'
            else 'text'
        end
    end
$$;

-- The number a value of class number holds (for the unit and rename tests).
create or replace function ops.value_number(v jsonb)
returns numeric
language sql
immutable
as $$
    select case jsonb_typeof(v)
        when 'number' then (v #>> '{}')::numeric
        else translate(btrim(v #>> '{}'), '$,%', '')::numeric
    end
$$;

-- Whether a value of class p_observed fits a field typed p_expected (kind:
-- the field line's type): text holds any scalar, a JSON field an object or an
-- array, a boolean may come as 0/1, a time (ts) as epoch seconds; a json
-- field is kept as it comes (any class).
create or replace function ops.class_fits(p_expected text, p_kind text, p_observed text)
returns boolean
language sql
immutable
as $$
    select p_observed is null
        or p_observed = 'mixed'
        or p_expected is null
        or p_observed = p_expected
        or (p_expected = 'text' and p_observed in ('number', 'date', 'boolean'))
        or (p_expected = 'object' and p_observed = 'array')
        or (p_expected = 'boolean' and p_observed = 'number')
        or (p_kind in ('ts', 'ts_new_york') and p_observed = 'number')
        or p_kind = 'json'
$$;

-- The known fields of every dataset: each key of each field line of the
-- transforms reading it (alternates share the column; an accepted rename
-- joins the line of the field it replaced), with its type class and unit
-- (percent: a pct line, or a number column named for a percent, yield, fee
-- or expense ratio), plus the new fields an operator accepted.
create or replace view ops.dataset_field as
select
    ds.dataset,
    k.field,
    l.col as column_name,
    sf.transform_name,
    l.kind,
    ops.type_class(l.kind) as type_class,
    case
        when l.kind = 'pct' then 'percent'
        when ops.type_class(l.kind) = 'number' and l.col ~ '(percent|pct|yield|fee|expense_ratio)' then 'percent'
    end as unit,
    l.keys as alternates,
    'transform'::text as known_by
from ops.stage_fields as sf
join ops.transform_definition as d on d.name = sf.transform_name and d.kind = 'transform'
cross join unnest(d.datasets) as ds (dataset)
cross join lateral (
    select
        split_part(x.line, ' ', 1) as col,
        split_part(x.line, ' ', 2) as kind,
        array(select a from unnest(string_to_array(split_part(x.line, ' ', 3), '|')) as a where a not like '@%') as keys
    from unnest(ops.stage_aliases(sf.transform_name, sf.fields)) as x (line)
) as l
cross join unnest(l.keys) as k (field)
union all
select
    c.dataset,
    c.field,
    null,
    null,
    null,
    c.new_type,
    null,
    array[c.field],
    'accepted'
from ops.schema_change as c
where c.state = 'accepted' and c.change = 'new';
comment on view ops.dataset_field is
    'Per dataset, the payload fields its transforms read (known_by transform: from the field lines core.stage receives; alternates: the keys read into the same column) or an operator accepted (known_by accepted), with type class (number, text, date, boolean, object) and unit (percent where a fraction would be a unit change).';

grant select on ops.dataset_field to sra_transformer, sra_loader;

-- The policy of each dataset that a transform reads, defaults added: Fundata
-- (CSV seed files and the dbsync API's CSV) hold, every other source passes
-- and reports.
create or replace function ops.ensure_schema_policies(p_datasets text[])
returns void
language sql
as $$
    insert into ops.schema_policy (dataset, policy, reason, decided_by)
    select ds, case when ds like 'fundata.%' then 'hold' else 'pass_and_report' end,
        'default for the source', 'default'
    from unnest(p_datasets) as ds
    on conflict (dataset) do nothing
$$;

-- Compare the landed, unconsumed, not yet compared batches of these datasets
-- with their known fields, in landing order; record the changes. Returns the
-- number of batches compared. A sample of each batch is read: its first 1,000
-- records and of those the first 1,000 documents (a CSV batch's rows all
-- carry its header's keys, so the sample holds every field).
create or replace function ops.check_schema(p_datasets text[])
returns integer
language plpgsql
as $$
declare
    v_ds text;
    b record;
    v_docs text;
    v_n integer := 0;
begin
    perform ops.ensure_schema_policies(p_datasets);

    -- one checker per dataset at a time
    for v_ds in select distinct x from unnest(p_datasets) as x order by 1 loop
        perform pg_advisory_xact_lock(hashtext('sra.schema'), hashtext(v_ds));
    end loop;

    -- the transform reads the fields now: open changes it covers are closed
    update ops.schema_change as c
    set state = 'learned', decided_by = 'transform', decided_at = now(),
        reason = format('transform %s reads %s as %s', k.transform_name, k.field, k.type_class)
    from ops.dataset_field as k
    where c.state = 'open'
        and c.dataset = any(p_datasets)
        and k.dataset = c.dataset
        and k.field = c.field
        and k.known_by = 'transform'
        and (c.change in ('new', 'renamed')
            or (c.change = 'retyped' and ops.class_fits(k.type_class, k.kind, c.new_type)));

    for b in
        select rb.batch_id, rb.dataset, rb.format
        from raw.batch as rb
        where rb.dataset = any(p_datasets)
            and rb.status = 'landed'
            and exists (select 1 from ops.dataset_field as k where k.dataset = rb.dataset and k.known_by = 'transform')
            and not exists (select 1 from ops.schema_check as sc where sc.batch_id = rb.batch_id)
            and not exists (select 1 from ops.transform_batch as t where t.batch_id = rb.batch_id)
        order by rb.batch_id
    loop
        select coalesce(min(f.docs) filter (where b.format = 'json'), 'select 0, s.payload')
        into v_docs
        from ops.stage_fields as f
        join ops.transform_definition as d on d.name = f.transform_name
        where b.dataset = any(d.datasets);

        perform ops.check_batch(b.batch_id, b.dataset, v_docs);
        v_n := v_n + 1;
    end loop;
    return v_n;
end
$$;

-- Compare one batch (see ops.check_schema); p_docs: the transform's documents
-- SQL over s.payload and s.request.
create or replace function ops.check_batch(p_batch bigint, p_dataset text, p_docs text)
returns void
language plpgsql
as $$
declare
    v_policy text;
    v_documents integer;
    v_fields jsonb;
    v_endpoint text;
begin
    select p.policy into v_policy from ops.schema_policy as p where p.dataset = p_dataset;

    -- the batch's fields: per key, its class (the class of at least 80 % of
    -- its values, else mixed), counts, the median number and an example
    execute format(
        $q$
        with docs as (
            select d.doc
            from (
                select r.payload, rb.request
                from raw.record as r
                join raw.batch as rb on rb.batch_id = r.batch_id
                where r.batch_id = $1
                order by r.line
                limit 1000
            ) as s
            cross join lateral (%s) as d (elem, doc)
            where jsonb_typeof(d.doc) = 'object'
            limit 1000
        ),
        classed as (
            select e.key, ops.value_class(e.value) as cls, e.value
            from docs
            cross join lateral jsonb_each(docs.doc) as e
        ),
        vals as (
            select c.key, c.cls, c.value,
                case when c.cls = 'number' then ops.value_number(c.value) end as num
            from classed as c
        ),
        by_class as (
            select v.key, v.cls, count(*) as n
            from vals as v
            where v.cls is not null
            group by v.key, v.cls
        ),
        per_key as (
            select
                v.key,
                count(v.cls) as n_values,
                count(*) filter (where v.cls = 'number') as n_numbers,
                count(*) filter (where abs(v.num) > 1) as n_above_one,
                percentile_cont(0.5) within group (order by v.num) as median,
                left(min(v.value #>> '{}') filter (where v.cls is not null), 200) as example
            from vals as v
            group by v.key
        )
        select
            (select count(*) from docs)::integer,
            coalesce(jsonb_object_agg(k.key, jsonb_build_object(
                'class', (
                    select case when c.n >= 0.8 * k.n_values then c.cls else 'mixed' end
                    from by_class as c where c.key = k.key order by c.n desc, c.cls limit 1
                ),
                'values', k.n_values,
                'numbers', k.n_numbers,
                'above_one', k.n_above_one,
                'median', k.median,
                'example', k.example
            )), '{}'::jsonb)
        from per_key as k
        $q$, p_docs)
        into v_documents, v_fields
        using p_batch;

    select rb.request ->> 'endpoint' into v_endpoint from raw.batch as rb where rb.batch_id = p_batch;
    insert into ops.schema_check (batch_id, dataset, endpoint, documents, fields)
    values (p_batch, p_dataset, v_endpoint, v_documents, v_fields);
    if v_documents = 0 then
        -- an empty response says nothing about the fields
        return;
    end if;

    with known as (
        select k.* from ops.dataset_field as k where k.dataset = p_dataset
    ),
    here as (
        select e.key as field, e.value as s from jsonb_each(v_fields) as e
    ),
    previous as (
        -- the previous batch of the same endpoint that held documents
        select e.key as field, e.value as s
        from (
            select sc.fields from ops.schema_check as sc
            where sc.dataset = p_dataset and sc.batch_id < p_batch and sc.documents > 0
                and sc.endpoint is not distinct from v_endpoint
            order by sc.batch_id desc limit 1
        ) as p
        cross join lateral jsonb_each(p.fields) as e
    ),
    new_fields as (
        -- arrays are content whatever their name (core.write_versions explodes them)
        select h.field, h.s from here as h
        where not exists (select 1 from known as k where k.field = h.field)
            and (h.s ->> 'class') is distinct from 'array'
    ),
    missing as (
        -- a known field the previous batch had and this one lacks, no
        -- alternate key of its column present either
        select p.field, p.s, (select k.type_class from known as k where k.field = p.field limit 1) as type_class
        from previous as p
        where exists (select 1 from known as k where k.field = p.field)
            and not exists (select 1 from here as h where h.field = p.field)
            and not exists (
                select 1 from known as k
                join here as h on h.field = any(k.alternates)
                where k.field = p.field
            )
    ),
    pairs as (
        -- a missing and a new field of one batch: renamed when their values
        -- fit the same type and the names are alike, or the numbers are (median
        -- within 25 %), or they are the only missing and the only new field
        select distinct on (m.field)
            m.field as old_field, n.field as new_field, n.s, m.type_class
        from missing as m
        join new_fields as n on ops.class_fits(m.type_class, null, n.s ->> 'class')
        where similarity(lower(m.field), lower(n.field)) >= 0.3
            or ((n.s ->> 'median')::numeric is not null and (m.s ->> 'median')::numeric is not null
                and abs((n.s ->> 'median')::numeric - (m.s ->> 'median')::numeric)
                    <= 0.25 * greatest(abs((m.s ->> 'median')::numeric), abs((n.s ->> 'median')::numeric)))
            or ((select count(*) from missing) = 1 and (select count(*) from new_fields) = 1)
        order by m.field, similarity(lower(m.field), lower(n.field)) desc, n.field
    ),
    changes as (
        select n.field, 'new' as change, n.s ->> 'example' as example, null as previous_field,
            null as previous_type, n.s ->> 'class' as new_type
        from new_fields as n
        where not exists (select 1 from pairs as r where r.new_field = n.field)
        union all
        select m.field, 'missing', m.s ->> 'example', null, m.type_class, null
        from missing as m
        where not exists (select 1 from pairs as r where r.old_field = m.field)
        union all
        select r.new_field, 'renamed', r.s ->> 'example', r.old_field, r.type_class, r.s ->> 'class'
        from pairs as r
        union all
        -- a known field whose values no longer fit its type
        select h.field, 'retyped', h.s ->> 'example', null, k.type_class, h.s ->> 'class'
        from here as h
        join lateral (
            select k1.type_class, k1.kind from known as k1 where k1.field = h.field limit 1
        ) as k on true
        where not ops.class_fits(k.type_class, k.kind, h.s ->> 'class')
        union all
        -- a percent field whose values look like fractions: every |v| <= 1
        -- where the history of the dataset was mostly above 1
        select h.field, 'unit_changed', h.s ->> 'example', null, 'percent', 'fraction'
        from here as h
        join lateral (
            select sum((sc.fields -> h.field ->> 'numbers')::numeric) as numbers,
                sum((sc.fields -> h.field ->> 'above_one')::numeric) as above_one
            from (
                select pc.fields from ops.schema_check as pc
                where pc.dataset = p_dataset and pc.batch_id < p_batch and pc.fields ? h.field
                order by pc.batch_id desc limit 50
            ) as sc
        ) as hist on true
        where exists (select 1 from known as k where k.field = h.field and k.unit = 'percent')
            and (h.s ->> 'numbers')::integer >= 5
            and (h.s ->> 'above_one')::integer = 0
            and hist.numbers >= 10
            and hist.above_one > 0.5 * hist.numbers
    )
    insert into ops.schema_change as c (
        dataset, field, change, example, previous_field, previous_type, new_type, batch_ids,
        state, decided_by, decided_at, reason
    )
    select p_dataset, x.field, x.change, x.example, x.previous_field, x.previous_type, x.new_type, array[p_batch],
        case when v_policy = 'discard_field' and x.change = 'new' then 'discarded' else 'open' end,
        case when v_policy = 'discard_field' and x.change = 'new' then 'policy' end,
        case when v_policy = 'discard_field' and x.change = 'new' then now() end,
        case when v_policy = 'discard_field' and x.change = 'new'
            then 'dataset policy discard_field: the transform ignores the field' end
    from changes as x
    on conflict (dataset, field, change) do update
    set last_seen = now(),
        batch_ids = case when c.state in ('open', 'rejected') and not p_batch = any(c.batch_ids)
            then c.batch_ids || p_batch else c.batch_ids end;
end
$$;

-- Accept the open changes of a dataset (all, or only p_fields): who, when and
-- why are recorded; their held batches are released (the next transform run
-- consumes them). An accepted new field is known from then on, an accepted
-- rename is read as the field it replaced. Returns the accepted changes.
create or replace function ops.accept_schema_changes(
    p_dataset text, p_reason text, p_by text default current_user, p_fields text[] default null
)
returns table (schema_change_id bigint, field text, change text, batch_ids bigint[])
language plpgsql
as $$
begin
    if core.is_blank(p_reason) then
        raise exception 'a reason is required to accept the schema changes of %', p_dataset
            using errcode = 'invalid_parameter_value';
    end if;
    return query
    update ops.schema_change as c
    set state = 'accepted', decided_by = p_by, decided_at = now(), reason = p_reason
    where c.dataset = p_dataset and c.state = 'open'
        and (p_fields is null or c.field = any(p_fields))
    returning c.schema_change_id, c.field, c.change, c.batch_ids;
end
$$;

-- Reject the open changes of a dataset: their batches stay landed and are
-- never transformed (ops.held_batch), and so are later batches showing the
-- same change. Returns the rejected changes.
create or replace function ops.reject_schema_changes(
    p_dataset text, p_reason text, p_by text default current_user, p_fields text[] default null
)
returns table (schema_change_id bigint, field text, change text, batch_ids bigint[])
language plpgsql
as $$
begin
    if core.is_blank(p_reason) then
        raise exception 'a reason is required to reject the schema changes of %', p_dataset
            using errcode = 'invalid_parameter_value';
    end if;
    return query
    update ops.schema_change as c
    set state = 'rejected', decided_by = p_by, decided_at = now(), reason = p_reason
    where c.dataset = p_dataset and c.state = 'open'
        and (p_fields is null or c.field = any(p_fields))
    returning c.schema_change_id, c.field, c.change, c.batch_ids;
end
$$;

-- Set a dataset's policy, with who and why.
create or replace function ops.set_schema_policy(p_dataset text, p_policy text, p_reason text, p_by text default current_user)
returns void
language sql
as $$
    insert into ops.schema_policy (dataset, policy, reason, decided_by)
    values (p_dataset, p_policy, p_reason, p_by)
    on conflict (dataset) do update
    set policy = excluded.policy, reason = excluded.reason, decided_by = excluded.decided_by, decided_at = now()
$$;
