-- core.fundata_quotes carries the seed's columns, every Fundata number as
-- DECIMAL(12,2), the array columns, versioning and lineage (docs/ARCHITECTURE.md §4).
begin;
\ir ../helpers/fixtures.psql
select plan(7);

-- Setup
create temp view quote_columns as
select a.attname::text as column_name, format_type(a.atttypid, a.atttypmod) as column_type
from pg_attribute as a
where a.attrelid = 'core.fundata_quotes'::regclass and a.attnum > 0 and not a.attisdropped;

-- Test
select set_has(
    $$ select column_name, column_type from quote_columns $$,
    $$
    values
        ('identifier', 'text'),
        ('record_id', 'text'),
        ('date', 'date'),
        ('navps', 'numeric(12,2)'),
        ('navps_penny_change', 'numeric(12,2)'),
        ('navps_percent_change', 'numeric(12,2)'),
        ('previous_date', 'date'),
        ('previous_navps', 'numeric(12,2)'),
        ('current_yield', 'numeric(12,2)'),
        ('current_yield_percent_change', 'numeric(12,2)'),
        ('price', 'numeric(12,2)'),
        ('volume_weighted_price', 'numeric(12,2)'),
        ('bid_price', 'numeric(12,2)'),
        ('ask_price', 'numeric(12,2)'),
        ('split', 'numeric(12,2)'),
        ('record_state', 'text'),
        ('change_date', 'date')
    $$,
    'core.fundata_quotes has the seed''s columns, its numbers as numeric(12,2)'
);
select set_has(
    $$ select column_name, column_type from quote_columns $$,
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
    'core.fundata_quotes has the array columns, data_source, source_file, api_version, data_version, timestamps and lineage'
);
select is_empty(
    $$
    select column_name, column_type
    from quote_columns
    where column_type like 'numeric%' and column_type <> 'numeric(12,2)'
    $$,
    'every numeric column of core.fundata_quotes is numeric(12,2): no exceptions'
);
select hasnt_column('core', 'fundata_quotes', 'raw_json', 'core.fundata_quotes keeps no second copy of the record (raw_json)');
select col_type_is('core', 'fundata_quotes_latest', 'raw_json', 'jsonb', 'core.fundata_quotes_latest serves the original record (raw_json) from raw.record');
select col_not_null('core', 'fundata_quotes', 'date', 'core.fundata_quotes.date (part of the key) is never NULL');
select throws_ok(
    $$
    insert into core.fundata_quotes (identifier, date, navps, data_source, data_version, content_hash, updated_at, batch_id, batch_line)
    values ('4095', '2024-01-15', 10000000000, 'CSV', 1, 0, now(), 1, 2)
    $$,
    '22003', null,
    'a value of 10^10 does not fit core.fundata_quotes.navps (DECIMAL(12,2))'
);

select * from finish();
rollback;
