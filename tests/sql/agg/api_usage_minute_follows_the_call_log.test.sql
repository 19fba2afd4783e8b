-- agg.api_usage_minute counts FMP calls per endpoint per minute; the buckets
-- touched by new (or deleted) calls are recomputed, and the result equals a
-- full recomputation.
begin;
\ir ../helpers/fixtures.psql
select plan(5);

-- Setup
create function tests.call(p_template text, p_at timestamptz, p_status integer, p_ms integer, p_outcome text)
returns void
language sql
as $$
    insert into ops.fmp_api_call (dataset, endpoint, endpoint_template, api_version, called_at, response_time_ms, http_status, outcome)
    values ('fmp.profile', replace(p_template, '{symbol}', 'AAPL'), p_template, 'v3', p_at, p_ms, p_status, p_outcome)
$$;
select tests.call('/api/v3/profile/{symbol}', '2024-05-01 10:00:05+00', 200, 100, 'landed');
select tests.call('/api/v3/profile/{symbol}', '2024-05-01 10:00:59+00', 429, 300, 'retried');
select tests.call('/api/v3/profile/{symbol}', '2024-05-01 10:01:00+00', 200, 50, 'landed');
select tests.call('/api/v3/quote/{symbol}', '2024-05-01 10:00:30+00', 500, 20, 'failed');
select * from agg.refresh();

-- Test
select results_eq(
    $$ select endpoint, minute_at, calls, failed_calls, rate_limited_calls, avg_duration_ms, max_duration_ms
       from agg.api_usage_minute order by endpoint, minute_at $$,
    $$ values
        ('/api/v3/profile/{symbol}'::text, timestamptz '2024-05-01 10:00:00+00', 2, 1, 1, 200.0::numeric, 300),
        ('/api/v3/profile/{symbol}', timestamptz '2024-05-01 10:01:00+00', 1, 0, 0, 50.0, 50),
        ('/api/v3/quote/{symbol}', timestamptz '2024-05-01 10:00:00+00', 1, 1, 0, 20.0, 20) $$,
    'one row per endpoint template per minute: attempts, failed and rate-limited attempts, response times'
);

select tests.call('/api/v3/profile/{symbol}', '2024-05-01 10:01:30+00', 200, 150, 'landed');
create temp table second as select * from agg.refresh();
select results_eq(
    $$ select buckets from second where aggregate_name = 'api_usage_minute' $$,
    $$ values (1) $$,
    'a new call invalidates only its own minute'
);
select results_eq(
    $$ select calls, avg_duration_ms from agg.api_usage_minute
       where endpoint = '/api/v3/profile/{symbol}' and minute_at = '2024-05-01 10:01:00+00' $$,
    $$ values (2, 100.0::numeric) $$,
    'that minute now counts both calls'
);

delete from ops.fmp_api_call where endpoint_template = '/api/v3/quote/{symbol}';
select * from agg.refresh();
select is_empty(
    $$ select * from agg.api_usage_minute where endpoint = '/api/v3/quote/{symbol}' $$,
    'deleted calls (retention) take their buckets with them'
);

create temp table incremental as select * from agg.api_usage_minute;
select * from agg.refresh(true);
select set_eq(
    $$ select * from incremental $$,
    $$ select * from agg.api_usage_minute $$,
    'the incrementally refreshed usage equals a full recomputation'
);

select * from finish();
rollback;
