-- ops.transform_batch_failure and ops.failed_batch are read by status and
-- metrics code: their columns, types, keys and states are a contract.
begin;
\ir ../helpers/fixtures.psql
select plan(11);

-- Test
select columns_are(
    'ops', 'transform_batch_failure',
    array['transform_name', 'batch_id', 'error', 'detail', 'failed_at', 'attempts', 'state'],
    'ops.transform_batch_failure has exactly the contract''s columns'
);
select results_eq(
    $$
    select a.attname::text collate "default", format_type(a.atttypid, a.atttypmod), a.attnotnull
    from pg_attribute as a
    where a.attrelid = 'ops.transform_batch_failure'::regclass and a.attnum > 0 and not a.attisdropped
    order by a.attnum
    $$,
    $$
    values
        ('transform_name'::text, 'text'::text, true),
        ('batch_id', 'bigint', true),
        ('error', 'text', true),
        ('detail', 'text', false),
        ('failed_at', 'timestamp with time zone', true),
        ('attempts', 'integer', true),
        ('state', 'text', true)
    $$,
    'each column has the contract''s type and nullability (the key columns are not null)'
);
select col_is_pk('ops', 'transform_batch_failure', array['transform_name', 'batch_id'], 'one row per transform and batch');
select col_default_is('ops', 'transform_batch_failure', 'failed_at', 'now()', 'failed_at defaults to now()');
select col_default_is('ops', 'transform_batch_failure', 'attempts', '1', 'attempts defaults to 1');
select throws_ok(
    $$ insert into ops.transform_batch_failure (transform_name, batch_id, error, state) values ('t', 1, 'e', 'done') $$,
    '23514', null,
    'state is failed or retry, nothing else'
);
select lives_ok(
    $$ insert into ops.transform_batch_failure (transform_name, batch_id, error, state) values ('t', 1, 'e', 'failed'), ('t', 2, 'e', 'retry') $$,
    'failed and retry are states'
);
select columns_are(
    'ops', 'failed_batch',
    array['transform_name', 'batch_id', 'dataset', 'file_name', 'error', 'failed_at', 'attempts'],
    'ops.failed_batch has the contract''s columns'
);
select results_eq(
    $$ select transform_name, batch_id, attempts from ops.failed_batch $$,
    $$ values ('t'::text, 1::bigint, 1) $$,
    'ops.failed_batch lists the failed batches only, not the re-queued ones'
);
select has_column('ops', 'transform_run', 'failed_batches', 'ops.transform_run counts the batches a run failed');
select has_column('ops', 'transform_run', 'error', 'ops.transform_run keeps the first error of a run');

select * from finish();
rollback;
