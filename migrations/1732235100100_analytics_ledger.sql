-- Up Migration
-- The analytics build's ledger: the batches (and the transform run that
-- consumed them) it has taken in, so a refresh recomputes the portfolio
-- history only from the earliest date a new batch touched.
create table agg.analytics_batch (
    transform_name text not null,
    batch_id bigint not null references raw.batch (batch_id) on delete cascade,
    transform_run_id bigint not null,
    refreshed_at timestamptz not null default now(),
    primary key (transform_name, batch_id)
);
comment on table agg.analytics_batch is
    'Refresh ledger of the analytics build: the batches of the price, treasury and position transforms it has taken in.';
create index analytics_batch_batch_idx on agg.analytics_batch (batch_id);

alter table agg.analytics_state add column history_from date;
comment on column agg.analytics_state.history_from is
    'The first date whose portfolio history the last build recomputed (NULL: all of it).';
grant select, insert, update, delete on agg.analytics_batch to sra_transformer;
