-- A key no field line reads (FMP adds fields over time) is not lost: it is
-- kept in extra (and raw_json), reported once per batch as an
-- 'unknown_field' quality issue (an unknown array is exploded like any array), and counts as content, so a change in it
-- alone is a new version.
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(6);

-- Setup
select tests.land_fmp('fmp.profile', '/stable/profile', '{"symbol": "MSFT,NVDA"}', $$[
    {"symbol": "MSFT", "companyName": "Microsoft Corporation", "marketCap": 3100000000000, "esgRating": "AA", "sectorsList": ["Software"]},
    {"symbol": "NVDA", "companyName": "NVIDIA Corporation", "marketCap": 1200000000000, "esgRating": "A"}
]$$);
select * from ops.run_transform('equity_profile');

-- Test
select results_eq(
    $$ select symbol collate "default", extra from core.equity_profile order by symbol, array_element_index $$,
    $$ values ('MSFT'::text, '{"esgRating": "AA"}'::jsonb), ('NVDA', '{"esgRating": "A"}') $$,
    'the scalar key no column reads is kept in extra; the array field is exploded, not repeated in extra'
);
select results_eq(
    $$ select rule, field, raw_value from ops.quality_issue where dataset = 'fmp.profile' order by field $$,
    $$ values ('unknown_field'::text, 'esgRating'::text, '"AA"'::text) $$,
    'the unknown scalar key is reported once for the batch, with an example value (arrays are exploded, not reported)'
);
select is(
    (select array_element_value from core.equity_profile where symbol = 'MSFT'),
    'Software',
    'the unknown array is exploded into the array columns like every JSON array'
);

select tests.land_fmp('fmp.profile', '/stable/profile', '{"symbol": "MSFT,NVDA"}', $$[
    {"symbol": "MSFT", "companyName": "Microsoft Corporation", "marketCap": 3100000000000, "esgRating": "AA", "sectorsList": ["Software"]},
    {"symbol": "NVDA", "companyName": "NVIDIA Corporation", "marketCap": 1200000000000, "esgRating": "AA"}
]$$);
select results_eq(
    $$ select rows_out from ops.run_transform('equity_profile') $$,
    $$ values (1::bigint) $$,
    'only the profile whose unknown field changed gets a new row'
);
select results_eq(
    $$ select symbol collate "default", max(data_version) from core.equity_profile group by symbol order by symbol $$,
    $$ values ('MSFT'::text, 1), ('NVDA', 2) $$,
    'NVDA is at version 2, MSFT still at version 1'
);
select is(
    (select count(*)::integer from ops.quality_issue where dataset = 'fmp.profile' and rule = 'unknown_field'),
    2,
    'the second batch reports its unknown key again: once per batch and key'
);

select * from finish();
rollback;
