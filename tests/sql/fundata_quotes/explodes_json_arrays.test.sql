-- Daily NAVPS documents from the API explode their arrays like reference
-- data: one row per element with the scalars repeated; the seed's precision
-- example lands as price 123.46, yield 0.05, NAV 15.70, volume NULL.
begin;
\ir ../helpers/fixtures.psql
select plan(8);

-- Setup: one API response per document (raw.batch.format = 'json')
create temp table docs (identifier text, doc jsonb) on commit drop;
insert into docs values
    ('PREC789', '{"identifier":"PREC789","date":"2024-01-15","price":123.456789,"yield":0.045,"nav":"15.7","volume":null}'),
    ('FUND123', '{"identifier":"FUND123","date":"2024-01-15","holdings":["AAPL","GOOGL","MSFT"],"name":"Tech Fund","nav":15.75}'),
    ('BOND456', '{"identifier":"BOND456","date":"2024-01-15","sectors":["Technology","Healthcare"],"ratings":["AAA","AA+"],"yield":3.25}');
select tests.land('fundata.fund_daily_navps', jsonb_build_array(d.doc), d.identifier || '.json', 'api')
from docs as d;
select * from ops.run_transform('fundata_quotes');

-- Test
select results_eq(
    $$
    select price, current_yield, navps, array_source_field, array_element_index
    from core.fundata_quotes where identifier = 'PREC789'
    $$,
    $$ values (123.46::numeric(12, 2), 0.05::numeric(12, 2), 15.70::numeric(12, 2), null::text, null::integer) $$,
    'the precision example: price 123.456789 -> 123.46, yield 0.045 -> 0.05, nav "15.7" -> 15.70, one row without arrays'
);
select results_eq(
    $$ select raw_json -> 'volume', core.to_dec12_2(raw_json ->> 'volume') from core.fundata_quotes_latest where identifier = 'PREC789' $$,
    $$ values ('null'::jsonb, null::numeric) $$,
    'the precision example: volume null stays NULL, and raw_json keeps it as JSON null'
);
select is_empty(
    $$ select rule, field from ops.quality_issue where batch_id = tests.batch('PREC789.json') and rule in ('bad_number', 'overflow') $$,
    'the precision example raises no number issue (null is no issue)'
);
select results_eq(
    $$
    select array_source_field, array_element_index, array_element_value, navps, date
    from core.fundata_quotes where identifier = 'FUND123'
    order by array_element_index
    $$,
    $$
    values
        ('holdings'::text, 0, 'AAPL'::text, 15.75::numeric(12, 2), date '2024-01-15'),
        ('holdings', 1, 'GOOGL', 15.75, date '2024-01-15'),
        ('holdings', 2, 'MSFT', 15.75, date '2024-01-15')
    $$,
    'FUND123: 3 rows, one per holding, NAV and date repeated'
);
select results_eq(
    $$
    select array_source_field, array_element_index, array_element_value, current_yield
    from core.fundata_quotes where identifier = 'BOND456'
    order by array_source_field desc, array_element_index
    $$,
    $$
    values
        ('sectors'::text, 0, 'Technology'::text, 3.25::numeric(12, 2)),
        ('sectors', 1, 'Healthcare', 3.25),
        ('ratings', 0, 'AAA', 3.25),
        ('ratings', 1, 'AA+', 3.25)
    $$,
    'BOND456: 4 rows, sectors 0,1 and ratings 0,1'
);
select is_empty(
    $$
    select q.identifier
    from core.fundata_quotes_latest as q
    join docs as d on d.identifier = q.identifier
    where q.raw_json is distinct from d.doc or q.data_source <> 'API' or q.data_version <> 1
    $$,
    'every exploded row shows the whole document as raw_json (read from raw), data_source API, version 1'
);
select results_eq(
    $$ select identifier collate "default", count(*)::integer from api.fund_nav group by identifier order by identifier $$,
    $$ values ('BOND456'::text, 1), ('FUND123', 1), ('PREC789', 1) $$,
    'api.fund_nav shows each identifier and date once, however many array rows it has'
);
select results_eq(
    $$ select identifier collate "default", navps from api.fund_latest_nav order by identifier $$,
    $$ values ('BOND456'::text, null::numeric(12, 2)), ('FUND123', 15.75), ('PREC789', 15.70) $$,
    'api.fund_latest_nav shows one row per identifier'
);

select * from finish();
rollback;
