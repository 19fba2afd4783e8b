-- A JSON document's array fields become one row per element across all its
-- arrays (lengths add, no cartesian product), with array_source_field,
-- 0-based array_element_index and array_element_value (text), every scalar
-- repeated and raw_json preserved; a document without a non-empty array is
-- one row with NULL array columns. The seed's examples, exactly (docs/ARCHITECTURE.md §4).
begin;
\ir ../helpers/fixtures.psql
select plan(13);

-- Setup: one API response per document (raw.batch.format = 'json')
create temp table docs (identifier text, doc jsonb) on commit drop;
insert into docs values
    ('FUND123', '{"identifier":"FUND123","holdings":["AAPL","GOOGL","MSFT"],"name":"Tech Fund","nav":15.75}'),
    ('BOND456', '{"identifier":"BOND456","sectors":["Technology","Healthcare"],"ratings":["AAA","AA+"],"yield":3.25}'),
    ('PREC789', '{"identifier":"PREC789","price":123.456789,"yield":0.045,"nav":"15.7","volume":null}'),
    ('MIX3', '{"identifier":"MIX3","holdings":["A","B","C"],"weights":[0.5,{"cash":0.25}],"tags":[],"name":"Mixed"}'),
    ('PLAIN1', '{"identifier":"PLAIN1","name":"Plain Fund","tags":[],"nav":"10"}');
select tests.land('fundata.fund_general', jsonb_build_array(d.doc), d.identifier || '.json', 'api')
from docs as d;
select * from ops.run_transform('fundata_data');

-- Test
select results_eq(
    $$
    select identifier collate "default", array_source_field, array_element_index, array_element_value, legal_name, nav_value
    from core.fundata_data where identifier = 'FUND123'
    order by array_source_field, array_element_index
    $$,
    $$
    values
        ('FUND123'::text, 'holdings'::text, 0, 'AAPL'::text, 'Tech Fund'::text, 15.75::numeric(12, 2)),
        ('FUND123', 'holdings', 1, 'GOOGL', 'Tech Fund', 15.75),
        ('FUND123', 'holdings', 2, 'MSFT', 'Tech Fund', 15.75)
    $$,
    'FUND123: 3 rows, one per holding, name and nav repeated'
);
select results_eq(
    $$
    select identifier collate "default", array_source_field, array_element_index, array_element_value, yield_rate
    from core.fundata_data where identifier = 'BOND456'
    order by array_source_field desc, array_element_index
    $$,
    $$
    values
        ('BOND456'::text, 'sectors'::text, 0, 'Technology'::text, 3.25::numeric(12, 2)),
        ('BOND456', 'sectors', 1, 'Healthcare', 3.25),
        ('BOND456', 'ratings', 0, 'AAA', 3.25),
        ('BOND456', 'ratings', 1, 'AA+', 3.25)
    $$,
    'BOND456: 4 rows, sectors 0,1 and ratings 0,1, yield repeated'
);
select results_eq(
    $$
    select nav_value, yield_rate, array_source_field, array_element_index, array_element_value
    from core.fundata_data where identifier = 'PREC789'
    $$,
    $$ values (15.70::numeric(12, 2), 0.05::numeric(12, 2), null::text, null::integer, null::text) $$,
    'the precision example: nav "15.7" -> 15.70, yield 0.045 -> 0.05, one row with NULL array columns'
);
select results_eq(
    $$
    select array_source_field, array_element_index, array_element_value
    from core.fundata_data where identifier = 'MIX3'
    order by array_source_field, array_element_index
    $$,
    $$
    values
        ('holdings'::text, 0, 'A'::text),
        ('holdings', 1, 'B'),
        ('holdings', 2, 'C'),
        ('weights', 0, '0.5'),
        ('weights', 1, '{"cash": 0.25}')
    $$,
    'arrays of 3 and 2 elements give 5 rows (lengths add, no cartesian product); numbers and objects as JSON text; an empty array adds none'
);
select results_eq(
    $$
    select count(*)::integer, count(array_source_field)::integer, min(legal_name), min(nav_value)
    from core.fundata_data where identifier = 'PLAIN1'
    $$,
    $$ values (1, 0, 'Plain Fund'::text, 10.00::numeric(12, 2)) $$,
    'a document without a non-empty array is one row with NULL array columns'
);
select is_empty(
    $$
    select f.identifier, f.raw_json
    from core.fundata_data_latest as f
    join docs as d on d.identifier = f.identifier
    where f.raw_json is distinct from d.doc
    $$,
    'raw_json holds the whole original document on every exploded row'
);
select is(
    (select count(distinct data_version)::integer from core.fundata_data where identifier = 'BOND456'),
    1,
    'all rows of one document belong to one version'
);
select is_empty(
    $$ select identifier from core.fundata_data where data_source <> 'API' $$,
    'documents from API responses are stored with data_source API'
);
select col_type_is('core', 'fundata_data', 'array_element_value', 'text', 'array_element_value is text');
select results_eq(
    $$ select identifier collate "default", legal_name, nav_value from api.fund where identifier in ('FUND123', 'BOND456', 'MIX3') order by identifier $$,
    $$
    values
        ('BOND456'::text, null::text, null::numeric(12, 2)),
        ('FUND123', 'Tech Fund', 15.75),
        ('MIX3', 'Mixed', null)
    $$,
    'api.fund shows each exploded document once'
);
select results_eq(
    $$ select identifier collate "default", count(*)::integer from api.fund_history group by identifier order by identifier $$,
    $$ values ('BOND456'::text, 4), ('FUND123', 3), ('MIX3', 5), ('PLAIN1', 1), ('PREC789', 1) $$,
    'api.fund_history shows every exploded row'
);
select is(
    (
        select array_agg(e.array_source_field || ':' || e.array_element_index || ':' || e.array_element_value
            order by e.array_source_field, e.array_element_index)
        from core.explode_arrays(
            '{"identifier":"BOND456","sectors":["Technology","Healthcare"],"ratings":["AAA","AA+"],"yield":3.25}'
        ) as e
    ),
    array['ratings:0:AAA', 'ratings:1:AA+', 'sectors:0:Technology', 'sectors:1:Healthcare'],
    'core.explode_arrays on BOND456 yields sectors 0,1 and ratings 0,1'
);
select results_eq(
    $$ select * from core.explode_arrays('{"identifier":"PLAIN1","tags":[]}') $$,
    $$ values (null::text, null::integer, null::text) $$,
    'core.explode_arrays on a document without a non-empty array yields one row of NULLs'
);

select * from finish();
rollback;
