-- core.etfs_country_weightings: one row per ETF and country; weights arrive
-- as "86.68%" strings (legacy and stable) or plain numbers and are typed in
-- percent ("86.68%" -> 86.68); a weight that is not a number is NULL and a
-- quality issue. A country a later response drops leaves the view.
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(6);

-- Setup
select tests.land_fmp('fmp.etf_country_weightings', '/api/v3/etf-country-weightings/VT', '{"symbol": "VT"}', $$[
    {"country": "United States", "weightPercentage": "62.31%"},
    {"country": "Japan", "weightPercentage": "5.6479281218%"},
    {"country": "Other", "weightPercentage": "n/a%"}
]$$);
select tests.land_fmp('fmp.etf_country_weightings', '/stable/etf/country-weightings', '{"symbol": "SPY"}', $$[
    {"country": "United States", "weightPercentage": "99.37%"},
    {"country": "Netherlands", "weightPercentage": 0.18}
]$$);
select * from ops.run_transform('etfs_country_weightings');

-- Test
select results_eq(
    $$ select symbol collate "default", country collate "default", weight_percentage from core.etfs_country_weightings order by symbol, country $$,
    $$ values
        ('SPY'::text, 'Netherlands'::text, 0.18::numeric),
        ('SPY', 'United States', 99.37),
        ('VT', 'Japan', 5.6479281218),
        ('VT', 'Other', null),
        ('VT', 'United States', 62.31) $$,
    '"62.31%" is 62.31, 0.18 stays 0.18, at full precision; the ETF is the requested symbol'
);
select results_eq(
    $$ select rule, field, raw_value from ops.quality_issue where dataset = 'fmp.etf_country_weightings' $$,
    $$ values ('bad_number'::text, 'weight_percentage'::text, 'n/a%'::text) $$,
    'a weight that is not a number is a quality issue with its raw text'
);
select col_type_is('core', 'etfs_country_weightings', 'weight_percentage', 'numeric', 'weight_percentage is numeric');

-- next week SPY no longer lists the Netherlands
select tests.land_fmp('fmp.etf_country_weightings', '/stable/etf/country-weightings', '{"symbol": "SPY"}',
    '[{"country": "United States", "weightPercentage": "99.55%"}]');
select * from ops.run_transform('etfs_country_weightings');
select results_eq(
    $$ select symbol collate "default", country collate "default", weight_percentage, data_version from api.etf_country_weighting order by symbol, country $$,
    $$ values
        ('SPY'::text, 'United States'::text, 99.55::numeric, 2),
        ('VT', 'Japan', 5.6479281218, 1),
        ('VT', 'Other', null, 1),
        ('VT', 'United States', 62.31, 1) $$,
    'api.etf_country_weighting shows the latest weights of the countries each ETF''s latest response lists'
);
select is(
    (select is_listed from core.etfs_country_weightings where country = 'Netherlands' and data_version = 2),
    false,
    'the dropped country is recorded as no longer listed'
);
select is_empty(
    $$ select symbol, country from api.etf_country_weighting group by symbol, country having count(*) > 1 $$,
    'api.etf_country_weighting has one row per ETF and country'
);

select * from finish();
rollback;
