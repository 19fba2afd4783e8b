-- The api views are the client contract: each carries a comment stating its
-- grain, and the fund views keep stable column names and types.
begin;
\ir ../helpers/fixtures.psql
select plan(7);

-- Setup
create temp view api_columns as
select c.relname::text as view_name, a.attname::text as column_name, format_type(a.atttypid, a.atttypmod) as column_type
from pg_attribute as a
join pg_class as c on c.oid = a.attrelid
where c.relnamespace = 'api'::regnamespace and a.attnum > 0 and not a.attisdropped;

-- Test
select matches(obj_description('api.fund'::regclass, 'pg_class'), '^One row per identifier', 'api.fund''s comment states its grain: one row per identifier');
select matches(obj_description('api.fund_history'::regclass, 'pg_class'), '^One row per identifier per version', 'api.fund_history''s comment states its grain: one row per identifier per version');
select matches(obj_description('api.fund_nav'::regclass, 'pg_class'), '^One row per identifier per date', 'api.fund_nav''s comment states its grain: one row per identifier per date');
select matches(obj_description('api.fund_latest_nav'::regclass, 'pg_class'), '^One row per identifier', 'api.fund_latest_nav''s comment states its grain: one row per identifier');
select is_empty(
    $$
    select c.oid::regclass
    from pg_class as c
    where c.relnamespace = 'api'::regnamespace and c.relkind in ('v', 'm')
        and coalesce(obj_description(c.oid, 'pg_class'), '') !~* 'row'
    $$,
    'every api view carries a comment stating its grain'
);
select set_has(
    $$ select view_name, column_name, column_type from api_columns where view_name in ('fund', 'fund_nav', 'fund_latest_nav', 'fund_history') $$,
    $$
    values
        ('fund', 'identifier', 'text'),
        ('fund', 'legal_name', 'text'),
        ('fund', 'inception_date', 'date'),
        ('fund', 'management_fee', 'numeric(12,2)'),
        ('fund', 'expense_ratio', 'numeric(12,2)'),
        ('fund', 'nav_value', 'numeric(12,2)'),
        ('fund', 'yield_rate', 'numeric(12,2)'),
        ('fund', 'data_version', 'integer'),
        ('fund', 'updated_at', 'timestamp with time zone'),
        ('fund_history', 'identifier', 'text'),
        ('fund_history', 'data_version', 'integer'),
        ('fund_history', 'array_source_field', 'text'),
        ('fund_history', 'array_element_index', 'integer'),
        ('fund_history', 'array_element_value', 'text'),
        ('fund_history', 'is_latest', 'boolean'),
        ('fund_nav', 'identifier', 'text'),
        ('fund_nav', 'date', 'date'),
        ('fund_nav', 'navps', 'numeric(12,2)'),
        ('fund_nav', 'navps_penny_change', 'numeric(12,2)'),
        ('fund_nav', 'navps_percent_change', 'numeric(12,2)'),
        ('fund_nav', 'current_yield', 'numeric(12,2)'),
        ('fund_nav', 'data_version', 'integer'),
        ('fund_latest_nav', 'identifier', 'text'),
        ('fund_latest_nav', 'nav_date', 'date'),
        ('fund_latest_nav', 'navps', 'numeric(12,2)'),
        ('fund_latest_nav', 'previous_navps', 'numeric(12,2)'),
        ('fund_latest_nav', 'navps_penny_change', 'numeric(12,2)')
    $$,
    'the fund views expose their columns with stable names and types (Fundata numbers as numeric(12,2))'
);
select is_empty(
    $$
    select view_name, column_name
    from api_columns
    where view_name in ('fund', 'fund_nav', 'fund_latest_nav', 'fund_history')
        and column_name in ('raw_json', 'content_hash', 'batch_id', 'batch_line')
    $$,
    'the fund views expose no internal columns (raw_json, content_hash, lineage ids)'
);

select * from finish();
rollback;
