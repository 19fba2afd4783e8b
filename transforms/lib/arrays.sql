-- definition: lib.arrays
-- version: 2
-- Array explosion (docs/ARCHITECTURE.md §4): one row per element across all of a record's
-- array fields (lengths add, no cartesian product); a record with no non-empty
-- array yields exactly one row of NULLs.

-- true when the JSON object holds at least one non-empty array value
-- One jsonpath test (silent: a scalar or array document is simply false), so
-- the planner inlines it: transforms call it once per JSON document.
create or replace function core.has_arrays(p jsonb)
returns boolean
language sql
immutable
parallel safe
as $$
    select coalesce(jsonb_path_exists(p, 'strict $.* ? (@.type() == "array" && @.size() > 0)', '{}', true), false)
$$;

create or replace function core.explode_arrays(p jsonb)
returns table (array_source_field text, array_element_index integer, array_element_value text)
language sql
immutable
parallel safe
as $$
    select
        f.key as array_source_field,
        (e.ordinality - 1)::integer as array_element_index,
        case jsonb_typeof(e.value)
            when 'string' then e.value #>> '{}'
            when 'null' then null
            else e.value::text
        end as array_element_value
    from jsonb_each(case when jsonb_typeof(p) = 'object' then p else '{}'::jsonb end) as f (key, value)
    cross join lateral jsonb_array_elements(
        case when jsonb_typeof(f.value) = 'array' then f.value else '[]'::jsonb end
    ) with ordinality as e (value, ordinality)
    union all
    select null, null, null
    where not core.has_arrays(p)
$$;

-- The object without its array fields: the scalar part repeated on every exploded row.
create or replace function core.scalars(p jsonb)
returns jsonb
language sql
immutable
parallel safe
as $$
    select coalesce(jsonb_object_agg(f.key, f.value), '{}'::jsonb)
    from jsonb_each(p) as f (key, value)
    where jsonb_typeof(f.value) <> 'array'
$$;

-- The object's array fields only: what a record adds to its content beyond its scalars.
create or replace function core.array_part(p jsonb)
returns jsonb
language sql
immutable
parallel safe
as $$
    select coalesce(jsonb_object_agg(f.key, f.value), '{}'::jsonb)
    from jsonb_each(case when jsonb_typeof(p) = 'object' then p else '{}'::jsonb end) as f (key, value)
    where jsonb_typeof(f.value) = 'array'
$$;

-- Explosion by batch format: CSV rows (all values text) never hold arrays and
-- skip the JSON walk; JSON documents explode, and those without a non-empty
-- array (most API documents) skip the walk too.
create or replace function core.explode_for(p_format text, p jsonb)
returns table (array_source_field text, array_element_index integer, array_element_value text)
language sql
immutable
parallel safe
as $$
    select null::text, null::integer, null::text
    where p_format is distinct from 'json' or not core.has_arrays(p)
    union all
    select e.array_source_field, e.array_element_index, e.array_element_value
    from core.explode_arrays(p) as e
    where p_format = 'json' and core.has_arrays(p)
$$;
