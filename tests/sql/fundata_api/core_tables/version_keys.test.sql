-- Each Fundata API table's key is its natural key (identifier first: the
-- distribution key), then data_version and the array position, unique with
-- NULLs not distinct (docs/ARCHITECTURE.md §4 and §8).
begin;
\ir ../../helpers/fixtures.psql
select plan(8);

-- Test
select col_is_unique('core', 'fundata_performance_summary',
    array['identifier', 'data_version', 'array_source_field', 'array_element_index'],
    'core.fundata_performance_summary is unique per identifier, version and array position');
select col_is_unique('core', 'fundata_distributions',
    array['identifier', 'distribution_date', 'data_version', 'array_source_field', 'array_element_index'],
    'core.fundata_distributions is unique per identifier, distribution date, version and array position');
select col_is_unique('core', 'fundata_top_holdings',
    array['identifier', 'holdings_date', 'holding_rank', 'data_version', 'array_source_field', 'array_element_index'],
    'core.fundata_top_holdings is unique per identifier, holdings date, rank, version and array position');
select col_is_unique('core', 'fundata_allocations',
    array['identifier', 'allocation_date', 'allocation_type', 'allocation_name', 'data_version', 'array_source_field', 'array_element_index'],
    'core.fundata_allocations is unique per identifier, date, type, name, version and array position');
select col_is_unique('core', 'fundata_expenses',
    array['identifier', 'data_version', 'array_source_field', 'array_element_index'],
    'core.fundata_expenses is unique per identifier, version and array position');
select col_is_unique('core', 'fundata_assets',
    array['identifier', 'assets_date', 'data_version', 'array_source_field', 'array_element_index'],
    'core.fundata_assets is unique per identifier, assets date, version and array position');
select col_is_unique('core', 'fundata_yearly_performance',
    array['identifier', 'performance_year', 'data_version', 'array_source_field', 'array_element_index'],
    'core.fundata_yearly_performance is unique per identifier, year, version and array position');
select is_empty(
    $$
    select c.relname
    from pg_index as i
    join pg_class as c on c.oid = i.indrelid
    where c.relnamespace = 'core'::regnamespace
        and c.relname in ('fundata_performance_summary', 'fundata_distributions', 'fundata_top_holdings',
            'fundata_allocations', 'fundata_expenses', 'fundata_assets', 'fundata_yearly_performance')
        and i.indisunique
        and not (i.indnullsnotdistinct and i.indkey[0] = (
            select a.attnum from pg_attribute as a where a.attrelid = c.oid and a.attname = 'identifier'
        ))
    $$,
    'every unique key leads with identifier and treats NULL as a value (nulls not distinct)'
);

-- Finish
select * from finish();
rollback;
