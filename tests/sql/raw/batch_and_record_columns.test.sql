-- raw.batch records where a batch came from and how it landed (docs/ARCHITECTURE.md §3);
-- raw.record holds one untouched JSONB payload per CSV row or API document.
begin;
\ir ../helpers/fixtures.psql
select plan(9);

-- Setup
create temp view batch_columns as
select a.attname::text as column_name, format_type(a.atttypid, a.atttypmod) as column_type
from pg_attribute as a
where a.attrelid in ('raw.batch'::regclass) and a.attnum > 0 and not a.attisdropped;

-- Test
select set_has(
    $$ select column_name, column_type from batch_columns $$,
    $$
    values
        ('batch_id', 'bigint'),
        ('source', 'text'),
        ('dataset', 'text'),
        ('origin', 'text'),
        ('format', 'text'),
        ('request', 'jsonb'),
        ('file_name', 'text'),
        ('file_size', 'bigint'),
        ('sha256', 'text'),
        ('http_status', 'integer'),
        ('row_count', 'integer'),
        ('status', 'text'),
        ('started_at', 'timestamp with time zone'),
        ('landed_at', 'timestamp with time zone')
    $$,
    'raw.batch has source, dataset, origin, request, file name, size, SHA-256, HTTP status, row count, status and timings'
);
select col_is_pk('raw', 'batch', 'batch_id', 'raw.batch is keyed by batch_id');
select col_is_pk('raw', 'stored_record', array['batch_id', 'line'], 'raw.stored_record is keyed by (batch_id, line): one row per line of a batch');
select col_type_is('raw', 'record', 'payload', 'jsonb', 'raw.record.payload is JSONB');
select throws_ok(
    $$ insert into raw.stored_record (batch_id, line) values (tests.land('fundata.quotes', '[]', 'empty.csv'), 2) $$,
    '23514', null,
    'a stored record is JSON or a CSV line, never neither'
);

select throws_ok(
    $$ insert into raw.batch (source, dataset, origin) values ('fundata', 'fundata.quotes', 'ftp') $$,
    '23514', null,
    'raw.batch.origin is csv or api, nothing else'
);
select throws_ok(
    $$ insert into raw.batch (source, dataset, origin, status) values ('fundata', 'fundata.quotes', 'csv', 'half') $$,
    '23514', null,
    'raw.batch.status is landed or failed: there is no half-landed state'
);
select lives_ok(
    $$ select tests.land('fundata.quotes', '[{"InstrumentKey": "1", "Date": "2024-01-15"}]', 'fixture.csv') $$,
    'a batch with its records lands'
);
select is(
    (select r.payload from raw.record as r where r.batch_id = tests.batch('fixture.csv')),
    '{"InstrumentKey": "1", "Date": "2024-01-15"}'::jsonb,
    'the record keeps the row as a JSON object keyed by the header'
);

select * from finish();
rollback;
