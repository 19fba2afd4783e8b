-- definition: agg.refresh
-- version: 4
-- The continuous aggregates (docs/ARCHITECTURE.md §5), refreshed incrementally by
-- `select * from agg.refresh()`: only the buckets touched since the last
-- refresh are recomputed, from the same query a full recomputation uses, so
-- the result always equals `select * from agg.refresh(true)`.
--
-- What was touched comes from ledgers, never from "max id seen" watermarks:
-- - batch-fed aggregates compare ops.transform_batch (what their transform
--   consumed, and in which run) with ops.aggregate_batch (what they took in);
--   a batch consumed again by a new run (a rebuild) forces a full recompute,
--   since a rebuild can also remove rows;
-- - agg.api_usage_minute takes the buckets that the ops.fmp_api_call
--   triggers wrote into ops.aggregate_invalidation in the same transaction as
--   the calls themselves.

-- Batches the transforms writing p_target consumed that an aggregate has not
-- taken in (or took in from an earlier run of the transform).
create or replace function agg.pending_batches(p_aggregate text, p_target text)
returns table (transform_name text, batch_id bigint, transform_run_id bigint, reconsumed boolean)
language sql
stable
as $$
    select t.transform_name, t.batch_id, t.transform_run_id, l.batch_id is not null
    from ops.transform_definition as d
    join ops.transform_batch as t
        on t.transform_name = d.name
    left join ops.aggregate_batch as l
        on l.aggregate_name = p_aggregate
        and l.transform_name = t.transform_name
        and l.batch_id = t.batch_id
    where d.kind = 'transform'
        and d.target = p_target
        and (l.batch_id is null or l.transform_run_id is distinct from t.transform_run_id)
$$;

-- Record batches as taken in by an aggregate, and its refresh state.
create or replace function agg.mark_refreshed(
    p_aggregate text,
    p_transforms text[],
    p_batches bigint[],
    p_runs bigint[],
    p_buckets integer,
    p_full boolean,
    p_started timestamptz
)
returns void
language sql
as $$
    insert into ops.aggregate_batch as l (aggregate_name, transform_name, batch_id, transform_run_id)
    select p_aggregate, b.transform_name, b.batch_id, b.run_id
    from unnest(p_transforms, p_batches, p_runs) as b (transform_name, batch_id, run_id)
    on conflict (aggregate_name, transform_name, batch_id) do update
        set transform_run_id = excluded.transform_run_id,
            refreshed_at = now();

    update ops.aggregate_state as s
    set last_refreshed_at = now(),
        last_full_at = case when p_full then now() else s.last_full_at end,
        last_batches = coalesce(cardinality(p_batches), 0),
        last_buckets = p_buckets,
        last_ms = (extract(epoch from clock_timestamp() - p_started) * 1000)::integer
    where s.aggregate_name = p_aggregate;
$$;

---------------------------------------------------------------------------
-- agg.fund_nav_monthly: per identifier and calendar month, from the latest
-- version of each day that has a NAVPS.
---------------------------------------------------------------------------
create or replace function agg.refresh_fund_nav_monthly(p_full boolean default false)
returns table (aggregate_name text, batches integer, buckets integer, full_refresh boolean, ms integer)
language plpgsql
as $$
declare
    v_started timestamptz := clock_timestamp();
    v_transforms text[];
    v_batches bigint[];
    v_runs bigint[];
    v_full boolean;
    v_buckets integer;
    -- one query for both paths; %s is the bucket filter of the incremental one
    v_compute constant text := $q$
        insert into agg.fund_nav_monthly (
            identifier, month_start_date, first_date, last_date, opening_navps, closing_navps,
            max_navps, min_navps, avg_yield, trading_days
        )
        with
        latest as (
            select distinct on (q.identifier, q.date)
                q.identifier,
                q.date,
                q.navps,
                q.current_yield
            from core.fundata_quotes_latest as q
            %s
            order by q.identifier, q.date,
                q.array_source_field nulls first, q.array_element_index nulls first
        )
        select
            l.identifier,
            date_trunc('month', l.date)::date as month_start_date,
            min(l.date) as first_date,
            max(l.date) as last_date,
            (array_agg(l.navps order by l.date))[1] as opening_navps,
            (array_agg(l.navps order by l.date desc))[1] as closing_navps,
            max(l.navps) as max_navps,
            min(l.navps) as min_navps,
            round(avg(l.current_yield), 2) as avg_yield,
            count(*)::integer as trading_days
        from latest as l
        where l.navps is not null
        group by l.identifier, date_trunc('month', l.date)
    $q$;
begin
    select coalesce(array_agg(p.transform_name), '{}'), coalesce(array_agg(p.batch_id), '{}'),
        coalesce(array_agg(p.transform_run_id), '{}'), p_full or coalesce(bool_or(p.reconsumed), false)
    into v_transforms, v_batches, v_runs, v_full
    from agg.pending_batches('fund_nav_monthly', 'core.fundata_quotes') as p;

    if v_full then
        delete from agg.fund_nav_monthly;
        execute format(v_compute, '');
        get diagnostics v_buckets = row_count;
    elsif cardinality(v_batches) > 0 then
        -- the buckets of the rows those batches wrote (new versions carry
        -- their batch); processed_at bounds the scan to the runs' own rows
        if to_regclass('pg_temp._agg_buckets') is not null then
            drop table _agg_buckets;
        end if;
        create temp table _agg_buckets on commit drop as
        select distinct
            q.identifier,
            date_trunc('month', q.date)::date as bucket_start
        from ops.transform_run as r
        join core.fundata_quotes as q
            on q.processed_at >= r.started_at
            and q.processed_at <= coalesce(r.finished_at, 'infinity')
        where r.transform_run_id = any(v_runs)
            and q.batch_id = any(v_batches);
        get diagnostics v_buckets = row_count;
        analyze _agg_buckets;

        delete from agg.fund_nav_monthly as m
        using _agg_buckets as b
        where m.identifier = b.identifier and m.month_start_date = b.bucket_start;

        execute format(v_compute, $f$
            join _agg_buckets as b
                on b.identifier = q.identifier
                and q.date >= b.bucket_start
                and q.date < (b.bucket_start + interval '1 month')::date
        $f$);
    else
        v_buckets := 0;
    end if;

    perform agg.mark_refreshed('fund_nav_monthly', v_transforms, v_batches, v_runs, v_buckets, v_full, v_started);
    return query select 'fund_nav_monthly'::text, cardinality(v_batches), v_buckets, v_full,
        (extract(epoch from clock_timestamp() - v_started) * 1000)::integer;
end
$$;

---------------------------------------------------------------------------
-- agg.equity_ohlcv_weekly / agg.equity_ohlcv_monthly: per symbol and ISO
-- week (Monday start) or calendar month, from the latest version of each day
-- in core.equity_quotes. Both take in the same batches.
---------------------------------------------------------------------------
create or replace function agg.refresh_equity_ohlcv(p_full boolean default false)
returns table (aggregate_name text, batches integer, buckets integer, full_refresh boolean, ms integer)
language plpgsql
as $$
declare
    v_started timestamptz;
    v_unit text;
    v_aggregate text;
    v_transforms text[];
    v_batches bigint[];
    v_runs bigint[];
    v_full boolean;
    v_buckets integer;
    -- %1$s: the table, %2$s: the bucket column, %3$s: week or month, %4$s: the bucket filter
    v_compute constant text := $q$
        insert into agg.%1$s (
            symbol, %2$s, first_date, last_date, open, high, low, close, volume, trading_days
        )
        with
        latest as (
            select distinct on (q.symbol, q.date)
                q.symbol,
                q.date,
                q.open,
                q.high,
                q.low,
                q.close,
                q.volume
            from core.equity_quotes_latest as q
            %4$s
            order by q.symbol, q.date,
                q.array_source_field nulls first, q.array_element_index nulls first
        )
        select
            l.symbol,
            date_trunc('%3$s', l.date)::date,
            min(l.date),
            max(l.date),
            (array_agg(l.open order by l.date) filter (where l.open is not null))[1],
            max(l.high),
            min(l.low),
            (array_agg(l.close order by l.date desc) filter (where l.close is not null))[1],
            sum(l.volume),
            count(*)::integer
        from latest as l
        where l.close is not null
        group by l.symbol, date_trunc('%3$s', l.date)
    $q$;
begin
    foreach v_unit in array array['week', 'month'] loop
        v_started := clock_timestamp();
        v_aggregate := format('equity_ohlcv_%sly', v_unit);
        if to_regclass('core.equity_quotes') is null then
            return query select v_aggregate, 0, 0, false, 0;
            continue;
        end if;

        select coalesce(array_agg(p.transform_name), '{}'), coalesce(array_agg(p.batch_id), '{}'),
            coalesce(array_agg(p.transform_run_id), '{}'), p_full or coalesce(bool_or(p.reconsumed), false)
        into v_transforms, v_batches, v_runs, v_full
        from agg.pending_batches(v_aggregate, 'core.equity_quotes') as p;

        if v_full then
            execute format('delete from agg.%I', v_aggregate);
            execute format(v_compute, v_aggregate, v_unit || '_start_date', v_unit, '');
            get diagnostics v_buckets = row_count;
        elsif cardinality(v_batches) > 0 then
            if to_regclass('pg_temp._agg_buckets') is not null then
                drop table _agg_buckets;
            end if;
            create temp table _agg_buckets on commit drop as
            select distinct
                q.symbol,
                date_trunc(v_unit, q.date)::date as bucket_start
            from ops.transform_run as r
            join core.equity_quotes as q
                on q.processed_at >= r.started_at
                and q.processed_at <= coalesce(r.finished_at, 'infinity')
            where r.transform_run_id = any(v_runs)
                and q.batch_id = any(v_batches);
            get diagnostics v_buckets = row_count;
            analyze _agg_buckets;

            execute format(
                'delete from agg.%1$I as a using _agg_buckets as b where a.symbol = b.symbol and a.%2$I = b.bucket_start',
                v_aggregate, v_unit || '_start_date');
            execute format(v_compute, v_aggregate, v_unit || '_start_date', v_unit, format($f$
                join _agg_buckets as b
                    on b.symbol = q.symbol
                    and q.date >= b.bucket_start
                    and q.date < (b.bucket_start + interval '1 %s')::date
            $f$, v_unit));
        else
            v_buckets := 0;
        end if;

        perform agg.mark_refreshed(v_aggregate, v_transforms, v_batches, v_runs, v_buckets, v_full, v_started);
        return query select v_aggregate, cardinality(v_batches), v_buckets, v_full,
            (extract(epoch from clock_timestamp() - v_started) * 1000)::integer;
    end loop;
end
$$;

---------------------------------------------------------------------------
-- agg.api_usage_minute: per FMP endpoint (its path template) and minute,
-- from ops.fmp_api_call (one row per HTTP attempt).
---------------------------------------------------------------------------
create or replace function agg.refresh_api_usage_minute(p_full boolean default false)
returns table (aggregate_name text, batches integer, buckets integer, full_refresh boolean, ms integer)
language plpgsql
as $$
declare
    v_started timestamptz := clock_timestamp();
    v_buckets integer;
    v_compute constant text := $q$
        insert into agg.api_usage_minute (
            endpoint, minute_at, calls, failed_calls, rate_limited_calls, avg_duration_ms, max_duration_ms
        )
        select
            c.endpoint_template as endpoint,
            date_trunc('minute', c.called_at) as minute_at,
            count(*)::integer as calls,
            (count(*) filter (where c.outcome in ('failed', 'retried')))::integer as failed_calls,
            (count(*) filter (where c.http_status = 429))::integer as rate_limited_calls,
            round(avg(c.response_time_ms), 1) as avg_duration_ms,
            max(c.response_time_ms) as max_duration_ms
        from ops.fmp_api_call as c
        %s
        group by c.endpoint_template, date_trunc('minute', c.called_at)
    $q$;
begin
    if p_full then
        delete from ops.aggregate_invalidation as i where i.aggregate_name = 'api_usage_minute';
        delete from agg.api_usage_minute;
        execute format(v_compute, '');
        get diagnostics v_buckets = row_count;
    else
        if to_regclass('pg_temp._agg_minutes') is not null then
            drop table _agg_minutes;
        end if;
        create temp table _agg_minutes on commit drop as
        with taken as (
            delete from ops.aggregate_invalidation as i
            where i.aggregate_name = 'api_usage_minute'
            returning i.bucket_key, i.bucket_at
        )
        select distinct t.bucket_key as endpoint, t.bucket_at as minute_at
        from taken as t;
        get diagnostics v_buckets = row_count;

        if v_buckets > 0 then
            delete from agg.api_usage_minute as a
            using _agg_minutes as m
            where a.endpoint = m.endpoint and a.minute_at = m.minute_at;

            execute format(v_compute, $f$
                join _agg_minutes as m
                    on m.endpoint = c.endpoint_template
                    and c.called_at >= m.minute_at
                    and c.called_at < m.minute_at + interval '1 minute'
            $f$);
        end if;
    end if;

    perform agg.mark_refreshed('api_usage_minute', '{}', '{}', '{}', v_buckets, p_full, v_started);
    return query select 'api_usage_minute'::text, 0, v_buckets, p_full,
        (extract(epoch from clock_timestamp() - v_started) * 1000)::integer;
end
$$;

---------------------------------------------------------------------------
-- Every aggregate, under one lock (a second refresh waits, then finds
-- nothing new).
---------------------------------------------------------------------------
create or replace function agg.refresh(p_full boolean default false)
returns table (aggregate_name text, batches integer, buckets integer, full_refresh boolean, ms integer)
language plpgsql
as $$
begin
    perform pg_advisory_xact_lock(hashtext('sra.aggregates'));
    perform set_config('work_mem', '256MB', true);
    return query select * from agg.refresh_fund_nav_monthly(p_full);
    return query select * from agg.refresh_equity_ohlcv(p_full);
    return query select * from agg.refresh_api_usage_minute(p_full);
    return query select * from agg.refresh_latest_company_metrics(p_full);
    return query select * from agg.refresh_security_search(p_full);
end
$$;
