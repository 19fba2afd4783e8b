-- The version key of core.fundata_quotes includes array_source_field (two arrays
-- of one record both have an element 0) and is NULLS NOT DISTINCT (a record
-- without arrays, whose array columns are NULL, exists once per version).
begin;
\ir ../helpers/fixtures.psql
select plan(9);

-- Setup: one row of core.fundata_quotes; the tests vary its array columns and version
create temp table fixture_row (like core.fundata_quotes including defaults) on commit drop;
insert into fixture_row (identifier, date, data_source, data_version, content_hash, updated_at, batch_id, batch_line)
values ('BOND456', '2024-01-15', 'API', 1, 0, now(), 1, 1);

-- Test
select col_is_unique(
    'core', 'fundata_quotes',
    array['identifier', 'date', 'data_version', 'array_source_field', 'array_element_index']::name[],
    'core.fundata_quotes is unique on (identifier, date, data_version, array_source_field, array_element_index)'
);
select is(
    (
        select bool_and(x.indnullsnotdistinct)
        from pg_index as x
        where x.indrelid = 'core.fundata_quotes'::regclass and x.indisunique
    ),
    true,
    'every unique key of core.fundata_quotes treats NULLs as equal (NULLS NOT DISTINCT)'
);
select lives_ok(
    $$
    insert into core.fundata_quotes
    select (jsonb_populate_record(r, '{"array_source_field": "sectors", "array_element_index": 0, "array_element_value": "Technology"}')).*
    from fixture_row as r
    $$,
    'element 0 of the array "sectors" is stored'
);
select lives_ok(
    $$
    insert into core.fundata_quotes
    select (jsonb_populate_record(r, '{"array_source_field": "ratings", "array_element_index": 0, "array_element_value": "AAA"}')).*
    from fixture_row as r
    $$,
    'element 0 of the array "ratings" is stored next to element 0 of "sectors" (same identifier, date and version)'
);
select throws_ok(
    $$
    insert into core.fundata_quotes
    select (jsonb_populate_record(r, '{"array_source_field": "ratings", "array_element_index": 0, "array_element_value": "AA+"}')).*
    from fixture_row as r
    $$,
    '23505', null,
    'a second element 0 of "ratings" for the same identifier, date and version is rejected'
);
select lives_ok(
    $$
    insert into core.fundata_quotes
    select (jsonb_populate_record(r, '{}')).*
    from fixture_row as r
    $$,
    'a row without arrays (array columns NULL) is stored'
);
select throws_ok(
    $$
    insert into core.fundata_quotes
    select (jsonb_populate_record(r, '{}')).*
    from fixture_row as r
    $$,
    '23505', null,
    'a second row without arrays for the same identifier, date and version is rejected: NULL counts as a value'
);
select lives_ok(
    $$
    insert into core.fundata_quotes
    select (jsonb_populate_record(r, '{"data_version": 2}')).*
    from fixture_row as r
    $$,
    'a row without arrays for the next version is stored'
);
select is(
    (select count(*)::integer from core.fundata_quotes where identifier = 'BOND456'),
    4,
    'core.fundata_quotes holds the two array elements and one array-free row per version'
);

select * from finish();
rollback;
