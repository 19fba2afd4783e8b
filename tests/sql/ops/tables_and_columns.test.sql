-- ops holds the task execution log, the file processing tracker, the transform
-- ledger and quality issues with the columns docs/ARCHITECTURE.md §4 names.
begin;
\ir ../helpers/fixtures.psql
select plan(12);

-- Setup
create temp view ops_columns as
select c.relname::text as table_name, a.attname::text as column_name, format_type(a.atttypid, a.atttypmod) as column_type
from pg_attribute as a
join pg_class as c on c.oid = a.attrelid
where c.relnamespace = 'ops'::regnamespace and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped;

-- Test
select set_has(
    $$ select column_name, column_type from ops_columns where table_name = 'task_run' $$,
    $$
    values
        ('task_run_id', 'bigint'),
        ('task_type', 'text'),
        ('task_id', 'text'),
        ('status', 'text'),
        ('started_at', 'timestamp with time zone'),
        ('finished_at', 'timestamp with time zone'),
        ('records_processed', 'bigint'),
        ('error_count', 'integer'),
        ('error_details', 'jsonb'),
        ('performance_metrics', 'jsonb'),
        ('duration_ms', 'bigint'),
        ('peak_memory_mb', 'numeric(10,1)')
    $$,
    'ops.task_run: type, id, start/end, status, records, errors, error details, performance metrics, duration, peak memory'
);
select lives_ok(
    $$
    insert into ops.task_run (task_type, task_id, status)
    values ('load', 'a', 'running'), ('load', 'b', 'completed'), ('load', 'c', 'failed'), ('load', 'd', 'cancelled')
    $$,
    'ops.task_run accepts the statuses running, completed, failed and cancelled'
);
select throws_ok(
    $$ insert into ops.task_run (task_type, task_id, status) values ('load', 'e', 'done') $$,
    '23514', null,
    'ops.task_run rejects a status outside its list'
);
insert into ops.task_run (task_type, task_id, status, started_at, finished_at)
values ('load', 'timed', 'completed', '2024-01-15 10:00:00+00', '2024-01-15 10:00:01.5+00');
select is(
    (select duration_ms from ops.task_run where task_id = 'timed'),
    1500::bigint,
    'ops.task_run.duration_ms follows from start and end (1.5 s -> 1500 ms)'
);
select set_has(
    $$ select column_name, column_type from ops_columns where table_name = 'file_tracker' $$,
    $$
    values
        ('file_path', 'text'),
        ('sha256', 'text'),
        ('file_size', 'bigint'),
        ('records', 'integer'),
        ('first_processed_at', 'timestamp with time zone'),
        ('last_processed_at', 'timestamp with time zone'),
        ('process_count', 'integer'),
        ('status', 'text')
    $$,
    'ops.file_tracker: path, hash, size, records, first/last processed, count, status'
);
select set_has(
    $$ select column_name, column_type from ops_columns where table_name = 'transform_definition' $$,
    $$ values ('name', 'text'), ('version', 'integer'), ('checksum', 'text'), ('applied_at', 'timestamp with time zone') $$,
    'ops.transform_definition: definition name, version, checksum, applied at'
);
select col_is_pk('ops', 'transform_definition', 'name', 'ops.transform_definition holds one row per definition');
select set_has(
    $$ select column_name, column_type from ops_columns where table_name = 'transform_batch' $$,
    $$ values ('transform_name', 'text'), ('batch_id', 'bigint'), ('version', 'integer'), ('consumed_at', 'timestamp with time zone') $$,
    'ops.transform_batch: which batch each transform consumed, with which version, when'
);
select col_is_pk('ops', 'transform_batch', array['transform_name', 'batch_id'],
    'ops.transform_batch is keyed by (transform_name, batch_id): a batch is consumed once per transform');
select set_has(
    $$ select column_name, column_type from ops_columns where table_name = 'quality_issue' $$,
    $$
    values
        ('batch_id', 'bigint'),
        ('line', 'integer'),
        ('rule', 'text'),
        ('field', 'text'),
        ('raw_value', 'text'),
        ('transform_name', 'text')
    $$,
    'ops.quality_issue: rule, field, raw value, batch and line'
);
select set_has(
    $$ select column_name, column_type from ops_columns where table_name = 'quarantine' $$,
    $$ values ('batch_id', 'bigint'), ('line', 'integer'), ('reason', 'text'), ('payload', 'jsonb') $$,
    'ops.quarantine keeps the record''s payload with its batch, line and reason'
);
select col_not_null('ops', 'quarantine', 'reason', 'a quarantined record always says why');

select * from finish();
rollback;
