-- The Fundata API views are client contract: each comment states its grain,
-- numbers are numeric(12,2), and every view holds its grain even when core
-- has several versions and several dates per identifier.
begin;
\ir ../../helpers/fixtures.psql
select plan(10);

-- Setup: two versions of everything for one fund
create temp table views (view_name text, grain text[]) on commit drop;
insert into views values
    ('fund_performance', array['identifier']),
    ('fund_distributions', array['identifier', 'distribution_date']),
    ('fund_top_holdings', array['identifier', 'holding_rank']),
    ('fund_allocations', array['identifier', 'allocation_type', 'allocation_name']),
    ('fund_expenses', array['identifier']),
    ('fund_assets', array['identifier', 'assets_date']),
    ('fund_yearly_performance', array['identifier', 'performance_year']);

create temp table sample (dataset text, v1 jsonb, v2 jsonb) on commit drop;
insert into sample values
    ('fundata.fund_performance_summary',
        '{"InstrumentKey": "7", "PerformanceAsOfDate": "2023-12-31", "OneMonthReturn": "1"}',
        '{"InstrumentKey": "7", "PerformanceAsOfDate": "2024-01-31", "OneMonthReturn": "2"}'),
    ('fundata.fund_distribution',
        '{"InstrumentKey": "7", "DistributionDate": "2023-12-22", "Amount": "0.1"}',
        '{"InstrumentKey": "7", "DistributionDate": "2023-12-22", "Amount": "0.2"}'),
    ('fundata.fund_top_holding',
        '{"InstrumentKey": "7", "HoldingsDate": "2023-12-31", "Rank": "1", "HoldingName": "A", "Weight": "5"}',
        '{"InstrumentKey": "7", "HoldingsDate": "2023-12-31", "Rank": "1", "HoldingName": "A", "Weight": "6"}'),
    ('fundata.fund_allocations',
        '{"InstrumentKey": "7", "AllocationDate": "2023-12-31", "AllocationType": "Asset", "Name": "Cash", "Weight": "5"}',
        '{"InstrumentKey": "7", "AllocationDate": "2023-12-31", "AllocationType": "Asset", "Name": "Cash", "Weight": "6"}'),
    ('fundata.fund_expense',
        '{"InstrumentKey": "7", "MERDate": "2023-06-30", "MER": "1.1"}',
        '{"InstrumentKey": "7", "MERDate": "2023-12-31", "MER": "1.2"}'),
    ('fundata.fund_assets',
        '{"InstrumentKey": "7", "AssetsDate": "2023-12-31", "TotalNetAssets": "10"}',
        '{"InstrumentKey": "7", "AssetsDate": "2023-12-31", "TotalNetAssets": "11"}'),
    ('fundata.fund_yearly_performance',
        '{"InstrumentKey": "7", "Year": "2023", "Return": "3"}',
        '{"InstrumentKey": "7", "Year": "2023", "Return": "4"}');
select tests.land(s.dataset, jsonb_build_array(s.v1), s.dataset || '-1.csv', 'api', 'csv_row') from sample as s;
select tests.land(s.dataset, jsonb_build_array(s.v2), s.dataset || '-2.csv', 'api', 'csv_row') from sample as s;
select * from ops.run_transforms();

-- Test
select is(
    (
        select array_agg(n order by n) from (
            select count(*) as n from core.fundata_performance_summary union all
            select count(*) from core.fundata_distributions union all
            select count(*) from core.fundata_top_holdings union all
            select count(*) from core.fundata_allocations union all
            select count(*) from core.fundata_expenses union all
            select count(*) from core.fundata_assets union all
            select count(*) from core.fundata_yearly_performance
        ) as c
    ),
    array[2, 2, 2, 2, 2, 2, 2]::bigint[],
    'the fixture made two versions in every table'
);
select is_empty(
    $$
    select v.view_name
    from views as v
    where coalesce(obj_description(format('api.%I', v.view_name)::regclass, 'pg_class'), '') !~ '^One row per identifier'
    $$,
    'every Fundata API view''s comment states its grain, starting "One row per identifier"'
);
select is_empty(
    $$
    select c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
    from pg_attribute as a
    join pg_class as c on c.oid = a.attrelid
    where c.relnamespace = 'api'::regnamespace
        and c.relname in (select view_name from views)
        and a.attnum > 0
        and format_type(a.atttypid, a.atttypmod) like 'numeric%'
        and format_type(a.atttypid, a.atttypmod) <> 'numeric(12,2)'
    $$,
    'every number in the Fundata API views is numeric(12,2)'
);
select is_empty(
    format(
        $$ select %1$s from api.%2$I group by %1$s having count(*) > 1 $$,
        array_to_string(v.grain, ', '), v.view_name
    ),
    format('api.%s has one row per %s', v.view_name, array_to_string(v.grain, ', '))
)
from views as v
order by v.view_name;

-- Finish
select * from finish();
rollback;
