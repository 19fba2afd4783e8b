-- Up Migration
-- The FMP call log: one row per HTTP attempt the FMP loader made (a retried
-- call has one row per attempt), with the API key removed from every stored
-- URL, parameter and message. Written in bulk by the loader; read by the API
-- usage aggregates and operators. Retention keeps it bounded (90 days).

create table ops.fmp_api_call (
    fmp_api_call_id bigint generated always as identity primary key,
    task_run_id bigint,
    dataset text not null,
    -- the path as requested, without host or key (as raw.batch.request ->> 'endpoint')
    endpoint text not null,
    -- the dataset table's path template, e.g. /api/v3/profile/{symbol}: groups calls per endpoint
    endpoint_template text not null,
    api_version text not null check (api_version in ('stable', 'v3')),
    params jsonb not null default '{}'::jsonb,
    symbols text[] not null default '{}',
    attempt smallint not null default 1 check (attempt >= 1),
    called_at timestamptz not null,
    response_time_ms integer,
    http_status integer,
    rate_limit_remaining integer,
    response_bytes integer,
    row_count integer,
    outcome text not null
        check (outcome in ('landed', 'unchanged', 'retried', 'failed', 'cancelled')),
    error text,
    batch_id bigint
);
comment on table ops.fmp_api_call is
    'One row per FMP HTTP attempt: endpoint, time, response time, status, symbols, rate-limit remaining, outcome, error (API key removed), landed batch.';
comment on column ops.fmp_api_call.outcome is
    'landed: a new raw batch; unchanged: same body as the last answer to the same request (batch_id names it); retried: this attempt failed and was retried; failed: the call gave up; cancelled: the load stopped while it was in flight.';

create index fmp_api_call_called_at_idx on ops.fmp_api_call (called_at);
create index fmp_api_call_dataset_called_at_idx on ops.fmp_api_call (dataset, called_at desc);
create index fmp_api_call_task_run_idx on ops.fmp_api_call (task_run_id);

-- "Has this exact request been answered with the same body before?": the
-- loader skips landing an unchanged answer. jsonb text is canonical (sorted
-- keys), so md5(request::text) identifies a request.
create index batch_fmp_request_idx on raw.batch (dataset, md5(request::text), batch_id)
    where source = 'fmp';

grant select, insert on ops.fmp_api_call to sra_loader;
grant select on ops.fmp_api_call to sra_transformer;
