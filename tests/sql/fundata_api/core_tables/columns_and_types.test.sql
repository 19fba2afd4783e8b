-- The Fundata API's typed tables: every business number DECIMAL(12,2) (docs/ARCHITECTURE.md
-- §4, no exceptions), whole-number key parts integer, the array, version and
-- lineage columns of the foundation, owned by the transformer role.
begin;
\ir ../../helpers/fixtures.psql
select plan(12);

-- Setup
create temp table api_tables (table_name text) on commit drop;
insert into api_tables values
    ('fundata_performance_summary'), ('fundata_distributions'), ('fundata_top_holdings'),
    ('fundata_allocations'), ('fundata_expenses'), ('fundata_assets'), ('fundata_yearly_performance');
create temp view api_table_columns as
select c.relname::text as table_name, a.attname::text as column_name,
    format_type(a.atttypid, a.atttypmod) as column_type, a.attnotnull as not_null
from pg_attribute as a
join pg_class as c on c.oid = a.attrelid
where c.relnamespace = 'core'::regnamespace
    and c.relname in (select table_name from api_tables)
    and a.attnum > 0 and not a.attisdropped;

-- Test
select is_empty(
    $$
    select table_name, column_name, column_type from api_table_columns
    where column_type like 'numeric%' and column_type <> 'numeric(12,2)'
    $$,
    'every numeric column of the Fundata API tables is numeric(12,2)'
);
select set_eq(
    $$ select table_name, column_name from api_table_columns where column_type = 'numeric(12,2)' $$,
    $$
    values
        ('fundata_performance_summary', 'one_month_return'), ('fundata_performance_summary', 'three_month_return'),
        ('fundata_performance_summary', 'six_month_return'), ('fundata_performance_summary', 'ytd_return'),
        ('fundata_performance_summary', 'one_year_return'), ('fundata_performance_summary', 'three_year_return'),
        ('fundata_performance_summary', 'five_year_return'), ('fundata_performance_summary', 'ten_year_return'),
        ('fundata_performance_summary', 'inception_return'),
        ('fundata_distributions', 'total_amount'), ('fundata_distributions', 'income_amount'),
        ('fundata_distributions', 'capital_gains_amount'), ('fundata_distributions', 'return_of_capital_amount'),
        ('fundata_distributions', 'reinvestment_price'),
        ('fundata_top_holdings', 'weight'), ('fundata_top_holdings', 'market_value'),
        ('fundata_allocations', 'weight'),
        ('fundata_expenses', 'mer'), ('fundata_expenses', 'management_fee'),
        ('fundata_expenses', 'trading_expense_ratio'), ('fundata_expenses', 'total_expense_ratio'),
        ('fundata_assets', 'total_net_assets'), ('fundata_assets', 'series_net_assets'),
        ('fundata_yearly_performance', 'annual_return'), ('fundata_yearly_performance', 'category_return')
    $$,
    'the business numbers of docs/FUNDATA-API.md are the numeric(12,2) columns'
);
select set_eq(
    $$ select table_name, column_name from api_table_columns where column_type = 'integer' and column_name not like 'array_%' and column_name not in ('data_version', 'batch_line') $$,
    $$ values ('fundata_top_holdings', 'holding_rank'), ('fundata_yearly_performance', 'performance_year') $$,
    'the only other whole numbers are key parts: a holding''s rank and a performance year'
);
select is_empty(
    $$
    select t.table_name, l.column_name
    from api_tables as t
    cross join (
        values
            ('identifier', 'text', true), ('array_source_field', 'text', false),
            ('array_element_index', 'integer', false), ('array_element_value', 'text', false),
            ('data_source', 'text', true), ('source_file', 'text', false), ('api_version', 'text', false),
            ('data_version', 'integer', true), ('content_hash', 'bigint', true),
            ('processed_at', 'timestamp with time zone', true), ('updated_at', 'timestamp with time zone', true),
            ('batch_id', 'bigint', true), ('batch_line', 'integer', true)
    ) as l (column_name, column_type, not_null)
    where not exists (
        select 1 from api_table_columns as c
        where c.table_name = t.table_name and c.column_name = l.column_name
            and c.column_type = l.column_type and c.not_null = l.not_null
    )
    $$,
    'every Fundata API table has the key, array, version and lineage columns of the foundation'
);
select ok(
    (select c.relowner = current_user::regrole and has_table_privilege('sra_transformer', c.oid, 'SELECT') and has_table_privilege('sra_transformer', c.oid, 'INSERT')
        and has_table_privilege('sra_transformer', c.oid, 'UPDATE') and has_table_privilege('sra_transformer', c.oid, 'DELETE')
     from pg_class as c where c.oid = format('core.%I', t.table_name)::regclass),
    format('core.%s is owned by the owner; sra_transformer reads and writes it', t.table_name)
)
from api_tables as t
order by t.table_name;
select table_owner_is('ops', 'batch_newest_date', current_user, 'ops.batch_newest_date is owned by the owner (the cursor function writes it)');

-- Finish
select * from finish();
rollback;
