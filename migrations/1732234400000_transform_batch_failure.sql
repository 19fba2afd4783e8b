-- Up Migration
-- A batch a transform could not consume. ops.run_transform runs its pending
-- batches together; when that fails with an error about the data, it runs
-- them one at a time and records each batch that still fails here, with the
-- error, while the others are consumed. A 'failed' batch is not retried by
-- later runs (ops.pending_batches skips it) until an operator re-queues it
-- (`sra transform --retry <batch>`: state 'retry', attempts + 1); a batch
-- that then succeeds leaves this table.
create table ops.transform_batch_failure (
    transform_name text,
    batch_id bigint,
    error text not null,
    detail text,
    failed_at timestamptz not null default now(),
    attempts int not null default 1,
    state text not null check (state in ('failed', 'retry')),
    primary key (transform_name, batch_id)
);
comment on table ops.transform_batch_failure is
    'Batches a transform failed to consume: the error (SQL error text, cut to a sane length), attempts, and state failed (skipped by later runs) or retry (re-queued).';

-- The failed batches, with what an operator needs to find them.
create view ops.failed_batch as
select
    f.transform_name,
    f.batch_id,
    b.dataset,
    b.file_name,
    f.error,
    f.failed_at,
    f.attempts
from ops.transform_batch_failure as f
left join raw.batch as b on b.batch_id = f.batch_id
where f.state = 'failed';
comment on view ops.failed_batch is
    'One row per batch a transform failed to consume and will not retry until re-queued: transform, batch, dataset, file, error, when, attempts.';

-- Each transform run records the batches it could not consume and the first error.
alter table ops.transform_run
    add column failed_batches integer not null default 0,
    add column error text;

grant select, insert, update, delete on ops.transform_batch_failure to sra_transformer;
grant select on ops.failed_batch to sra_transformer, sra_loader;
