-- core.fundata_data carries the seed's columns, every Fundata number as
-- DECIMAL(12,2), the array columns, versioning and lineage (docs/ARCHITECTURE.md §4).
begin;
\ir ../helpers/fixtures.psql
select plan(6);

-- Setup
create temp view data_columns as
select a.attname::text as column_name, format_type(a.atttypid, a.atttypmod) as column_type
from pg_attribute as a
where a.attrelid = 'core.fundata_data'::regclass and a.attnum > 0 and not a.attisdropped;

-- Test
select set_has(
    $$ select column_name, column_type from data_columns $$,
    $$
    values
        ('identifier', 'text'),
        ('record_id', 'text'),
        ('language', 'text'),
        ('legal_name', 'text'),
        ('family_name', 'text'),
        ('series_name', 'text'),
        ('company', 'text'),
        ('inception_date', 'date'),
        ('currency', 'text'),
        ('record_state', 'text'),
        ('change_date', 'date'),
        ('management_fee', 'numeric(12,2)'),
        ('expense_ratio', 'numeric(12,2)'),
        ('minimum_investment', 'numeric(12,2)'),
        ('nav_value', 'numeric(12,2)'),
        ('yield_rate', 'numeric(12,2)')
    $$,
    'core.fundata_data has the seed''s columns, its numbers as numeric(12,2)'
);
select set_has(
    $$ select column_name, column_type from data_columns $$,
    $$
    values
        ('array_source_field', 'text'),
        ('array_element_index', 'integer'),
        ('array_element_value', 'text'),
        ('data_source', 'text'),
        ('source_file', 'text'),
        ('api_version', 'text'),
        ('data_version', 'integer'),
        ('processed_at', 'timestamp with time zone'),
        ('updated_at', 'timestamp with time zone'),
        ('batch_id', 'bigint'),
        ('batch_line', 'integer')
    $$,
    'core.fundata_data has the array columns, data_source, source_file, api_version, data_version, timestamps and lineage'
);
select is_empty(
    $$
    select column_name, column_type
    from data_columns
    where column_type like 'numeric%' and column_type <> 'numeric(12,2)'
    $$,
    'every numeric column of core.fundata_data is numeric(12,2): no exceptions'
);
select hasnt_column('core', 'fundata_data', 'raw_json', 'core.fundata_data keeps no second copy of the record (raw_json)');
select col_type_is('core', 'fundata_data_latest', 'raw_json', 'jsonb', 'core.fundata_data_latest serves the original record (raw_json) from raw.record');
select col_not_null('core', 'fundata_data', 'data_version', 'core.fundata_data.data_version is never NULL');

select * from finish();
rollback;
