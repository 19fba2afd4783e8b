-- Up Migration
-- Continuous aggregates (agg) and their refresh ledger, the ops settings, and
-- the in-database schedules: pg_cron jobs where the extension is available,
-- otherwise the same jobs run by the worker (`sra worker`).

---------------------------------------------------------------------------
-- ops.task_run: a refresh step whose source is not configured is 'skipped'
---------------------------------------------------------------------------
alter table ops.task_run drop constraint if exists task_run_status_check;
alter table ops.task_run add constraint task_run_status_check
    check (status in ('running', 'completed', 'partial', 'failed', 'cancelled', 'skipped'));

---------------------------------------------------------------------------
-- ops.setting: small operator settings read by the in-database jobs
---------------------------------------------------------------------------
create table ops.setting (
    name text primary key,
    value text not null,
    description text not null,
    updated_at timestamptz not null default now()
);
comment on table ops.setting is
    'Operator settings read by the in-database jobs (retention ages). The worker writes SRA_RAW_RETENTION_DAYS here when it is set.';

insert into ops.setting (name, value, description) values
    -- off by default: raw batches are what `sra transform --rebuild` rebuilds from
    ('raw_retention_days', '0',
        'Raw batches landed more than this many days ago, consumed by every transform of their dataset, are deleted by the retention job (0: keep raw forever).'),
    ('api_call_retention_days', '90',
        'ops.fmp_api_call rows (and agg.api_usage_minute buckets) older than this many days are deleted by the retention job.');

---------------------------------------------------------------------------
-- agg: continuous aggregates, maintained incrementally by agg.refresh()
-- (transforms/agg/refresh_aggregates.sql). Every table's key starts with its
-- distribution key (identifier, symbol).
---------------------------------------------------------------------------
create table agg.fund_nav_monthly (
    identifier text not null,
    month_start_date date not null,
    first_date date not null,
    last_date date not null,
    opening_navps decimal(12, 2) not null,
    closing_navps decimal(12, 2) not null,
    max_navps decimal(12, 2) not null,
    min_navps decimal(12, 2) not null,
    avg_yield decimal(12, 2),
    trading_days integer not null,
    primary key (identifier, month_start_date)
);
comment on table agg.fund_nav_monthly is
    'One row per identifier per calendar month with a NAVPS: from the latest version of each day in core.fundata_quotes.';

create table agg.equity_ohlcv_weekly (
    symbol text not null,
    week_start_date date not null,
    first_date date not null,
    last_date date not null,
    open numeric,
    high numeric,
    low numeric,
    close numeric,
    volume numeric,
    trading_days integer not null,
    primary key (symbol, week_start_date)
);
comment on table agg.equity_ohlcv_weekly is
    'One row per symbol per ISO week (Monday start) with a daily price: from the latest version of each day in core.equity_quotes.';

create table agg.equity_ohlcv_monthly (
    symbol text not null,
    month_start_date date not null,
    first_date date not null,
    last_date date not null,
    open numeric,
    high numeric,
    low numeric,
    close numeric,
    volume numeric,
    trading_days integer not null,
    primary key (symbol, month_start_date)
);
comment on table agg.equity_ohlcv_monthly is
    'One row per symbol per calendar month with a daily price: from the latest version of each day in core.equity_quotes.';

create table agg.api_usage_minute (
    endpoint text not null,
    minute_at timestamptz not null,
    calls integer not null,
    failed_calls integer not null,
    rate_limited_calls integer not null,
    avg_duration_ms numeric(12, 1),
    max_duration_ms integer,
    primary key (endpoint, minute_at)
);
comment on table agg.api_usage_minute is
    'One row per FMP endpoint per minute with at least one call: from ops.fmp_api_call.';

-- The incremental refresh finds the rows a transform run wrote by their
-- processed_at (the run's transaction time); core.fundata_quotes has this
-- index already.
create index if not exists equity_quotes_processed_at_idx on core.equity_quotes (processed_at);

alter table agg.fund_nav_monthly owner to sra_transformer;
alter table agg.equity_ohlcv_weekly owner to sra_transformer;
alter table agg.equity_ohlcv_monthly owner to sra_transformer;
alter table agg.api_usage_minute owner to sra_transformer;

---------------------------------------------------------------------------
-- The refresh ledger: which transform output each aggregate has taken in.
---------------------------------------------------------------------------
-- One row per aggregate per consumed batch, with the transform run that
-- consumed it: a batch consumed again (a transform rebuild) is seen as new.
-- Retention deleting a raw batch removes its ledger rows with it.
create table ops.aggregate_batch (
    aggregate_name text not null,
    transform_name text not null,
    batch_id bigint not null references raw.batch (batch_id) on delete cascade,
    transform_run_id bigint not null,
    refreshed_at timestamptz not null default now(),
    primary key (aggregate_name, transform_name, batch_id)
);
create index aggregate_batch_batch_idx on ops.aggregate_batch (batch_id);
comment on table ops.aggregate_batch is
    'Refresh ledger of the continuous aggregates: the batches (and the transform run that consumed them) each aggregate has taken in.';

-- Buckets invalidated by sources that have no batches (ops.fmp_api_call):
-- written by a statement trigger in the same transaction as the rows, taken
-- (deleted) by the refresh. Concurrency-safe where a "max id seen" is not.
create table ops.aggregate_invalidation (
    aggregate_name text not null,
    bucket_key text not null,
    bucket_at timestamptz not null,
    primary key (aggregate_name, bucket_key, bucket_at)
);
comment on table ops.aggregate_invalidation is
    'Buckets of an aggregate whose source rows changed since its last refresh (for sources without batches).';

-- One row per aggregate: when it was last refreshed and how much it redid.
create table ops.aggregate_state (
    aggregate_name text primary key,
    source text not null,
    last_refreshed_at timestamptz,
    last_full_at timestamptz,
    last_batches integer not null default 0,
    last_buckets integer not null default 0,
    last_ms integer not null default 0
);
insert into ops.aggregate_state (aggregate_name, source) values
    ('fund_nav_monthly', 'transform fundata_quotes'),
    ('equity_ohlcv_weekly', 'transform equity_quotes'),
    ('equity_ohlcv_monthly', 'transform equity_quotes'),
    ('api_usage_minute', 'ops.fmp_api_call');

grant select, insert, update, delete on
    ops.aggregate_batch, ops.aggregate_invalidation, ops.aggregate_state
    to sra_transformer;

-- ops.fmp_api_call has no batches: its triggers note the (endpoint, minute)
-- buckets its rows fall in, in the same transaction as the rows.
create or replace function ops.invalidate_api_usage()
returns trigger
language plpgsql
security definer
set search_path = pg_catalog, ops
as $$
begin
    if tg_op in ('INSERT', 'UPDATE') then
        insert into ops.aggregate_invalidation (aggregate_name, bucket_key, bucket_at)
        select distinct 'api_usage_minute', n.endpoint_template, date_trunc('minute', n.called_at)
        from new_rows as n
        on conflict do nothing;
    end if;
    if tg_op in ('DELETE', 'UPDATE') then
        insert into ops.aggregate_invalidation (aggregate_name, bucket_key, bucket_at)
        select distinct 'api_usage_minute', o.endpoint_template, date_trunc('minute', o.called_at)
        from old_rows as o
        on conflict do nothing;
    end if;
    return null;
end
$$;

create trigger fmp_api_call_usage_insert
    after insert on ops.fmp_api_call
    referencing new table as new_rows
    for each statement execute function ops.invalidate_api_usage();
create trigger fmp_api_call_usage_update
    after update on ops.fmp_api_call
    referencing old table as old_rows new table as new_rows
    for each statement execute function ops.invalidate_api_usage();
create trigger fmp_api_call_usage_delete
    after delete on ops.fmp_api_call
    referencing old table as old_rows
    for each statement execute function ops.invalidate_api_usage();
grant select on ops.setting to sra_transformer;

---------------------------------------------------------------------------
-- The in-database jobs: one list, installed into pg_cron where available and
-- run by the worker otherwise (it reads this table).
---------------------------------------------------------------------------
create table ops.scheduled_job (
    job_name text primary key,
    schedule text not null,
    command text not null,
    description text not null,
    cron_job_id bigint,
    installed_at timestamptz
);
comment on table ops.scheduled_job is
    'In-database jobs: pg_cron runs them where installed (cron_job_id set); otherwise the worker runs the same command on the same schedule.';

insert into ops.scheduled_job (job_name, schedule, command, description) values
    ('sra-transforms', '*/5 * * * *', 'select * from ops.run_transforms(false)',
        'every transform over the batches it has not consumed (a run with nothing new only checks the ledger)'),
    ('sra-aggregates', '*/15 * * * *', 'select * from agg.refresh()',
        'the continuous aggregates, incrementally'),
    ('sra-maintenance', '0 2 * * 0', 'select * from ops.run_maintenance()',
        'weekly: CLUSTER and ANALYZE of the clustered core tables'),
    ('sra-retention', '30 3 * * *', 'select * from ops.run_retention()',
        'daily: API call log and consumed raw batches past their retention age (ops.setting)');
grant select on ops.scheduled_job to sra_transformer;

-- Install (or update) the jobs in pg_cron when it is usable here: the
-- extension exists, or can be created (preloaded, and this database is
-- cron.database_name). Idempotent; elsewhere it changes nothing and says so.
create or replace function ops.install_cron_jobs()
returns text
language plpgsql
as $$
declare
    v_preloaded boolean := 'pg_cron' = any(string_to_array(
        replace(coalesce(current_setting('shared_preload_libraries', true), ''), ' ', ''), ','));
    v_cron_db text := current_setting('cron.database_name', true);
    j record;
begin
    if not exists (select 1 from pg_extension where extname = 'pg_cron') then
        if not v_preloaded
            or v_cron_db is distinct from current_database()
            or not exists (select 1 from pg_available_extensions where name = 'pg_cron') then
            update ops.scheduled_job set cron_job_id = null, installed_at = null;
            return format('pg_cron is not available in database %s: the worker runs the jobs', current_database());
        end if;
        begin
            create extension if not exists pg_cron;
        exception when insufficient_privilege then
            update ops.scheduled_job set cron_job_id = null, installed_at = null;
            return 'pg_cron could not be created (insufficient privilege): the worker runs the jobs';
        end;
    end if;
    begin
        for j in select * from ops.scheduled_job order by job_name loop
            execute 'update ops.scheduled_job set cron_job_id = cron.schedule($1, $2, $3), installed_at = now() where job_name = $1'
                using j.job_name, j.schedule, j.command;
        end loop;
    exception when insufficient_privilege then
        update ops.scheduled_job set cron_job_id = null, installed_at = null;
        return format('pg_cron is there but %s may not schedule jobs (grant usage on schema cron): the worker runs the jobs', current_user);
    end;
    return format('pg_cron runs %s jobs in database %s', (select count(*) from ops.scheduled_job), current_database());
end
$$;

do $$
begin
    raise notice '%', ops.install_cron_jobs();
end
$$;
