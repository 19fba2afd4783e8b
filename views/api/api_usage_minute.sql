-- view: api.api_usage_minute
-- Grain: one row per FMP endpoint (path template) per minute with a call:
-- attempts, failed and rate-limited attempts, response times.
-- From agg.api_usage_minute (transforms/agg/refresh_aggregates.sql).
create view api.api_usage_minute as
select
    u.endpoint,
    u.minute_at,
    u.calls,
    u.failed_calls,
    u.rate_limited_calls,
    u.avg_duration_ms,
    u.max_duration_ms
from agg.api_usage_minute as u;

comment on view api.api_usage_minute is 'One row per FMP endpoint per minute: calls made, failed and rate-limited calls, response times.';
