
CREATE SCHEMA agg;

CREATE SCHEMA api;

CREATE SCHEMA core;

CREATE SCHEMA ops;

CREATE SCHEMA parse_careful;

CREATE SCHEMA parse_fast;

CREATE SCHEMA raw;

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

CREATE FUNCTION agg.black_scholes(p_call boolean, p_s double precision, p_k double precision, p_t double precision, p_r double precision, p_sigma double precision) RETURNS TABLE(price double precision, delta double precision, gamma double precision, theta double precision, vega double precision, rho double precision)
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
declare
    v double precision;
    d1 double precision;
    d2 double precision;
    disc double precision;
    nd1 double precision;
    nd2 double precision;
    pdf double precision;
begin
    if p_t <= 0 and p_s is not null and p_k is not null then
        return query select case when p_call then greatest(p_s - p_k, 0) else greatest(p_k - p_s, 0) end,
            0::double precision, 0::double precision, 0::double precision, 0::double precision, 0::double precision;
        return;
    end if;
    if (p_t > 0 and p_sigma > 0 and p_s > 0 and p_k > 0 and p_r is not null) is not true then
        return;
    end if;
    v := p_sigma * sqrt(p_t);
    d1 := (ln(p_s / p_k) + (p_r + p_sigma * p_sigma / 2) * p_t) / v;
    d2 := d1 - v;
    disc := exp(-p_r * p_t);
    pdf := agg.norm_pdf(d1);
    if p_call then
        nd1 := agg.norm_cdf(d1);
        nd2 := agg.norm_cdf(d2);
        return query select p_s * nd1 - p_k * disc * nd2, nd1, pdf / (p_s * p_sigma * sqrt(p_t)),
            (-p_s * pdf * p_sigma / (2 * sqrt(p_t)) - p_r * p_k * disc * nd2) / 365,
            p_s * pdf * sqrt(p_t) / 100, p_k * p_t * disc * nd2 / 100;
    else
        nd1 := agg.norm_cdf(-d1);
        nd2 := agg.norm_cdf(-d2);
        return query select p_k * disc * nd2 - p_s * nd1, agg.norm_cdf(d1) - 1, pdf / (p_s * p_sigma * sqrt(p_t)),
            (-p_s * pdf * p_sigma / (2 * sqrt(p_t)) + p_r * p_k * disc * nd2) / 365,
            p_s * pdf * sqrt(p_t) / 100, -p_k * p_t * disc * nd2 / 100;
    end if;
end
$$;

CREATE FUNCTION agg.black_scholes_price(p_call boolean, p_s double precision, p_k double precision, p_t double precision, p_r double precision, p_sigma double precision) RETURNS double precision
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
declare
    v double precision;
    d1 double precision;
    d2 double precision;
begin
    if p_s is null or p_k is null or p_t is null then
        return null;
    end if;
    if p_t <= 0 then
        return case when p_call then greatest(p_s - p_k, 0) else greatest(p_k - p_s, 0) end;
    end if;
    if p_r is null or not (p_sigma > 0) or not (p_s > 0) or not (p_k > 0) then
        return null;
    end if;
    v := p_sigma * sqrt(p_t);
    d1 := (ln(p_s / p_k) + (p_r + p_sigma * p_sigma / 2) * p_t) / v;
    d2 := d1 - v;
    if p_call then
        return p_s * agg.norm_cdf(d1) - p_k * exp(-p_r * p_t) * agg.norm_cdf(d2);
    end if;
    return p_k * exp(-p_r * p_t) * agg.norm_cdf(-d2) - p_s * agg.norm_cdf(-d1);
end
$$;

CREATE TABLE agg.latest_company_metrics (
    symbol text NOT NULL COLLATE pg_catalog."C",
    company_name text,
    exchange text,
    sector text,
    industry text,
    country text,
    currency text,
    market_cap numeric,
    beta numeric,
    profile_price numeric,
    is_actively_trading boolean,
    profile_as_of timestamp with time zone,
    valuation_as_of date,
    pe_ratio numeric,
    pb_ratio numeric,
    ps_ratio numeric,
    price_to_free_cash_flow numeric,
    peg_ratio numeric,
    ev_to_ebitda numeric,
    ev_to_sales numeric,
    enterprise_value numeric,
    dividend_yield numeric,
    profitability_as_of date,
    gross_profit_margin numeric,
    operating_profit_margin numeric,
    net_profit_margin numeric,
    ebitda_margin numeric,
    return_on_equity numeric,
    return_on_assets numeric,
    return_on_invested_capital numeric,
    financial_health_as_of date,
    debt_to_equity numeric,
    debt_to_assets numeric,
    current_ratio numeric,
    quick_ratio numeric,
    interest_coverage numeric,
    net_debt_to_ebitda numeric,
    performance_as_of date,
    last_close numeric,
    return_1m numeric,
    return_ytd numeric,
    return_1y numeric,
    total_return_1y numeric,
    fundamentals_as_of date,
    fiscal_year integer,
    reported_currency text,
    revenue numeric,
    gross_profit numeric,
    operating_income numeric,
    ebitda numeric,
    net_income numeric,
    eps numeric,
    eps_diluted numeric,
    diluted_shares numeric,
    refreshed_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE FUNCTION agg.compute_latest_company_metrics(p_symbols text[] DEFAULT NULL::text[]) RETURNS SETOF agg.latest_company_metrics
    LANGUAGE plpgsql STABLE
    AS $_$
begin
    -- dynamic, so the symbol filter is planned with its values (one plan
    -- for a handful of symbols, another for all of them)
    return query execute $q$
        select
            ---------- profile
            p.symbol,
            p.company_name,
            p.exchange,
            p.sector,
            p.industry,
            p.country,
            p.currency,
            p.market_cap,
            p.beta,
            p.price as profile_price,
            p.is_actively_trading,
            pc.vendor_as_of as profile_as_of,
            ---------- valuation (FMP ratios and key metrics of the newest fiscal year)
            r.date as valuation_as_of,
            r.price_to_earnings_ratio as pe_ratio,
            r.price_to_book_ratio as pb_ratio,
            r.price_to_sales_ratio as ps_ratio,
            r.price_to_free_cash_flow_ratio as price_to_free_cash_flow,
            r.price_to_earnings_growth_ratio as peg_ratio,
            coalesce(k.ev_to_ebitda, r.enterprise_value_multiple) as ev_to_ebitda,
            k.ev_to_sales,
            k.enterprise_value,
            r.dividend_yield,
            ---------- profitability (newest fiscal year)
            r.date as profitability_as_of,
            r.gross_profit_margin,
            r.operating_profit_margin,
            r.net_profit_margin,
            r.ebitda_margin,
            r.return_on_equity,
            r.return_on_assets,
            k.return_on_invested_capital,
            ---------- financial health (newest fiscal year)
            r.date as financial_health_as_of,
            r.debt_to_equity_ratio as debt_to_equity,
            r.debt_to_assets_ratio as debt_to_assets,
            r.current_ratio,
            r.quick_ratio,
            r.interest_coverage_ratio as interest_coverage,
            k.net_debt_to_ebitda,
            ---------- performance (daily prices, split-adjusted)
            last.date as performance_as_of,
            last.close as last_close,
            round(last.close * m1.split_multiple / m1.close - 1, 6) as return_1m,
            round(last.close * ytd.split_multiple / ytd.close - 1, 6) as return_ytd,
            round(last.close * y1.split_multiple / y1.close - 1, 6) as return_1y,
            round(last.close * y1.split_multiple * y1.dividend_multiple / y1.close - 1, 6) as total_return_1y,
            ---------- fundamentals (income statement of the newest fiscal year)
            i.date as fundamentals_as_of,
            i.fiscal_year,
            i.reported_currency,
            i.revenue,
            i.gross_profit,
            i.operating_income,
            i.ebitda,
            i.net_income,
            i.eps,
            i.eps_diluted,
            i.weighted_average_shs_out_dil as diluted_shares,
            now() as refreshed_at
        from core.equity_profile_current as pc
        join core.equity_profile as p on p.symbol = pc.symbol and p.data_version = pc.data_version
        left join lateral (
            select h.*
            from core.equity_ratios_current as c
            join core.equity_ratios as h on h.symbol = c.symbol and h.period = c.period and h.date = c.date and h.data_version = c.data_version
            where c.symbol = pc.symbol and c.period = 'FY'
            order by c.date desc
            limit 1
        ) as r on true
        left join lateral (
            select h.*
            from core.equity_key_metrics_current as c
            join core.equity_key_metrics as h
                on h.symbol = c.symbol and h.period = c.period and h.date = c.date and h.data_version = c.data_version
            where c.symbol = pc.symbol and c.period = 'FY'
            order by c.date desc
            limit 1
        ) as k on true
        left join lateral (
            select h.*
            from core.equity_income_current as c
            join core.equity_income as h on h.symbol = c.symbol and h.period = c.period and h.date = c.date and h.data_version = c.data_version
            where c.symbol = pc.symbol and c.period = 'FY'
            order by c.date desc
            limit 1
        ) as i on true
        -- the newest close, stored by the equity_quotes transform
        left join core.equity_quotes_current_date as last on last.symbol = pc.symbol
        -- each anchor: the last close on or before the anchor date, and the
        -- multiples that carry it to last.date's basis: the splits after it (ratio
        -- numerator / denominator) and, for total return, each dividend after it
        -- reinvested (1 / (1 - dividend / previous close))
        left join lateral (
            select a.close, a.split_multiple
            from core.equity_return_anchor(pc.symbol, (last.date - interval '1 month')::date, last.date) as a
        ) as m1 on true
        left join lateral (
            select a.close, a.split_multiple
            from core.equity_return_anchor(pc.symbol, make_date(extract(year from last.date)::integer - 1, 12, 31), last.date) as a
        ) as ytd on true
        left join lateral (
            select a.close, a.split_multiple, a.dividend_multiple
            from core.equity_return_anchor(pc.symbol, (last.date - interval '1 year')::date, last.date) as a
        ) as y1 on true
    $q$ || case when p_symbols is null then '' else ' where pc.symbol = any($1)' end
    using p_symbols;
end
$_$;

CREATE FUNCTION agg.history_flag(n bigint) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
    select case when n < 60 then 'insufficient_history' when n < 252 then 'limited_history' else 'full_history' end
$$;

CREATE FUNCTION agg.mark_refreshed(p_aggregate text, p_transforms text[], p_batches bigint[], p_runs bigint[], p_buckets integer, p_full boolean, p_started timestamp with time zone) RETURNS void
    LANGUAGE sql
    AS $$
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

CREATE FUNCTION agg.norm_cdf(x double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select case when x > 0 then 1 - agg.norm_tail(x) else agg.norm_tail(x) end
$$;

CREATE FUNCTION agg.norm_pdf(x double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ select exp(-x * x / 2) / sqrt(2 * pi()) $$;

CREATE FUNCTION agg.norm_tail(x double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select case
        when abs(x) > 37 then 0
        when abs(x) < 7.07106781186547 then exp(-x * x / 2)
            * ((((((3.52624965998911e-02 * abs(x) + 0.700383064443688) * abs(x) + 6.37396220353165) * abs(x)
                + 33.912866078383) * abs(x) + 112.079291497871) * abs(x) + 221.213596169931) * abs(x) + 220.206867912376)
            / (((((((8.83883476483184e-02 * abs(x) + 1.75566716318264) * abs(x) + 16.064177579207) * abs(x)
                + 86.7807322029461) * abs(x) + 296.564248779674) * abs(x) + 637.333633378831) * abs(x)
                + 793.826512519948) * abs(x) + 440.413735824752)
        else exp(-x * x / 2) / (abs(x) + 1 / (abs(x) + 2 / (abs(x) + 3 / (abs(x) + 4 / (abs(x) + 0.65))))) / 2.506628274631
    end
$$;

CREATE FUNCTION agg.pending_batches(p_aggregate text, p_target text) RETURNS TABLE(transform_name text, batch_id bigint, transform_run_id bigint, reconsumed boolean)
    LANGUAGE sql STABLE
    AS $$
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

CREATE FUNCTION agg.refresh(p_full boolean DEFAULT false) RETURNS TABLE(aggregate_name text, batches integer, buckets integer, full_refresh boolean, ms integer)
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION agg.refresh_analytics(p_full boolean DEFAULT false) RETURNS TABLE(as_of_date date, symbols integer, positions integer, history_from date, ms integer)
    LANGUAGE plpgsql
    AS $_$
declare
    v_started timestamptz := clock_timestamp();
    v_old_as_of date := (select st.as_of_date from agg.analytics_state as st);
    v_full boolean := p_full;
    v_from date;
    v_px_from date;
    v_as_of date;
    v_rate double precision;
    v_symbols integer;
    v_positions integer;
    v_fig text;
    v_cov text;
    v_mv text;
begin
    perform pg_advisory_xact_lock(hashtext('sra.analytics'));
    perform set_config('work_mem', '256MB', true);
    -- one process per statement: each floating-point aggregate then reads its
    -- rows in the order its sorted subquery gives (refresh = rebuild exactly)
    perform set_config('max_parallel_workers_per_gather', '0', true);
    -- no JIT: its compilation (about a second a statement) costs more than
    -- these statements over their indexed, few-hundred-row-per-symbol reads
    perform set_config('jit', 'off', true);

    ---------- what is new since the last build (agg.analytics_batch): the
    ---------- batches the price, treasury and position transforms consumed
    drop table if exists _pending;
    create temp table _pending on commit drop as
    select t.transform_name, d.target, t.batch_id, t.transform_run_id, l.batch_id is not null as reconsumed
    from ops.transform_definition as d
    join ops.transform_batch as t on t.transform_name = d.name
    left join agg.analytics_batch as l on l.transform_name = t.transform_name and l.batch_id = t.batch_id
    where d.kind = 'transform'
        and d.target in ('core.equity_quotes', 'core.etfs_quotes', 'core.treasury', 'core.portfolio')
        and (l.batch_id is null or l.transform_run_id is distinct from t.transform_run_id);

    -- as_of_date: the latest date on which SPY has a price (any symbol's
    -- latest date when SPY has none)
    v_as_of := coalesce(
        (select max(p.date) from agg.analytics_price_input as p where p.symbol = 'SPY'),
        (select max(p.date) from agg.analytics_price_input as p)
    );

    -- the 3-month treasury yield on the latest curve on or before as_of_date
    select t.month3 / 100 into v_rate
    from (
        select distinct on (c.date) c.date, c.month3::double precision as month3
        from core.treasury as c
        where c.date <= v_as_of
        order by c.date desc, c.data_version desc
    ) as t
    where t.month3 is not null
    order by t.date desc
    limit 1;

    -- nothing new (no batch since the last build, the same as-of date): only
    -- the fund metrics, whose quotes the ledger does not follow, are recomputed
    if not v_full and v_old_as_of is not null and v_as_of = v_old_as_of and not exists (select 1 from _pending) then
        perform agg.refresh_fund_metrics();
        update agg.analytics_state as st
        set refreshed_at = now(), history_from = v_as_of + 1,
            ms = (extract(epoch from clock_timestamp() - v_started) * 1000)::integer;
        return query select v_as_of, st.symbols, (select count(*)::integer from agg.position_analytics), v_as_of + 1,
            (extract(epoch from clock_timestamp() - v_started) * 1000)::integer
        from agg.analytics_state as st;
        return;
    end if;

    -- all of it after a rebuilt transform (a batch consumed again), an as-of
    -- date moving back, or on a first build
    v_full := v_full or v_old_as_of is null or v_as_of is null or v_as_of < v_old_as_of
        or exists (select 1 from _pending as p where p.reconsumed);

    -- each symbol's first date the new price batches touched
    drop table if exists _touched;
    create temp table _touched on commit drop as
    select c.symbol, min(c.date) as from_date
    from (
        select q.symbol, q.date from core.equity_quotes as q
        where q.batch_id in (select p.batch_id from _pending as p where p.target = 'core.equity_quotes')
        union all
        select q.symbol, q.date from core.etfs_quotes as q
        where q.batch_id in (select p.batch_id from _pending as p where p.target = 'core.etfs_quotes')
    ) as c
    group by c.symbol;

    raise debug 'analytics: % done at % ms', 'prices', round(extract(epoch from clock_timestamp() - v_started) * 1000);
    ---------- agg.security_price: price, daily return, 63-day volatility
    if v_full then
        delete from agg.security_price;
        insert into agg.security_price (symbol, date, close, daily_return, volatility_63d,
            return_count, return_sum, return_sq_sum)
        select c.symbol, c.date, c.close, c.daily_return,
            agg.volatility_63d(c.n - lag(c.n, 63, 0::bigint) over w, c.s1 - lag(c.s1, 63, 0::float8) over w,
                c.s2 - lag(c.s2, 63, 0::float8) over w),
            c.n, c.s1, c.s2
        from (
            -- running count, sum and sum of squares of the returns, in date order
            select r.symbol, r.date, r.close, r.daily_return,
                count(r.daily_return) over run as n,
                coalesce(sum(r.daily_return) over run, 0) as s1,
                coalesce(sum(r.daily_return * r.daily_return) over run, 0) as s2
            from (
                select p.symbol, p.date, p.close,
                    p.close / lag(p.close) over (partition by p.symbol order by p.date) - 1 as daily_return
                from agg.analytics_price_input as p
                where p.date <= v_as_of
            ) as r
            window run as (partition by r.symbol order by r.date rows unbounded preceding)
        ) as c
        window w as (partition by c.symbol order by c.date);
    else
        -- the days from each symbol's first touched date (the day after the
        -- last as-of date for the others) on, the windows continued from the
        -- 63 rows kept before them (the same figures as a rebuild)
        v_px_from := least(v_old_as_of + 1, (select min(t.from_date) from _touched as t));
        drop table if exists _fresh;
        create temp table _fresh on commit drop as
        select p.symbol, p.date, p.close
        from agg.analytics_price_input as p
        left join _touched as t on t.symbol = p.symbol
        where p.date >= v_px_from and p.date <= v_as_of
            and p.date >= least(v_old_as_of + 1, coalesce(t.from_date, v_old_as_of + 1));
        delete from agg.security_price as s
        using _touched as t
        where t.symbol = s.symbol and s.date >= t.from_date;
        -- each fresh row's return and running sums: the last row kept (its
        -- sums, its close), then each fresh return added in date order (as a
        -- rebuild adds them)
        drop table if exists _cont;
        create temp table _cont on commit drop as
        select r.symbol, r.date, r.close, r.daily_return, r.j,
            (sum(case when r.fresh then (r.daily_return is not null)::integer else r.n end) over run)::bigint as n,
            coalesce(sum(case when r.fresh then r.daily_return else r.s1 end) over run, 0) as s1,
            coalesce(sum(case when r.fresh then r.daily_return * r.daily_return else r.s2 end) over run, 0) as s2,
            r.fresh
        from (
            select v.symbol, v.date, v.close, v.fresh, v.n, v.s1, v.s2,
                row_number() over (partition by v.symbol, v.fresh order by v.date) as j,
                case when v.fresh then v.close / lag(v.close) over (partition by v.symbol order by v.date) - 1
                    else v.daily_return end as daily_return
            from (
                select f.symbol, f.date, f.close, null::double precision as daily_return, true as fresh,
                    null::bigint as n, null::double precision as s1, null::double precision as s2
                from _fresh as f
                union all
                select s.symbol, s.date, s.close, s.daily_return, false, s.return_count, s.return_sum,
                    s.return_sq_sum
                from (select distinct f.symbol from _fresh as f) as k
                cross join lateral (
                    select s.* from agg.security_price as s
                    where s.symbol = k.symbol
                    order by s.date desc
                    limit 1
                ) as s
            ) as v
        ) as r
        window run as (partition by r.symbol order by r.date rows unbounded preceding);
        delete from _cont as c where not c.fresh;
        -- the 63-day window: the sums of the row 63 rows back, the fresh row
        -- j - 63 or the kept row 64 - j (k counted from the newest kept row);
        -- none (0) before a symbol's first row
        insert into agg.security_price (symbol, date, close, daily_return, volatility_63d,
            return_count, return_sum, return_sq_sum)
        select c.symbol, c.date, c.close, c.daily_return,
            agg.volatility_63d(c.n - coalesce(l.n, 0::bigint), c.s1 - coalesce(l.s1, 0::float8),
                c.s2 - coalesce(l.s2, 0::float8)),
            c.n, c.s1, c.s2
        from _cont as c
        left join (
            select b.symbol, b.j + 63 as j, b.n, b.s1, b.s2 from _cont as b
            union all
            select k.symbol, 64 - x.k, x.return_count, x.return_sum, x.return_sq_sum
            from (select b.symbol, max(b.j) as f from _cont as b group by b.symbol) as k
            cross join lateral (
                select y.* from (
                    select s.return_count, s.return_sum, s.return_sq_sum,
                        row_number() over (order by s.date desc) as k
                    from agg.security_price as s
                    where s.symbol = k.symbol
                    order by s.date desc
                    limit 63
                ) as y
                where y.k >= 64 - k.f
            ) as x
        ) as l on l.symbol = c.symbol and l.j = c.j;
    end if;

    raise debug 'analytics: % done at % ms', 'security_price', round(extract(epoch from clock_timestamp() - v_started) * 1000);
    ---------- every symbol (a skip scan of the primary key)
    drop table if exists _sym;
    create temp table _sym on commit drop as
    with recursive k as (
        select min(s.symbol) as symbol from agg.security_price as s
        union all
        select (select min(s.symbol) from agg.security_price as s where s.symbol > k.symbol)
        from k
        where k.symbol is not null
    )
    select k.symbol from k where k.symbol is not null;

    -- the explanatory returns by date: SPY's (xm), the 10-year yield's daily
    -- change (xr), the factor ETFs' on the dates all seven have one (x1..x7)
    drop table if exists _x;
    create temp table _x (date date primary key, xm float8, xr float8, x1 float8, x2 float8, x3 float8,
        x4 float8, x5 float8, x6 float8, x7 float8) on commit drop;
    insert into _x
    with
    spy as (
        select s.date, s.daily_return as x from agg.security_price as s
        where s.symbol = 'SPY' and s.daily_return is not null
    ),
    y10 as (
        select y.date, y.change
        from (
            select y.date, y.year10 - lag(y.year10) over (order by y.date) as change
            from (
                select distinct on (c.date) c.date, c.year10::double precision as year10
                from core.treasury as c
                where c.date <= v_as_of
                order by c.date, c.data_version desc
            ) as y
            where y.year10 is not null
        ) as y
        where y.change is not null
    ),
    fx as (
        select s.date,
            max(s.daily_return) filter (where f.factor_no = 1) as x1,
            max(s.daily_return) filter (where f.factor_no = 2) as x2,
            max(s.daily_return) filter (where f.factor_no = 3) as x3,
            max(s.daily_return) filter (where f.factor_no = 4) as x4,
            max(s.daily_return) filter (where f.factor_no = 5) as x5,
            max(s.daily_return) filter (where f.factor_no = 6) as x6,
            max(s.daily_return) filter (where f.factor_no = 7) as x7
        from core.factor as f
        -- each factor ETF's rows (an index range each)
        cross join lateral (
            select p.date, p.daily_return from agg.security_price as p
            where p.symbol = f.factor_etf and p.daily_return is not null
            offset 0
        ) as s
        group by s.date
        having count(*) = 7
    )
    select d.date, m.x, t.change, f.x1, f.x2, f.x3, f.x4, f.x5, f.x6, f.x7
    from (select spy.date from spy union select y10.date from y10 union select fx.date from fx) as d
    left join spy as m on m.date = d.date
    left join y10 as t on t.date = d.date
    left join fx as f on f.date = d.date;

    ---------- every symbol's figures from its last 300 rows (the metrics
    ---------- need 253, each regression its last 252 dates with both
    ---------- returns), one symbol at a time (an index range each), every
    ---------- aggregate reading the rows in date order; from all its rows
    ---------- for a symbol whose last 300 hold fewer than 252 dates for a
    ---------- regression while that series goes back further (gaps)
    -- the 7 x 7 covariance matrix of the factor returns, row-major: each
    -- entry below the diagonal the aggregate above it (the matrix is symmetric)
    select string_agg(format('covar_pop(x.x%s, x.x%s)', least(i, j), greatest(i, j)), ', ' order by i, j) into v_cov
    from generate_series(1, 7) as i, generate_series(1, 7) as j;
    v_fig := format(
        $q$
        %%s
        select k.symbol, z.*
        from %%s as k
        cross join lateral (
            select
                count(*) as n_rows,
                min(w.date) as first_date,
                max(w.date) as last_date,
                max(w.close) filter (where w.n = 1) as close,
                max(w.close) filter (where w.n = 2) as close_1,
                max(w.close) filter (where w.n = 22) as close_21,
                max(w.close) filter (where w.n = 64) as close_63,
                max(w.close) filter (where w.n = 253) as close_252,
                (select p.close from agg.security_price as p
                 where p.symbol = k.symbol and p.date < %1$L::date
                 order by p.date desc limit 1) as close_prev_year,
                count(w.y) filter (where w.n <= 21) as n_21,
                count(w.y) filter (where w.n <= 63) as n_63,
                count(w.y) filter (where w.n <= 252) as n_252,
                stddev_samp(w.y) filter (where w.n <= 21) as sd_21,
                stddev_samp(w.y) filter (where w.n <= 63) as sd_63,
                stddev_samp(w.y) filter (where w.n <= 252) as sd_252,
                avg(w.close) filter (where w.n <= 20) as sma_20,
                avg(w.close) filter (where w.n <= 50) as sma_50,
                avg(w.close) filter (where w.n <= 200) as sma_200,
                max(w.close) filter (where w.n <= 252) as high_52w,
                min(w.close) filter (where w.n <= 252) as low_52w,
                max(1 - w.trough / w.close) filter (where w.n <= 252) as max_drawdown,
                regr_slope(w.y, w.xm) filter (where w.km <= 252) as m_beta,
                regr_r2(w.y, w.xm) filter (where w.km <= 252) as m_r2,
                count(*) filter (where w.km <= 252) as m_n,
                regr_slope(w.y, w.xr) filter (where w.kr <= 252) as r_beta,
                regr_r2(w.y, w.xr) filter (where w.kr <= 252) as r_r2,
                count(*) filter (where w.kr <= 252) as r_n,
                count(*) filter (where w.kf <= 252) as f_n,
                var_pop(w.y) filter (where w.kf <= 252) as f_var_y,
                min(w.date) filter (where w.kf <= 252) as f_from,
                max(w.date) filter (where w.kf <= 252) as f_to,
                null::double precision[] as f_a,
                array[covar_pop(w.y, w.x1) filter (where w.kf <= 252), covar_pop(w.y, w.x2) filter (where w.kf <= 252),
                    covar_pop(w.y, w.x3) filter (where w.kf <= 252), covar_pop(w.y, w.x4) filter (where w.kf <= 252),
                    covar_pop(w.y, w.x5) filter (where w.kf <= 252), covar_pop(w.y, w.x6) filter (where w.kf <= 252),
                    covar_pop(w.y, w.x7) filter (where w.kf <= 252)] as f_b
            from (
                    select s.date, s.close, s.daily_return as y, x.xm, x.xr,
                        x.x1, x.x2, x.x3, x.x4, x.x5, x.x6, x.x7,
                        row_number() over d as n,
                        min(s.close) over d as trough,
                        case when s.daily_return is not null and x.xm is not null then
                            count(*) filter (where s.daily_return is not null and x.xm is not null) over d end as km,
                        case when s.daily_return is not null and x.xr is not null then
                            count(*) filter (where s.daily_return is not null and x.xr is not null) over d end as kr,
                        case when s.daily_return is not null and x.x1 is not null then
                            count(*) filter (where s.daily_return is not null and x.x1 is not null) over d end as kf
                    from (
                        select p.date, p.close, p.daily_return
                        from agg.security_price as p
                        where p.symbol = k.symbol
                        order by p.date desc
                        limit %%s
                    ) as s
                    left join _x as x on x.date = s.date
                    window d as (order by s.date desc rows unbounded preceding)
            ) as w
        ) as z
        $q$, date_trunc('year', v_as_of)::date);

    drop table if exists _fig;
    execute format(v_fig, 'create temp table _fig on commit drop as', '_sym', '300');
    drop table if exists _figall;
    create temp table _figall on commit drop as
    select g.symbol
    from _fig as g
    where g.n_rows = 300
        and ((g.m_n < 252 and exists (select 1 from _x as x where x.xm is not null and x.date < g.first_date))
            or (g.r_n < 252 and exists (select 1 from _x as x where x.xr is not null and x.date < g.first_date))
            or (g.f_n < 252 and exists (select 1 from _x as x where x.x1 is not null and x.date < g.first_date)));
    if exists (select 1 from _figall) then
        delete from _fig as g using _figall as a where a.symbol = g.symbol;
        execute format(v_fig, 'insert into _fig', '_figall', 'all');
    end if;

    -- the factors' 7 x 7 covariances: once per window of factor dates
    -- (newest first, as each symbol's pass reads them), for every symbol
    -- with a return on each factor date of its window (the 252 dates); from
    -- the symbol's own rows for a symbol with gaps there
    drop table if exists _fa;
    execute format(
        $q$
        create temp table _fa on commit drop as
        select r.f_from, r.f_to, a.n, a.f_a
        from (select distinct g.f_from, g.f_to from _fig as g where g.f_n > 0) as r
        cross join lateral (
            select count(*) as n, array[%s] as f_a
            from (
                select x.* from _x as x
                where x.date between r.f_from and r.f_to and x.x1 is not null
                order by x.date desc
            ) as x
        ) as a
        $q$, v_cov);
    -- the inverse of each shared matrix, column by column (the pivots, and
    -- so a singular matrix, depend on the matrix alone): a symbol's betas are
    -- then one matrix-vector product
    alter table _fa add column inv double precision[];
    update _fa as a set inv = (
        select case when bool_and(c.x is not null) then array_agg(c.x[i] order by i, j) end
        from generate_series(1, 7) as j
        cross join lateral (
            select agg.solve_linear(a.f_a, array(select (k = j)::integer::float8 from generate_series(1, 7) as k
                order by k)) as x
            offset 0
        ) as c
        cross join generate_series(1, 7) as i
    )
    where a.n >= 60;
    select string_agg(format('a.inv[%s] * g.f_b[1] + a.inv[%s] * g.f_b[2] + a.inv[%s] * g.f_b[3] + a.inv[%s] * g.f_b[4]'
        ' + a.inv[%s] * g.f_b[5] + a.inv[%s] * g.f_b[6] + a.inv[%s] * g.f_b[7]',
        (i - 1) * 7 + 1, (i - 1) * 7 + 2, (i - 1) * 7 + 3, (i - 1) * 7 + 4, (i - 1) * 7 + 5, (i - 1) * 7 + 6,
        (i - 1) * 7 + 7), ', ' order by i) into v_mv
    from generate_series(1, 7) as i;
    alter table _fig add column f_x double precision[], add column f_shared boolean not null default false;
    execute format(
        $q$
        update _fig as g set f_a = a.f_a, f_shared = true, f_x = case when g.f_n >= 60 and a.inv is not null then array[%s] end
        from _fa as a
        where a.f_from = g.f_from and a.f_to = g.f_to and a.n = g.f_n
        $q$, v_mv);
    execute format(
        $q$
        update _fig as g set f_a = a.f_a
        from _fig as k
        cross join lateral (
            select array[%s] as f_a
            from (
                select x.* from agg.security_price as p
                join _x as x on x.date = p.date
                where p.symbol = k.symbol and p.date between k.f_from and k.f_to
                    and p.daily_return is not null and x.x1 is not null
                order by p.date desc
            ) as x
        ) as a
        where k.symbol = g.symbol and g.f_n > 0 and g.f_a is null
        $q$, v_cov);
    update _fig as g set f_x = agg.solve_linear(g.f_a, g.f_b)
    where g.f_n >= 60 and not g.f_shared;

    ---------- agg.security_metrics
    delete from agg.security_metrics;
    insert into agg.security_metrics (symbol, as_of_date, last_date, close,
        return_1d, return_21d, return_63d, return_252d, return_ytd,
        volatility_21d, volatility_63d, volatility_252d, sma_20, sma_50, sma_200,
        high_52w, low_52w, max_drawdown_252d,
        market_beta, market_beta_r_squared, market_beta_n_obs, market_beta_flag,
        ir_beta, ir_beta_r_squared, ir_beta_n_obs, ir_beta_flag)
    select
        b.symbol, v_as_of, b.last_date, b.close,
        b.close / b.close_1 - 1,
        b.close / b.close_21 - 1,
        b.close / b.close_63 - 1,
        b.close / b.close_252 - 1,
        b.close / b.close_prev_year - 1,
        case when b.n_21 >= 21 then b.sd_21 * sqrt(252) end,
        case when b.n_63 >= 63 then b.sd_63 * sqrt(252) end,
        case when b.n_252 >= 252 then b.sd_252 * sqrt(252) end,
        b.sma_20, b.sma_50, b.sma_200, b.high_52w, b.low_52w,
        b.max_drawdown,
        case when b.m_n >= 60 then b.m_beta end,
        case when b.m_n >= 60 then b.m_r2 end,
        b.m_n,
        agg.history_flag(b.m_n),
        case when b.r_n >= 60 then b.r_beta end,
        case when b.r_n >= 60 then b.r_r2 end,
        b.r_n,
        agg.history_flag(b.r_n)
    from _fig as b;
    get diagnostics v_symbols = row_count;

    raise debug 'analytics: % done at % ms', 'security_metrics', round(extract(epoch from clock_timestamp() - v_started) * 1000);
    ---------- agg.factor_exposure: each symbol's centred normal equations
    ---------- (the covariances above), the 7 x 7 system solved once
    delete from agg.factor_exposure;
    insert into agg.factor_exposure (symbol, factor, factor_etf, beta, beta_uncapped, r_squared, n_obs,
        quality_flag, capped, as_of_date)
    select r.symbol, f.factor, f.factor_etf,
        case when s.x[f.factor_no] is not null then greatest(-3, least(3, s.x[f.factor_no])) end,
        s.x[f.factor_no],
        s.r2,
        r.f_n,
        case when r.f_n >= 60 and s.x is null then 'singular' else agg.history_flag(r.f_n) end,
        coalesce(abs(s.x[f.factor_no]) > 3, false),
        v_as_of
    from _fig as r
    cross join lateral (
        select r.f_x as x,
            case when r.f_x is not null and r.f_var_y > 0 then
                (select sum(r.f_x[i] * r.f_b[i]) from generate_series(1, 7) as i) / r.f_var_y
            end as r2
        offset 0
    ) as s
    cross join core.factor as f
    where r.f_n > 0;

    raise debug 'analytics: % done at % ms', 'factor_exposure', round(extract(epoch from clock_timestamp() - v_started) * 1000);
    ---------- agg.position_analytics
    perform agg.refresh_position_analytics(v_as_of, v_rate);
    select count(*) into v_positions from agg.position_analytics;

    raise debug 'analytics: % done at % ms', 'position_analytics', round(extract(epoch from clock_timestamp() - v_started) * 1000);
    ---------- scenarios' factor co-movement, position correlations, history
    ---------- (transforms/analytics/portfolio_risk.sql)
    perform agg.refresh_factor_comovement(v_as_of);
    perform agg.refresh_position_correlation(v_as_of);
    raise debug 'analytics: % done at % ms', 'correlation', round(extract(epoch from clock_timestamp() - v_started) * 1000);
    -- The history of dates before the earliest date a new batch touched
    -- stands: recomputed from there (prices and curves carry forward, so a
    -- change on a date reaches every later date), or whole after a rebuild
    -- (a batch consumed again), a new portfolio version, or a first build.
    if not (v_full or exists (select 1 from _pending as p where p.target = 'core.portfolio')) then
        select least(v_old_as_of + 1, min(c.date)) into v_from
        from (
            select t.from_date as date from _touched as t
            union all
            select q.date from core.treasury as q
            where q.batch_id in (select p.batch_id from _pending as p where p.target = 'core.treasury')
        ) as c;
    end if;
    perform agg.refresh_portfolio_history(v_as_of, v_from);

    insert into agg.analytics_batch as l (transform_name, batch_id, transform_run_id)
    select p.transform_name, p.batch_id, p.transform_run_id from _pending as p
    on conflict (transform_name, batch_id) do update
        set transform_run_id = excluded.transform_run_id, refreshed_at = now();

    raise debug 'analytics: % done at % ms', 'portfolio_risk', round(extract(epoch from clock_timestamp() - v_started) * 1000);
    ---------- funds, on their own dates (transforms/analytics/fund_metrics.sql)
    perform agg.refresh_fund_metrics();

    raise debug 'analytics: % done at % ms', 'fund_metrics', round(extract(epoch from clock_timestamp() - v_started) * 1000);
    update agg.analytics_state as st
    set as_of_date = v_as_of, risk_free_rate = v_rate, refreshed_at = now(), symbols = v_symbols, history_from = v_from,
        ms = (extract(epoch from clock_timestamp() - v_started) * 1000)::integer;

    return query select v_as_of, v_symbols, v_positions, v_from,
        (extract(epoch from clock_timestamp() - v_started) * 1000)::integer;
end
$_$;

CREATE FUNCTION agg.refresh_api_usage_minute(p_full boolean DEFAULT false) RETURNS TABLE(aggregate_name text, batches integer, buckets integer, full_refresh boolean, ms integer)
    LANGUAGE plpgsql
    AS $_$
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
$_$;

CREATE FUNCTION agg.refresh_equity_ohlcv(p_full boolean DEFAULT false) RETURNS TABLE(aggregate_name text, batches integer, buckets integer, full_refresh boolean, ms integer)
    LANGUAGE plpgsql
    AS $_$
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
$_$;

CREATE FUNCTION agg.refresh_factor_comovement(p_as_of date) RETURNS void
    LANGUAGE plpgsql
    AS $$
begin
    delete from agg.factor_comovement;
    insert into agg.factor_comovement (factor_a, factor_b, correlation, volatility_ratio, n_obs, as_of_date)
    with
    fx as (
        select s.date, f.factor, s.daily_return as r
        from agg.security_price as s
        join core.factor as f on f.factor_etf = s.symbol
        where s.daily_return is not null and s.date <= p_as_of
    ),
    dates as (
        select d.date, d.k
        from (
            select fx.date, row_number() over (order by fx.date desc) - 1 as k
            from fx
            group by fx.date
            having count(*) = 7
        ) as d
        where d.k < 252
    ),
    w as (
        select fx.date, fx.factor, fx.r, power(0.94::double precision, d.k) as w
        from fx
        join dates as d on d.date = fx.date
    )
    select a.factor, b.factor,
        case when a.factor = b.factor then 1
            else greatest(-0.95, least(0.95,
                sum(a.w * a.r * b.r order by a.date) / nullif(sqrt(sum(a.w * a.r * a.r order by a.date) * sum(a.w * b.r * b.r order by a.date)), 0)))
        end,
        sqrt(sum(a.w * a.r * a.r order by a.date) / nullif(sum(a.w * b.r * b.r order by a.date), 0)),
        count(*),
        p_as_of
    from w as a
    join w as b on b.date = a.date
    group by a.factor, b.factor;
end
$$;

CREATE FUNCTION agg.refresh_fund_metrics() RETURNS integer
    LANGUAGE plpgsql
    AS $$
declare
    v_n integer;
begin
    delete from agg.fund_metrics;
    insert into agg.fund_metrics (identifier, as_of_date, navps,
        return_1d, return_21d, return_63d, return_252d, return_ytd,
        volatility_21d, volatility_63d, volatility_252d,
        reported_as_of_date, reported_one_month_return, reported_three_month_return,
        reported_ytd_return, reported_one_year_return)
    with
    nav as (
        select n.identifier, n.date, n.navps::double precision as navps
        from (
            select distinct on (q.identifier, q.date) q.identifier, q.date, q.navps
            from core.fundata_quotes as q
            order by q.identifier, q.date, q.data_version desc,
                q.array_source_field nulls first, q.array_element_index nulls first
        ) as n
        where n.navps > 0
    ),
    ranked as (
        select v.*,
            v.navps / lag(v.navps) over (partition by v.identifier order by v.date) - 1 as r,
            row_number() over (partition by v.identifier order by v.date desc) as n,
            max(v.date) over (partition by v.identifier) as last_date
        from nav as v
    ),
    base as (
        select k.identifier,
            max(k.date) as as_of_date,
            max(k.navps) filter (where k.n = 1) as navps,
            max(k.navps) filter (where k.n = 2) as nav_1,
            max(k.navps) filter (where k.n = 22) as nav_21,
            max(k.navps) filter (where k.n = 64) as nav_63,
            max(k.navps) filter (where k.n = 253) as nav_252,
            (array_agg(k.navps order by k.date desc) filter (where k.date < date_trunc('year', k.last_date)::date))[1] as nav_prev_year,
            count(k.r) filter (where k.n <= 21) as n_21,
            count(k.r) filter (where k.n <= 63) as n_63,
            count(k.r) filter (where k.n <= 252) as n_252,
            stddev_samp(k.r order by k.date) filter (where k.n <= 21) as sd_21,
            stddev_samp(k.r order by k.date) filter (where k.n <= 63) as sd_63,
            stddev_samp(k.r order by k.date) filter (where k.n <= 252) as sd_252
        from ranked as k
        group by k.identifier
    ),
    reported as (
        select distinct on (p.identifier) p.identifier, p.as_of_date,
            p.one_month_return, p.three_month_return, p.ytd_return, p.one_year_return
        from core.fundata_performance_summary as p
        order by p.identifier, p.data_version desc, p.array_source_field nulls first, p.array_element_index nulls first
    )
    select b.identifier, b.as_of_date, b.navps,
        b.navps / b.nav_1 - 1, b.navps / b.nav_21 - 1, b.navps / b.nav_63 - 1, b.navps / b.nav_252 - 1,
        b.navps / b.nav_prev_year - 1,
        case when b.n_21 >= 21 then b.sd_21 * sqrt(252) end,
        case when b.n_63 >= 63 then b.sd_63 * sqrt(252) end,
        case when b.n_252 >= 252 then b.sd_252 * sqrt(252) end,
        r.as_of_date, r.one_month_return, r.three_month_return, r.ytd_return, r.one_year_return
    from base as b
    left join reported as r on r.identifier = b.identifier;
    get diagnostics v_n = row_count;
    return v_n;
end
$$;

CREATE FUNCTION agg.refresh_fund_nav_monthly(p_full boolean DEFAULT false) RETURNS TABLE(aggregate_name text, batches integer, buckets integer, full_refresh boolean, ms integer)
    LANGUAGE plpgsql
    AS $_$
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
$_$;

CREATE FUNCTION agg.refresh_latest_company_metrics(p_full boolean DEFAULT false) RETURNS TABLE(aggregate_name text, batches integer, buckets integer, full_refresh boolean, ms integer)
    LANGUAGE plpgsql
    AS $_$
declare
    v_started timestamptz := clock_timestamp();
    v_transforms text[];
    v_batches bigint[];
    v_runs bigint[];
    v_targets text[];
    v_full boolean;
    v_symbols text[];
    v_target text;
    v_target_batches bigint[];
    v_found text[];
    v_rows integer := 0;
begin
    select coalesce(array_agg(p.transform_name), '{}'), coalesce(array_agg(p.batch_id), '{}'),
        coalesce(array_agg(p.transform_run_id), '{}'), coalesce(array_agg(t.target), '{}'),
        p_full or coalesce(bool_or(p.reconsumed), false)
    into v_transforms, v_batches, v_runs, v_targets, v_full
    from unnest(array[
        'core.equity_profile', 'core.equity_ratios', 'core.equity_key_metrics', 'core.equity_income',
        'core.equity_quotes', 'core.equity_split', 'core.equity_dividend'
    ]) as t (target)
    cross join lateral agg.pending_batches('latest_company_metrics', t.target) as p;

    -- never refreshed: everything
    v_full := v_full or (select s.last_refreshed_at is null from ops.aggregate_state as s
        where s.aggregate_name = 'latest_company_metrics');

    if v_full then
        delete from agg.latest_company_metrics;
        insert into agg.latest_company_metrics select * from agg.compute_latest_company_metrics(null);
        get diagnostics v_rows = row_count;
    elsif cardinality(v_batches) > 0 then
        -- the symbols the pending batches wrote versions for, per table by its batch index
        v_symbols := '{}';
        foreach v_target in array (select array_agg(distinct x) from unnest(v_targets) as x) loop
            v_target_batches := array(
                select b.batch_id from unnest(v_batches, v_targets) as b (batch_id, target) where b.target = v_target
            );
            execute format('select coalesce(array_agg(distinct h.symbol::text), $2) from %s as h where h.batch_id = any($1)', v_target)
            into v_found
            using v_target_batches, '{}'::text[];
            v_symbols := v_symbols || v_found;
            -- a profile landed again unchanged moves only its stored latest
            -- (its as-of time): the stored latest's batch counts too
            if v_target = 'core.equity_profile' then
                v_symbols := v_symbols || array(
                    select c.symbol::text from core.equity_profile_current as c where c.batch_id = any(v_target_batches)
                );
            end if;
        end loop;
        v_symbols := array(select distinct x from unnest(v_symbols) as x);

        if cardinality(v_symbols) > 0 then
            delete from agg.latest_company_metrics as m where m.symbol = any(v_symbols);
            insert into agg.latest_company_metrics select * from agg.compute_latest_company_metrics(v_symbols);
            get diagnostics v_rows = row_count;
        end if;
    end if;

    perform agg.mark_refreshed('latest_company_metrics', v_transforms, v_batches, v_runs, v_rows, v_full, v_started);
    return query select 'latest_company_metrics'::text, cardinality(v_batches), v_rows, v_full,
        (extract(epoch from clock_timestamp() - v_started) * 1000)::integer;
end
$_$;

CREATE FUNCTION agg.refresh_portfolio_history(p_as_of date, p_from date DEFAULT NULL::date) RETURNS void
    LANGUAGE plpgsql
    AS $$
begin
    if p_from is null then
        delete from agg.portfolio_history;
    else
        delete from agg.portfolio_history as h where h.date >= p_from;
    end if;

    -- the positions of the latest version of every portfolio, a portfolio
    -- numbered (pid) for the grouping, quantity and entry price as double
    -- precision once (not converted again on every position-day)
    drop table if exists _hpos;
    create temp table _hpos on commit drop as
    select dense_rank() over (order by p.portfolio)::integer as pid, p.portfolio, p.position_no, p.underlying,
        p.position_type, p.strike::double precision as strike, p.expiry,
        coalesce(p.entry_date, min(p.entry_date) over (partition by p.portfolio), p_as_of) as held_from,
        p.quantity::double precision as quantity, p.entry_price::double precision as entry_price,
        p.multiplier::double precision as multiplier,
        p.position_type in ('LC', 'LP', 'SC', 'SP') as is_option
    from core.position as p
    join (
        select distinct on (c.portfolio) c.portfolio, c.data_version
        from core.portfolio as c
        order by c.portfolio, c.data_version desc
    ) as l on l.portfolio = p.portfolio and l.data_version = p.data_version;

    -- every underlying's price on every trading date (SPY's) from p_from on,
    -- with the 3-month rate of the latest curve on or before the date: its
    -- close that day, or, when it has none, its latest close on a trading
    -- date before (with that date's 63-day volatility; an index probe)
    drop table if exists _hdays;
    create temp table _hdays on commit drop as
    select s.date,
        (select t.month3::double precision / 100
         from core.treasury as t
         where t.date <= s.date and t.month3 is not null
         order by t.date desc, t.data_version desc
         limit 1) as rate
    from agg.security_price as s
    where s.symbol = 'SPY' and s.date <= p_as_of and s.date >= coalesce(p_from, '-infinity');
    drop table if exists _hund;
    create temp table _hund on commit drop as
    select distinct p.underlying from _hpos as p;
    analyze _hdays;
    analyze _hund;

    drop table if exists _filled;
    create temp table _filled on commit drop as
    select u.underlying, d.date, d.rate,
        case when x.symbol is not null then x.close else (
            select c.close from agg.security_price as c
            join agg.security_price as spy on spy.symbol = 'SPY' and spy.date = c.date
            where c.symbol = u.underlying and c.date < d.date
            order by c.date desc
            limit 1
        ) end as s,
        case when x.symbol is not null then x.volatility_63d else (
            select c.volatility_63d from agg.security_price as c
            join agg.security_price as spy on spy.symbol = 'SPY' and spy.date = c.date
            where c.symbol = u.underlying and c.date < d.date
            order by c.date desc
            limit 1
        ) end as sigma
    from _hund as u
    cross join _hdays as d
    left join agg.security_price as x on x.symbol = u.underlying and x.date = d.date;
    -- the positions grouped by what values them alike: a portfolio's lots of
    -- one stock (or one option contract) held from the same date become one
    -- row, their quantities summed (Σ |q| m, Σ q m, Σ q × entry price × m)
    drop table if exists _hgrp;
    create temp table _hgrp on commit drop as
    select p.pid, p.underlying, p.is_option, p.position_type in ('LC', 'SC') as is_call, p.strike, p.expiry,
        p.held_from, sum(abs(p.quantity) * p.multiplier) as qa, sum(p.quantity * p.multiplier) as qe,
        sum(p.quantity * p.entry_price * p.multiplier) as qc, count(*)::integer as n
    from _hpos as p
    group by p.pid, p.underlying, p.is_option, p.position_type in ('LC', 'SC'), p.strike, p.expiry, p.held_from;
    analyze _hgrp;
    analyze _filled;

    insert into agg.portfolio_history (portfolio, date, market_value, exposure, daily_pnl, cumulative_pnl, position_count)
    with
    -- each group of positions on every date it is held: a stock at the
    -- day's close, an option at its Black-Scholes value, as one expression
    -- over every contract-day (the operations of agg.black_scholes_price, in
    -- its order), times the group's summed quantities
    valued as (
        select p.pid, f.date, p.qa, p.qe, p.qc, p.n, f.s as v
        from _hgrp as p
        join _filled as f on f.underlying = p.underlying and f.date >= p.held_from
        where not p.is_option
        union all
        select b.pid, b.date, b.qa, b.qe, b.qc, b.n,
            case
                when b.s is null or b.k is null or b.t is null then null
                when b.t <= 0 then case when b.is_call then greatest(b.s - b.k, 0) else greatest(b.k - b.s, 0) end
                when b.d1 is null then null
                when b.is_call then b.s * agg.norm_cdf(b.d1) - b.k * exp(-b.rate * b.t) * agg.norm_cdf(b.d1 - b.v)
                else b.k * exp(-b.rate * b.t) * agg.norm_cdf(-(b.d1 - b.v)) - b.s * agg.norm_cdf(-b.d1)
            end
        -- d1 as a column (offset 0: not flattened into the expression, so
        -- that agg.norm_cdf of it stays inlined)
        from (
            select a.*,
                case when a.t > 0 and a.rate is not null and a.sigma > 0 and a.s > 0 and a.k > 0
                    then (ln(a.s / a.k) + (a.rate + a.sigma * a.sigma / 2) * a.t) / a.v
                end as d1
            from (
                select p.pid, f.date, p.qa, p.qe, p.qc, p.n, f.s, f.sigma, f.rate, p.is_call, p.strike as k,
                    ((p.expiry - f.date) / 365.0)::double precision as t,
                    f.sigma * sqrt(greatest(((p.expiry - f.date) / 365.0)::double precision, 0)) as v
                from _hgrp as p
                join _filled as f on f.underlying = p.underlying and f.date >= p.held_from
                where p.is_option
            ) as a
            offset 0
        ) as b
    ),
    -- summed by hashing (no sort of every position-day): the order of the
    -- terms, and so the last bits of a sum, may differ between builds
    -- (docs/ANALYTICS.md)
    daily as (
        select v.pid, v.date,
            sum(v.qa * v.v) as market_value,
            sum(v.qe * v.v) as exposure,
            sum(v.qe * v.v - v.qc) as cumulative_pnl,
            sum(v.n) as position_count
        from valued as v
        group by v.pid, v.date
    )
    select n.portfolio, d.date, d.market_value, d.exposure,
        d.cumulative_pnl - coalesce(
            lag(d.cumulative_pnl) over (partition by d.pid order by d.date),
            -- the first recomputed date follows the last date kept
            (select h.cumulative_pnl from agg.portfolio_history as h
             where h.portfolio = n.portfolio and h.date < d.date
             order by h.date desc limit 1),
            0),
        d.cumulative_pnl,
        d.position_count
    from daily as d
    join (select distinct p.pid, p.portfolio from _hpos as p) as n on n.pid = d.pid;
end
$$;

CREATE FUNCTION agg.refresh_position_analytics(p_as_of date, p_rate double precision) RETURNS void
    LANGUAGE plpgsql
    AS $$
begin
    delete from agg.position_analytics;
    insert into agg.position_analytics (portfolio, data_version, position_no, symbol, underlying, position_type,
        quantity, entry_price, entry_date, strike, expiry, tags, multiplier,
        price, price_source, previous_price, underlying_price, volatility, time_to_expiry, risk_free_rate,
        market_value, exposure, delta_adjusted_exposure, cost_basis, unrealized_pnl, daily_pnl, daily_return,
        market_beta, ir_beta, delta, gamma, theta, vega, rho, as_of_date)
    with
    latest as (
        select distinct on (c.portfolio) c.portfolio, c.data_version
        from core.portfolio as c
        order by c.portfolio, c.data_version desc
    ),
    -- each underlying's row on as_of_date and on its trading date before
    -- (an index probe each), once per underlying
    und as materialized (
        select u.underlying, c.close, c.daily_return, c.volatility_63d,
            x.date as prev_date, x.close as prev_close, x.volatility_63d as prev_volatility
        from (select distinct p.underlying from core.position as p where p.underlying is not null) as u
        left join agg.security_price as c on c.symbol = u.underlying and c.date = p_as_of
        left join lateral (
            select s.date, s.close, s.volatility_63d
            from agg.security_price as s
            where s.symbol = u.underlying and s.date < p_as_of
            order by s.date desc
            limit 1
        ) as x on true
    ),
    base as materialized (
        select
            p.*,
            p.position_type in ('LC', 'LP', 'SC', 'SP') as is_option,
            u.close as s_now,
            u.volatility_63d as sigma,
            u.daily_return as stock_return,
            (p.expiry - p_as_of) / 365.0 as t_now,
            u.prev_close as s_prev,
            u.prev_date,
            u.prev_volatility as sigma_prev,
            m.market_beta, m.ir_beta
        from core.position as p
        join latest as l on l.portfolio = p.portfolio and l.data_version = p.data_version
        left join und as u on u.underlying = p.underlying
        left join agg.security_metrics as m on m.symbol = p.underlying
    ),
    -- the Black-Scholes values and Greeks of the option rows only
    opt as (
        select o.portfolio, o.position_no,
            bs.price as bs_price, bs.delta as bs_delta, bs.gamma as bs_gamma, bs.theta as bs_theta,
            bs.vega as bs_vega, bs.rho as bs_rho,
            -- the previous day's value alone (the same formula, no Greeks)
            agg.black_scholes_price(o.position_type in ('LC', 'SC'), o.s_prev, o.strike::double precision,
                (o.expiry - o.prev_date) / 365.0, p_rate, o.sigma_prev) as bs_prev_price
        from base as o
        left join lateral agg.black_scholes(o.position_type in ('LC', 'SC'), o.s_now, o.strike::double precision,
            o.t_now, p_rate, o.sigma) as bs on true
        where o.is_option
    ),
    valued as (
        select b.*, o.bs_price, o.bs_delta, o.bs_gamma, o.bs_theta, o.bs_vega, o.bs_rho, o.bs_prev_price
        from base as b
        left join opt as o on o.portfolio = b.portfolio and o.position_no = b.position_no
    ),
    priced as (
        select v.*,
            case
                when not v.is_option then v.s_now
                else coalesce(v.last_price::double precision, v.bs_price)
            end as price,
            case
                when not v.is_option then case when v.s_now is not null then 'close' end
                when v.last_price is not null then 'last_price'
                when v.bs_price is null then null
                when v.t_now <= 0 then 'intrinsic'
                else 'black_scholes'
            end as price_source,
            case
                when not v.is_option then case when v.stock_return is not null then v.s_prev end
                when v.last_price is not null then null
                else v.bs_prev_price
            end as previous_price
        from valued as v
    )
    select
        q.portfolio, q.data_version, q.position_no, q.symbol, q.underlying, q.position_type,
        q.quantity, q.entry_price, q.entry_date, q.strike, q.expiry, q.tags, q.multiplier,
        q.price, q.price_source, q.previous_price,
        case when q.is_option then q.s_now end,
        case when q.is_option then q.sigma end,
        case when q.is_option then q.t_now end,
        case when q.is_option then p_rate end,
        abs(q.quantity) * q.price * q.multiplier,
        q.quantity * q.price * q.multiplier,
        case when q.is_option then q.bs_delta * q.quantity * 100 * q.s_now
            else q.quantity * q.price * q.multiplier end,
        q.quantity * q.entry_price * q.multiplier,
        q.quantity * (q.price - q.entry_price::double precision) * q.multiplier,
        q.quantity * (q.price - q.previous_price) * q.multiplier,
        q.price / q.previous_price - 1,
        q.market_beta, q.ir_beta,
        case when q.is_option then q.bs_delta * q.quantity * 100 else q.quantity end,
        case when q.is_option then q.bs_gamma * q.quantity * 100 else 0 end,
        case when q.is_option then q.bs_theta * q.quantity * 100 else 0 end,
        case when q.is_option then q.bs_vega * q.quantity * 100 else 0 end,
        case when q.is_option then q.bs_rho * q.quantity * 100 else 0 end,
        p_as_of
    from priced as q;
end
$$;

CREATE FUNCTION agg.refresh_position_correlation(p_as_of date) RETURNS void
    LANGUAGE plpgsql
    AS $$
begin
    delete from agg.position_correlation;
    insert into agg.position_correlation (portfolio, symbol_a, symbol_b, correlation, n_obs, as_of_date)
    with
    gross as (
        select a.portfolio, sum(abs(a.exposure)) as gross
        from agg.position_analytics as a
        group by a.portfolio
    ),
    eligible as (
        select distinct a.portfolio, a.symbol
        from agg.position_analytics as a
        join gross as g on g.portfolio = a.portfolio
        where a.multiplier = 1 and a.market_value >= 10000 and a.market_value >= 0.01 * g.gross
    ),
    dates as (
        select s.date
        from agg.security_price as s
        where s.symbol = 'SPY' and s.date <= p_as_of
        order by s.date desc
        limit 90
    ),
    rets as (
        select e.portfolio, e.symbol, s.date, s.daily_return as r
        from eligible as e
        join agg.security_price as s on s.symbol = e.symbol
        where s.daily_return is not null and s.date in (select date from dates)
    )
    select a.portfolio, a.symbol, b.symbol, corr(a.r, b.r order by a.date), count(*), p_as_of
    from rets as a
    join rets as b on b.portfolio = a.portfolio and b.date = a.date and b.symbol <> a.symbol
    group by a.portfolio, a.symbol, b.symbol
    having count(*) >= 20;
end
$$;

CREATE FUNCTION agg.refresh_security_search(p_full boolean DEFAULT false) RETURNS TABLE(aggregate_name text, batches integer, buckets integer, full_refresh boolean, ms integer)
    LANGUAGE plpgsql
    AS $$
declare
    v_started timestamptz := clock_timestamp();
    v_deleted integer;
    v_upserted integer;
begin
    create temp table security_search_next on commit drop as
    with etf as (
        select distinct on (e.symbol)
            e.symbol, e.name, concat_ws(' ', e.asset_class, e.etf_company) as category
        from core.etfs_profile_latest as e
        order by e.symbol, e.array_element_index nulls first
    ),
    equity as (
        select distinct on (p.symbol)
            p.symbol, p.company_name, p.exchange, concat_ws(' ', p.sector, p.industry) as category, p.is_etf
        from core.equity_profile_latest as p
        order by p.symbol, p.array_element_index nulls first
    ),
    fund as (
        select distinct on (f.identifier)
            f.identifier, coalesce(f.legal_name, f.series_name) as name,
            concat_ws(' ', f.family_name, f.series_name, f.company) as category
        from core.fundata_data_latest as f
        order by f.identifier, f.array_element_index nulls first
    )
    select 'etf'::text as kind, e.symbol::text as key, e.symbol::text as ticker,
        coalesce(e.name, q.company_name) as name, q.exchange, nullif(e.category, '') as category
    from etf as e
    left join equity as q on q.symbol = e.symbol
    union all
    select case when q.is_etf then 'etf' else 'equity' end, q.symbol, q.symbol, q.company_name, q.exchange,
        nullif(q.category, '')
    from equity as q
    where not exists (select 1 from etf as e where e.symbol = q.symbol)
    union all
    select 'fund', f.identifier, null, f.name, null, nullif(f.category, '')
    from fund as f;

    delete from core.security_search as s
    where not exists (
        select 1 from security_search_next as n where n.kind = s.kind and n.key = s.key
    );
    get diagnostics v_deleted = row_count;

    insert into core.security_search as s (kind, key, ticker, name, exchange, category)
    select n.kind, n.key, n.ticker, n.name, n.exchange, n.category
    from security_search_next as n
    on conflict (kind, key) do update
        set ticker = excluded.ticker,
            name = excluded.name,
            exchange = excluded.exchange,
            category = excluded.category,
            refreshed_at = now()
        where (s.ticker, s.name, s.exchange, s.category)
            is distinct from (excluded.ticker, excluded.name, excluded.exchange, excluded.category);
    get diagnostics v_upserted = row_count;

    drop table security_search_next;

    -- the words, when a security changed (or they were never counted)
    if v_deleted + v_upserted > 0 or p_full or not exists (select 1 from core.security_search_word) then
        perform agg.refresh_security_search_words();
    end if;

    perform agg.mark_refreshed('security_search', array[]::text[], array[]::bigint[], array[]::bigint[],
        v_deleted + v_upserted, true, v_started);
    return query
    select 'security_search'::text, 0, v_deleted + v_upserted, true,
        (extract(epoch from clock_timestamp() - v_started) * 1000)::integer;
end
$$;

CREATE FUNCTION agg.refresh_security_search_words() RETURNS void
    LANGUAGE plpgsql
    AS $$
begin
    create temp table _search_words on commit drop as
    select w.word collate "C" as word, w.ndoc as securities
    from ts_stat('select tsv from core.security_search') as w;

    with gone as (
        delete from core.security_search_word as w
        where not exists (select 1 from _search_words as n where n.word = w.word)
        returning w.word
    )
    delete from core.security_search_word_variant as v
    using gone
    cross join lateral core.word_deletions(gone.word) as d (variant)
    where v.variant = d.variant and v.word = gone.word;

    update core.security_search_word as w
    set securities = n.securities
    from _search_words as n
    where n.word = w.word and n.securities <> w.securities;

    with added as (
        insert into core.security_search_word (word, securities)
        select n.word, n.securities
        from _search_words as n
        where not exists (select 1 from core.security_search_word as w where w.word = n.word)
        returning word
    )
    insert into core.security_search_word_variant (variant, word)
    select d.variant, a.word
    from added as a
    cross join lateral core.word_deletions(a.word) as d (variant)
    where length(a.word) between 3 and 30 and a.word ~ '[[:alpha:]]';

    drop table _search_words;
end
$$;

CREATE FUNCTION agg.solve_linear(a double precision[], b double precision[]) RETURNS double precision[]
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
declare
    n integer := cardinality(b);
    m double precision[] := a;
    x double precision[] := b;
    p integer;
    best double precision;
    f double precision;
    t double precision;
    scale double precision := 0;
begin
    for i in 1 .. n * n loop
        scale := greatest(scale, abs(m[i]));
    end loop;
    if scale = 0 then
        return null;
    end if;
    for c in 1 .. n loop
        -- pivot: the largest remaining entry of column c
        p := c;
        best := abs(m[(c - 1) * n + c]);
        for r in c + 1 .. n loop
            if abs(m[(r - 1) * n + c]) > best then
                p := r;
                best := abs(m[(r - 1) * n + c]);
            end if;
        end loop;
        if best <= scale * 1e-13 then
            return null;
        end if;
        if p <> c then
            for j in 1 .. n loop
                t := m[(c - 1) * n + j];
                m[(c - 1) * n + j] := m[(p - 1) * n + j];
                m[(p - 1) * n + j] := t;
            end loop;
            t := x[c];
            x[c] := x[p];
            x[p] := t;
        end if;
        f := m[(c - 1) * n + c];
        for j in 1 .. n loop
            m[(c - 1) * n + j] := m[(c - 1) * n + j] / f;
        end loop;
        x[c] := x[c] / f;
        for r in 1 .. n loop
            if r <> c then
                f := m[(r - 1) * n + c];
                if f <> 0 then
                    for j in 1 .. n loop
                        m[(r - 1) * n + j] := m[(r - 1) * n + j] - f * m[(c - 1) * n + j];
                    end loop;
                    x[r] := x[r] - f * x[c];
                end if;
            end if;
        end loop;
    end loop;
    return x;
end
$$;

CREATE FUNCTION agg.volatility_63d(n bigint, s1 double precision, s2 double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select case when n = 63 then sqrt(greatest((s2 - s1 * s1 / n) / (n - 1), 0)) * sqrt(252) end
$$;

CREATE FUNCTION api.search_securities(q text, lim integer DEFAULT 20) RETURNS TABLE(kind text, key text, name text, rank real, ticker text, exchange text, category text, match text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET "pg_trgm.similarity_threshold" TO '0.3'
    AS $_$
declare
    v_q text := btrim(regexp_replace(coalesce(q, ''), '\s+', ' ', 'g'));
    v_upper text;
    v_prefix text;
    v_tsq tsquery;
    v_found bigint;
begin
    if v_q = '' or coalesce(lim, 0) <= 0 then
        return;
    end if;
    v_upper := upper(v_q);
    v_prefix := replace(replace(replace(v_upper, '\', '\\'), '%', '\%'), '_', '\_') || '%';
    select to_tsquery('simple', string_agg(
            quote_literal(t.lexeme) || case when length(t.lexeme) >= 3 then ':*' else '' end, ' & '))
    into v_tsq
    from unnest(to_tsvector('simple', v_q)) as t;

    for pass in 1..2 loop
        if pass = 2 then
            if length(v_q) < 3 then
                exit;
            end if;
            select to_tsquery('simple', string_agg(
                    case when length(t.lexeme) < 3 then quote_literal(t.lexeme)
                    else '(' || concat_ws(' | ', quote_literal(t.lexeme) || ':*', coalesce((
                        -- one edit away
                        select string_agg(quote_literal(c.word), ' | ')
                        from (
                            select w.word
                            from core.security_search_word as w
                            where w.word in (
                                select v.word
                                from core.security_search_word_variant as v
                                where v.variant in (select core.word_deletions(t.lexeme collate "C"))
                            )
                            order by public.similarity(w.word, t.lexeme) desc, w.securities desc, w.word
                            limit 3
                        ) as c
                    ), (
                        -- further: by trigrams
                        select string_agg(quote_literal(c.word), ' | ')
                        from (
                            select w.word
                            from core.security_search_word as w
                            where w.word operator(public.%) t.lexeme
                            order by public.similarity(w.word, t.lexeme) desc, w.securities desc, w.word
                            limit 3
                        ) as c
                    ))) || ')' end,
                    ' & '))
            into v_tsq
            from unnest(to_tsvector('simple', v_q)) as t;
        end if;
        -- one statement planned for these values (a bitmap OR of the indexes)
        return query execute format(
            $q$
            with scored as (
                select s.kind, s.key, s.name, s.ticker, s.exchange, s.category,
                    case
                        when upper(s.ticker) = $1 then 'ticker'
                        when upper(s.ticker) like $2 then 'ticker prefix'
                        else %1$L
                    end as match,
                    greatest(
                        0.8 * public.similarity(upper(s.ticker), $1),
                        public.strict_word_similarity(lower($4), lower(s.name))
                    ) + %2$s as score
                from core.security_search as s
                where %3$s
            )
            select c.kind, c.key::text, c.name,
                (case c.match
                    when 'ticker' then 3 + least(c.score, 0.999)
                    when 'ticker prefix' then 2 + length($1)::real / length(c.ticker)
                    else least(c.score, 0.999)
                end)::real as rank,
                c.ticker, c.exchange, c.category, c.match
            from scored as c
            order by 4 desc, length(c.ticker) nulls last, c.name, c.kind, c.key
            limit $5
            $q$,
            case pass when 1 then 'text' else 'fuzzy' end,
            case when v_tsq is null then '0' else '0.1 * ts_rank(s.tsv, $3)' end,
            concat_ws(' or ',
                case when pass = 1 then 'upper(s.ticker) like $2' end,
                case when v_tsq is not null then 's.tsv @@ $3' end,
                'false')
        ) using v_upper, v_prefix, v_tsq, v_q, lim;
        get diagnostics v_found = row_count;
        exit when v_found > 0;
    end loop;
end
$_$;

CREATE FUNCTION core.array_part(p jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select coalesce(jsonb_object_agg(f.key, f.value), '{}'::jsonb)
    from jsonb_each(case when jsonb_typeof(p) = 'object' then p else '{}'::jsonb end) as f (key, value)
    where jsonb_typeof(f.value) = 'array'
$$;

CREATE FUNCTION core.as_of_sql(p_as_of text[]) RETURNS text
    LANGUAGE plpgsql STABLE
    AS $$
declare
    v_cols text[];
begin
    select array_agg(a.attname::text) into v_cols
    from pg_attribute as a
    where a.attrelid = 'pg_temp._stage'::regclass and a.attnum > 0 and not a.attisdropped;
    if exists (select 1 from unnest(p_as_of) as c where c <> all (v_cols)) then
        raise exception 'as-of column(s) % are not columns of _stage',
            (select string_agg(c, ', ') from unnest(p_as_of) as c where c <> all (v_cols));
    end if;
    return (
        select 'coalesce('
            || case when 'vendor_as_of' = any (v_cols) then 's.vendor_as_of, ' else '' end
            || coalesce(string_agg(
                case when a.atttypid = 'date'::regtype
                    then format('(s.%I::timestamp at time zone %L)', a.attname, 'UTC')
                    else format('s.%I::timestamptz', a.attname)
                end, ', ' order by u.o) || ', ', '')
            || 's.updated_at)'
        from unnest(p_as_of) with ordinality as u (c, o)
        join pg_attribute as a on a.attrelid = 'pg_temp._stage'::regclass and a.attname = u.c
    );
end
$$;

CREATE FUNCTION core.build_exchange_calendar(p_exchange text DEFAULT 'NYSE'::text, p_from date DEFAULT '2000-01-01'::date, p_to date DEFAULT make_date(((EXTRACT(year FROM CURRENT_DATE))::integer + 5), 12, 31)) RETURNS bigint
    LANGUAGE plpgsql
    AS $$
declare
    v_rows bigint;
begin
    if p_exchange is distinct from 'NYSE' then
        raise exception 'no calendar rules for exchange %', coalesce(p_exchange, 'NULL')
            using errcode = 'invalid_parameter_value';
    end if;
    if p_from is null or p_to is null or p_from > p_to then
        raise exception 'invalid calendar range % .. %', p_from, p_to using errcode = 'invalid_parameter_value';
    end if;
    insert into core.exchange_calendar as c (exchange, date, is_open, early_close, reason)
    select p_exchange, g.d,
        case
            when m.date is not null then m.early_close is not null
            when r.date is not null then r.is_open
            else extract(isodow from g.d) < 6
        end,
        case
            when m.date is not null then m.early_close
            when r.date is not null then r.early_close
        end,
        case
            when m.date is not null then m.reason
            when r.date is not null then r.reason
            when extract(isodow from g.d) >= 6 then 'Weekend'
        end
    from generate_series(p_from, p_to, interval '1 day') as g0
    cross join lateral (select g0::date as d) as g
    left join core.nyse_rule_days(extract(year from p_from)::int, extract(year from p_to)::int) as r
        on r.date = g.d and extract(isodow from g.d) < 6
    left join ops.market_closure as m on m.exchange = p_exchange and m.date = g.d
    on conflict (exchange, date) do update
        set is_open = excluded.is_open, early_close = excluded.early_close, reason = excluded.reason
        where (c.is_open, c.early_close, c.reason) is distinct from (excluded.is_open, excluded.early_close, excluded.reason);
    get diagnostics v_rows = row_count;
    return v_rows;
end
$$;

CREATE FUNCTION core.clean_text(v text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select case when core.is_blank(v) then null else btrim(v) end
$$;

CREATE FUNCTION core.create_date_partitions(p_table regclass, p_years integer[]) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
declare
    t record;
    v_year integer;
    v_part text;
    v_created integer := 0;
    v_column text;
    v_default regclass;
begin
    for t in
        select c.oid::regclass as rel, n.nspname::text as schema_name, c.relname::text as name
        from pg_class as c
        join pg_namespace as n on n.oid = c.relnamespace
        where n.nspname = 'core' and c.relkind = 'p'
            and c.oid in (p_table, (
                select to_regclass(format('%I.%I', n2.nspname, c2.relname || '_current'))
                from pg_class as c2
                join pg_namespace as n2 on n2.oid = c2.relnamespace
                where c2.oid = p_table
            ))
    loop
        select a.attname::text into v_column
        from pg_partitioned_table as p
        join pg_attribute as a on a.attrelid = p.partrelid and a.attnum = p.partattrs[0]
        where p.partrelid = t.rel;
        select i.inhrelid::regclass into v_default
        from pg_inherits as i
        join pg_class as c on c.oid = i.inhrelid
        where i.inhparent = t.rel and pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT';

        foreach v_year in array coalesce(p_years, '{}') loop
            continue when v_year is null or v_year < 1900 or v_year > extract(year from now())::integer + 5;
            v_part := core.date_partition_name(t.rel, v_year);
            continue when to_regclass(format('%I.%I', t.schema_name, v_part)) is not null;
            -- one creator at a time per table (a transform and the maintenance job)
            perform pg_advisory_xact_lock(hashtext('sra.partition'), t.rel::oid::integer);
            continue when to_regclass(format('%I.%I', t.schema_name, v_part)) is not null;
            if v_default is not null then
                execute format('create temp table _partition_moved (like %s) on commit drop', v_default);
                execute format(
                    'with m as (delete from %1$s where %2$I >= %3$L and %2$I < %4$L returning *)'
                    ' insert into _partition_moved select * from m',
                    v_default, v_column, make_date(v_year, 1, 1), make_date(v_year + 1, 1, 1));
            end if;
            execute format('create table %I.%I partition of %s for values from (%L) to (%L)',
                t.schema_name, v_part, t.rel, make_date(v_year, 1, 1), make_date(v_year + 1, 1, 1));
            if v_default is not null then
                execute format('insert into %s select * from _partition_moved', t.rel);
                drop table _partition_moved;
            end if;
            v_created := v_created + 1;
        end loop;
    end loop;
    return v_created;
end
$_$;

CREATE FUNCTION core.create_latest_view(p_table regclass) RETURNS void
    LANGUAGE plpgsql
    AS $_$
declare
    v_name text := (select relname from pg_class where oid = p_table);
    v_keys text[] := core.version_key(p_table);
    v_has_elem boolean := exists (
        select 1 from pg_attribute as a
        where a.attrelid = p_table and a.attname = 'batch_elem' and not a.attisdropped
    );
begin
    execute format(
        $q$
        create or replace view core.%1$I as
        select
            (select core.raw_document(r.payload, %5$s) from raw.record as r
                where r.batch_id = h.batch_id and r.line = h.batch_line) as raw_json,
            h.*
        from core.%2$I as c
        join core.%3$I as h on %4$s and h.data_version = c.data_version
        $q$,
        v_name || '_latest',
        v_name || '_current',
        v_name,
        (select string_agg(format('h.%1$I = c.%1$I', k), ' and ') from unnest(v_keys) as k),
        case when v_has_elem then 'h.batch_elem' else 'null' end
    );
    execute format(
        'comment on view core.%I is %L',
        v_name || '_latest',
        format('The latest version of each key of core.%s: newest by the vendor''s as-of, then arrival (core.%s); raw_json is its original record, read from raw.record by its lineage.',
            v_name, v_name || '_current')
    );
    execute format('alter view core.%I owner to %I', v_name || '_latest',
        (select pg_get_userbyid(relowner) from pg_class where oid = p_table));
    execute format('grant select on core.%I to sra_transformer', v_name || '_latest');
end
$_$;

CREATE FUNCTION core.create_partitions_ahead() RETURNS TABLE(table_name text, partitions_created integer)
    LANGUAGE plpgsql
    AS $_$
declare
    t record;
begin
    for t in
        select c.oid::regclass as rel
        from pg_class as c
        where c.relnamespace = 'core'::regnamespace and c.relkind = 'p' and not c.relispartition
            and c.relname !~ '_current$'
        order by 1
    loop
        return query select t.rel::text, core.create_date_partitions(t.rel, array[
            extract(year from now())::integer, extract(year from now())::integer + 1]);
    end loop;
end
$_$;

CREATE FUNCTION core.current_upsert_sql(p_current text, p_keys text[], p_select text, p_new_keys boolean DEFAULT false) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $_$
    select format(
        $q$insert into %1$s as c (%2$s, data_version, vendor_as_of, batch_id, line)
            %3$s%4$s$q$,
        p_current,
        k.keys,
        p_select,
        -- keys known to have no current row yet (first versions): a plain insert
        case when not p_new_keys then format($q$
            on conflict (%1$s) do update
            set data_version = excluded.data_version, vendor_as_of = excluded.vendor_as_of,
                batch_id = excluded.batch_id, line = excluded.line
            where (excluded.vendor_as_of, excluded.batch_id, excluded.line) > (c.vendor_as_of, c.batch_id, c.line)$q$,
            k.keys)
        else '' end
    )
    from (
        select string_agg(format('%I', u.k), ', ' order by u.o) as keys
        from unnest(p_keys) with ordinality as u (k, o)
    ) as k
$_$;

CREATE FUNCTION core.date_partition_name(p_table regclass, p_year integer) RETURNS text
    LANGUAGE sql STABLE
    AS $$
    select c.relname || '_y' || p_year from pg_catalog.pg_class as c where c.oid = p_table
$$;

CREATE FUNCTION core.drop_date_partitions_before(p_table regclass, p_before_year integer) RETURNS integer
    LANGUAGE plpgsql
    AS $$
declare
    t record;
    p record;
    v_dropped integer := 0;
    v_column text;
begin
    for t in
        select c.oid::regclass as rel
        from pg_class as c
        where c.relkind = 'p' and c.oid in (p_table, (
            select to_regclass(format('%I.%I', n2.nspname, c2.relname || '_current'))
            from pg_class as c2
            join pg_namespace as n2 on n2.oid = c2.relnamespace
            where c2.oid = p_table
        ))
    loop
        select a.attname::text into v_column
        from pg_partitioned_table as pt
        join pg_attribute as a on a.attrelid = pt.partrelid and a.attnum = pt.partattrs[0]
        where pt.partrelid = t.rel;
        for p in
            select i.inhrelid::regclass as part, pg_get_expr(c.relpartbound, c.oid) as bound
            from pg_inherits as i
            join pg_class as c on c.oid = i.inhrelid
            where i.inhparent = t.rel
        loop
            if p.bound = 'DEFAULT' then
                execute format('delete from %s where %I < %L', p.part, v_column, make_date(p_before_year, 1, 1));
            elsif (regexp_match(p.bound, 'TO \(''(\d{4}-\d{2}-\d{2})''\)'))[1]::date <= make_date(p_before_year, 1, 1) then
                execute format('drop table %s', p.part);
                v_dropped := v_dropped + 1;
            end if;
        end loop;
    end loop;
    return v_dropped;
end
$$;

CREATE FUNCTION core.easter_sunday(p_year integer) RETURNS date
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
    select make_date(p_year, (h + l - 7 * m + 114) / 31, (h + l - 7 * m + 114) % 31 + 1)
    from (select p_year % 19 as a, p_year / 100 as b, p_year % 100 as c) as s1
    cross join lateral (select b / 4 as d, b % 4 as e, (b + 8) / 25 as f, c / 4 as i, c % 4 as k) as s2
    cross join lateral (select (19 * a + b - d - (b - f + 1) / 3 + 15) % 30 as h) as s3
    cross join lateral (select (32 + 2 * e + 2 * i - h - k) % 7 as l) as s4
    cross join lateral (select (a + 11 * h + 22 * l) / 451 as m) as s5
$$;

CREATE FUNCTION core.equity_return_anchor(p_symbol text, p_anchor date, p_last date) RETURNS TABLE(anchor_date date, close numeric, split_multiple numeric, dividend_multiple numeric)
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    select
        a.date,
        a.close,
        coalesce((
            select core.product((s.numerator / s.denominator)::double precision)
            from core.equity_split_latest as s
            where s.symbol = p_symbol and s.date > a.date and s.date <= p_last
                and s.numerator > 0 and s.denominator > 0
        ), 1)::numeric,
        coalesce((
            select core.product((1 / (1 - d.dividend / b.close))::double precision)
            from core.equity_dividend_latest as d
            cross join lateral (
                select q.close from core.equity_quotes_latest as q
                where q.symbol = p_symbol and q.date < d.date
                order by q.date desc
                limit 1
            ) as b
            where d.symbol = p_symbol and d.date > a.date and d.date <= p_last
                and d.dividend > 0 and b.close > d.dividend
        ), 1)::numeric
    from (
        select c.date, h.close
        from core.equity_quotes_current as c
        join core.equity_quotes as h on h.symbol = c.symbol and h.date = c.date and h.data_version = c.data_version
        where c.symbol = p_symbol and c.date <= p_anchor
        order by c.date desc
        limit 1
    ) as a
$$;

CREATE FUNCTION core.exchange_calendar_check(p_exchange text, p_from date, p_to date) RETURNS void
    LANGUAGE plpgsql STABLE
    AS $$
declare
    v_first date;
    v_last date;
begin
    select min(c.date), max(c.date) into v_first, v_last
    from core.exchange_calendar as c where c.exchange = p_exchange;
    if v_first is null then
        raise exception 'no trading calendar for exchange %', p_exchange using errcode = 'invalid_parameter_value';
    end if;
    if p_from < v_first or p_to > v_last then
        raise exception 'the % calendar covers % .. %, not % .. %', p_exchange, v_first, v_last, p_from, p_to
            using errcode = 'data_exception',
                hint = 'extend it with core.build_exchange_calendar(exchange, from, to)';
    end if;
end
$$;

CREATE FUNCTION core.exchange_calendar_number() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    update core.exchange_calendar as c
    set session_no = n.sn
    from (
        select x.exchange, x.date,
            (count(*) filter (where x.is_open) over (partition by x.exchange order by x.date))::integer as sn
        from core.exchange_calendar as x
    ) as n
    where c.exchange = n.exchange and c.date = n.date and c.session_no is distinct from n.sn;
    return null;
end
$$;

CREATE FUNCTION core.explode_arrays(p jsonb) RETURNS TABLE(array_source_field text, array_element_index integer, array_element_value text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select
        f.key as array_source_field,
        (e.ordinality - 1)::integer as array_element_index,
        case jsonb_typeof(e.value)
            when 'string' then e.value #>> '{}'
            when 'null' then null
            else e.value::text
        end as array_element_value
    from jsonb_each(case when jsonb_typeof(p) = 'object' then p else '{}'::jsonb end) as f (key, value)
    cross join lateral jsonb_array_elements(
        case when jsonb_typeof(f.value) = 'array' then f.value else '[]'::jsonb end
    ) with ordinality as e (value, ordinality)
    union all
    select null, null, null
    where not core.has_arrays(p)
$$;

CREATE FUNCTION core.explode_for(p_format text, p jsonb) RETURNS TABLE(array_source_field text, array_element_index integer, array_element_value text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select null::text, null::integer, null::text
    where p_format is distinct from 'json' or not core.has_arrays(p)
    union all
    select e.array_source_field, e.array_element_index, e.array_element_value
    from core.explode_arrays(p) as e
    where p_format = 'json' and core.has_arrays(p)
$$;

CREATE FUNCTION core.fmp_corporate_action_checks(p_transform text) RETURNS bigint
    LANGUAGE plpgsql
    AS $$
declare
    v_issues bigint := 0;
    v_negative bigint := 0;
    v_cols text[];
begin
    select array_agg(a.attname::text) into v_cols
    from pg_attribute as a
    where a.attrelid = '_stage'::regclass and a.attnum > 0 and not a.attisdropped;

    if 'numerator' = any (v_cols) then
        insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, raw_value, identifier, detail)
        select s.batch_id, s.line, s.elem, s.dataset, p_transform, 'bad_split_ratio', 'numerator',
            format('%s:%s', s.payload ->> 'numerator', s.payload ->> 'denominator'), s.symbol,
            'a split ratio needs a positive numerator and denominator: loaded, adjusts no price'
        from _stage as s
        where s.date is not null
            and (s.numerator is null or s.denominator is null or s.numerator <= 0 or s.denominator <= 0);
        get diagnostics v_issues = row_count;
    end if;
    if 'dividend' = any (v_cols) then
        insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, raw_value, identifier, detail)
        select s.batch_id, s.line, s.elem, s.dataset, p_transform, 'negative_dividend', 'dividend',
            s.payload ->> 'dividend', s.symbol, 'a negative cash dividend: loaded, adjusts no price'
        from _stage as s
        where s.dividend < 0;
        get diagnostics v_negative = row_count;
    end if;
    return v_issues + v_negative;
end
$$;

CREATE FUNCTION core.fmp_dividend_fields() RETURNS text[]
    LANGUAGE sql IMMUTABLE
    AS $$
    select array[
        ---------- keys: a legacy row takes its symbol from {symbol, historical}
        'symbol text symbol|@symbol',
        'date day date',
        'label text label',
        ---------- per share, in the trading currency
        'dividend num dividend',
        'adj_dividend num adjDividend',
        ---------- dates
        'record_date day recordDate',
        'payment_date day paymentDate',
        'declaration_date day declarationDate',
        ---------- stable only
        'yield num yield',
        'frequency text frequency'
    ]
$$;

CREATE FUNCTION core.fmp_docs(p_shape text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $_$
    select case p_shape
        when 'rows' then $q$
            select (e.i - 1)::integer, e.doc
            from jsonb_array_elements(
                case jsonb_typeof(s.payload)
                    when 'array' then s.payload
                    when 'object' then
                        case when s.payload = '{}'::jsonb or s.payload ? 'Error Message' then '[]'::jsonb
                            else jsonb_build_array(s.payload) end
                    else '[]'::jsonb
                end
            ) with ordinality as e (doc, i)
        $q$
        when 'historical' then $q$
            select
                (e.i - 1)::integer,
                case
                    when h.symbol is not null and jsonb_typeof(e.doc) = 'object' and not e.doc ? 'symbol'
                        then jsonb_build_object('symbol', h.symbol) || e.doc
                    else e.doc
                end
            from (
                -- read the (large) response once, not once per row
                select
                    case jsonb_typeof(s.payload)
                        when 'array' then s.payload
                        when 'object' then
                            case when jsonb_typeof(s.payload -> 'historical') = 'array' then s.payload -> 'historical'
                                else '[]'::jsonb end
                        else '[]'::jsonb
                    end as rows,
                    case when jsonb_typeof(s.payload) = 'object' then s.payload -> 'symbol' end as symbol
                offset 0
            ) as h
            cross join lateral jsonb_array_elements(h.rows) with ordinality as e (doc, i)
            -- each document is built once, not once per field that reads it
            offset 0
        $q$
        when 'peers' then $q$
            select (e.i - 1)::integer, e.doc
            from jsonb_array_elements(
                case when jsonb_typeof(s.payload) = 'array' and jsonb_typeof(s.payload -> 0 -> 'peersList') = 'array'
                    then s.payload else '[]'::jsonb end
            ) with ordinality as e (doc, i)
            union all
            select 0, jsonb_build_object('symbol', s.request -> 'params' -> 'symbol', 'peers', s.payload)
            -- case, not "and": jsonb_array_length raises on a non-array
            where case when jsonb_typeof(s.payload) = 'array'
                then jsonb_array_length(s.payload) > 0
                    and jsonb_typeof(s.payload -> 0 -> 'peersList') is distinct from 'array'
                else false end
        $q$
    end
$_$;

CREATE FUNCTION core.fmp_identifier(v text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $_$
    select case when core.clean_text(v) !~ '^[0-]+$' then core.clean_text(v) end
$_$;

CREATE FUNCTION core.fmp_keep_remainder(p_transform text, p_fields text[]) RETURNS bigint
    LANGUAGE plpgsql
    AS $$
declare
    v_keys text[];
    v_issues bigint;
begin
    select array_agg(distinct k) into v_keys
    from unnest(p_fields) as f
    cross join lateral unnest(string_to_array(split_part(f, ' ', 3), '|')) as k
    where k not like '@%';
    -- schema drift: fields discarded for the transform's datasets
    v_keys := v_keys || array(
        select c.field
        from ops.schema_change as c
        join ops.transform_definition as d on d.name = p_transform and c.dataset = any(d.datasets)
        where c.state = 'discarded'
    );

    alter table _stage add column extra jsonb;
    update _stage as s
    set extra = core.scalars(s.payload - v_keys)
    where jsonb_typeof(s.payload) = 'object'
        and core.scalars(s.payload - v_keys) <> '{}'::jsonb;

    insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, raw_value, detail)
    select distinct on (s.batch_id, e.key)
        s.batch_id, s.line, s.elem, s.dataset, p_transform, 'unknown_field', e.key, left(e.value::text, 200),
        'no typed column reads this key: kept in extra and raw_json'
    from _stage as s
    cross join lateral jsonb_each(s.extra) as e
    where s.extra is not null
    order by s.batch_id, e.key, s.line, s.elem;
    get diagnostics v_issues = row_count;
    return v_issues;
end
$$;

CREATE FUNCTION core.fmp_mark_unlisted(p_target text, p_parent text, p_child text, p_as_of text[]) RETURNS bigint
    LANGUAGE plpgsql
    AS $_$
declare
    v_rows bigint;
    v_as_of text := core.as_of_sql(p_as_of);
begin
    alter table _stage add column if not exists vendor_as_of timestamptz;
    execute format(
        $q$
        with
        responses as (
            select s.%1$I as parent, s.batch_id, max(%4$s) as vendor_as_of,
                min(s.dataset) as dataset, min(s.format) as format, min(s.data_source) as data_source,
                min(s.source_file) as source_file, min(s.api_version) as api_version, min(s.updated_at) as updated_at
            from _stage as s
            where s.%1$I is not null and s.%2$I is not null
            group by s.%1$I, s.batch_id
        ),
        current_listed as (
            select distinct c.%1$I as parent, c.%2$I as child
            from %3$s_latest as c
            where c.%1$I = any (array(select distinct r.parent from responses as r))
                and c.is_listed
        ),
        known as (
            select k.parent, k.child, min(k.first_batch) as first_batch
            from (
                select cl.parent, cl.child, 0::bigint as first_batch from current_listed as cl
                union all
                select s.%1$I, s.%2$I, min(s.batch_id) from _stage as s
                where s.%1$I is not null and s.%2$I is not null
                group by s.%1$I, s.%2$I
            ) as k
            group by k.parent, k.child
        )
        insert into _stage (batch_id, line, elem, dataset, format, payload, data_source, source_file,
            api_version, updated_at, %1$I, %2$I, is_listed, issue_suspect, vendor_as_of)
        select r.batch_id, 1, -(row_number() over (partition by r.batch_id order by k.child))::integer,
            r.dataset, r.format,
            jsonb_build_object(%1$L, r.parent, %2$L, k.child, 'listed', false),
            r.data_source, r.source_file, r.api_version, r.updated_at,
            r.parent, k.child, false, false, r.vendor_as_of
        from responses as r
        join known as k on k.parent = r.parent and k.first_batch < r.batch_id
        where not exists (
            select 1 from _stage as s
            where s.batch_id = r.batch_id and s.%1$I = r.parent and s.%2$I = k.child
        )
        $q$,
        p_parent, p_child, p_target, v_as_of
    );
    get diagnostics v_rows = row_count;
    return v_rows;
end
$_$;

CREATE FUNCTION core.fmp_price_checks(p_transform text, p_target text) RETURNS bigint
    LANGUAGE plpgsql
    AS $_$
declare
    v_rules bigint;
    v_jumps bigint;
begin
    insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, raw_value, identifier, detail)
    select s.batch_id, s.line, s.elem, s.dataset, p_transform, r.rule, r.field, s.payload ->> r.field, s.symbol, r.detail
    from _stage as s
    cross join lateral (
        select 'price_relationship' as rule, 'high' as field,
            format('high %s is below low %s', s.high, s.low) as detail
        where s.high < s.low
        union all
        select 'price_relationship', f.field, format('%s %s is outside low %s .. high %s', f.field, f.value, s.low, s.high)
        from (values ('open', s.open), ('close', s.close)) as f (field, value)
        where f.value < s.low or f.value > s.high
        union all
        select 'non_positive_price', f.field, null
        from (values ('open', s.open), ('high', s.high), ('low', s.low), ('close', s.close)) as f (field, value)
        where f.value <= 0
        union all
        select 'negative_volume', 'volume', null
        where s.volume < 0
    ) as r
    where s.high < s.low
        or s.open < s.low or s.open > s.high
        or s.close < s.low or s.close > s.high
        or least(s.open, s.high, s.low, s.close) <= 0
        or s.volume < 0;
    get diagnostics v_rules = row_count;

    execute format(
        $q$
        with
        days as (
            -- one close per symbol and day: the last staged record
            select distinct on (s.symbol, s.date) s.batch_id, s.line, s.elem, s.dataset, s.symbol, s.date, s.close
            from _stage as s
            where s.symbol is not null and s.date is not null and s.close > 0
            order by s.symbol, s.date, s.batch_id desc, s.line desc, s.elem desc
        ),
        seq as (
            select d.*,
                lag(d.close) over w as prev_close,
                row_number() over w as rn
            from days as d
            window w as (partition by d.symbol order by d.date)
        ),
        before as (
            -- the day before a symbol's first staged day, from earlier loads (its latest version)
            select q.symbol, p.close
            from seq as q
            cross join lateral (
                select c.close
                from %1$s_latest as c
                where c.symbol = q.symbol and c.date < q.date
                order by c.date desc
                limit 1
            ) as p
            where q.rn = 1
        ),
        compared as (
            select q.*, coalesce(q.prev_close, b.close) as previous
            from seq as q
            left join before as b on q.rn = 1 and b.symbol = q.symbol
        )
        insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, raw_value, identifier, detail)
        select c.batch_id, c.line, c.elem, c.dataset, %2$L, 'price_jump', 'close', c.close::text, c.symbol,
            format('%%s -> %%s on %%s: more than 15%%%% from the previous close', c.previous, c.close, c.date)
        from compared as c
        where c.previous > 0 and abs(c.close - c.previous) > 0.15 * c.previous
        $q$,
        p_target, p_transform
    );
    get diagnostics v_jumps = row_count;
    return v_rules + v_jumps;
end
$_$;

CREATE FUNCTION core.fmp_split_fields() RETURNS text[]
    LANGUAGE sql IMMUTABLE
    AS $$
    select array[
        'symbol text symbol|@symbol',
        'date day date',
        'label text label',
        ---------- ratio numerator:denominator (4:1 = four new shares for one)
        'numerator num numerator',
        'denominator num denominator',
        'split_type text splitType'
    ]
$$;

CREATE FUNCTION core.fmp_transform_corporate_actions(p_transform text, p_target text, p_batches bigint[], p_fields text[]) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    v_issues bigint;
    w record;
begin
    v_in := core.stage(p_transform, p_batches, p_fields, core.fmp_docs('historical'));
    v_issues := core.fmp_keep_remainder(p_transform, p_fields);
    v_issues := v_issues + core.fmp_corporate_action_checks(p_transform);
    select * into w from core.write_versions(p_transform, p_target, array['symbol', 'date'], array['date']);
    return query select v_in, w.rows_out, v_issues + w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.fmp_transform_documents(p_transform text, p_target text, p_batches bigint[], p_fields text[], p_keys text[], p_as_of text[]) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    v_issues bigint;
    w record;
begin
    v_in := core.stage(p_transform, p_batches, p_fields, core.fmp_docs('rows'));
    v_issues := core.fmp_keep_remainder(p_transform, p_fields);
    select * into w from core.write_versions(p_transform, p_target, p_keys, p_as_of);
    return query select v_in, w.rows_out, v_issues + w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.fmp_transform_peers(p_transform text, p_target text, p_batches bigint[]) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    w record;
begin
    v_in := core.stage(p_transform, p_batches, array[
        ---------- key
        'symbol text symbol|@symbol'
    ], core.fmp_docs('peers'));

    select * into w from core.write_versions(p_transform, p_target, array['symbol'], '{}');
    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.fmp_transform_prices(p_transform text, p_target text, p_batches bigint[]) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    v_issues bigint;
    w record;
begin
    v_in := core.stage(p_transform, p_batches, array[
        ---------- keys: a legacy row takes its symbol from {symbol, historical}
        'symbol text symbol|@symbol',
        'date day date',
        ---------- prices
        'open num open',
        'high num high',
        'low num low',
        'close num close',
        'adj_close num adjClose',
        'volume intg volume',
        'unadjusted_volume intg unadjustedVolume',
        'change num change',
        'change_percent num changePercent',
        'vwap num vwap'
    ], core.fmp_docs('historical'));

    v_issues := core.fmp_price_checks(p_transform, p_target);

    -- the yearly partitions the records' dates need (docs/SCALING.md)
    perform core.create_date_partitions(p_target::regclass, array(
        select distinct extract(year from s.date)::integer from _stage as s where s.date is not null));

    select * into w from core.write_versions(p_transform, p_target, array['symbol', 'date'], array['date']);

    -- the newest date of each symbol with that day's latest version and its
    -- values (api.equity_latest_price, api.etf_latest_price)
    if to_regclass(p_target || '_current_date') is not null then
        execute core.newest_day_upsert_sql(p_target, 'symbol', array['data_version', 'open', 'high', 'low', 'close',
            'adj_close', 'volume', 'unadjusted_volume', 'change', 'change_percent', 'vwap', 'api_version', 'updated_at']);
    end if;
    return query select v_in, w.rows_out, v_issues + w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.fmp_zero_means_unknown(p_transform text, p_columns text[]) RETURNS bigint
    LANGUAGE plpgsql
    AS $_$
declare
    v_fields text;
    v_set text;
    v_any text;
    v_issues bigint;
begin
    select
        string_agg(format('(%s, s.%I = 0)',
            -- the key that carried the value: the first one present, as core.stage reads
            'coalesce(' || (select string_agg(format('case when s.payload ->> %1$L is not null then %1$L end', k), ', ')
                from unnest(c.keys) as k) || ')',
            c.col), ', '),
        string_agg(format('%1$I = nullif(s.%1$I, 0)', c.col), ', '),
        string_agg(format('s.%I = 0', c.col), ' or ')
    into v_fields, v_set, v_any
    from (
        select split_part(f, ' ', 1) as col, string_to_array(split_part(f, ' ', 2), '|') as keys
        from unnest(p_columns) as f
    ) as c;

    execute format(
        $q$
        insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, raw_value, identifier, detail)
        select s.batch_id, s.line, s.elem, s.dataset, %1$L, 'zero_means_unknown', z.field, s.payload ->> z.field, s.symbol,
            'FMP writes 0 where it knows no value: NULL, not zero'
        from _stage as s
        cross join lateral (values %2$s) as z (field, is_zero)
        where z.is_zero
        $q$,
        p_transform, v_fields
    );
    get diagnostics v_issues = row_count;

    execute format('update _stage as s set %s where %s', v_set, v_any);
    return v_issues;
end
$_$;

CREATE FUNCTION core.fundata_api_write(p_transform text, p_target text, p_keys text[], p_as_of text[]) RETURNS TABLE(rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    w record;
begin
    select * into w from core.write_versions(p_transform, p_target, p_keys, p_as_of);
    perform core.register_instruments(p_keys);
    return query select w.rows_out, w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.has_arrays(p jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $_$
    select coalesce(jsonb_path_exists(p, 'strict $.* ? (@.type() == "array" && @.size() > 0)', '{}', true), false)
$_$;

CREATE FUNCTION core.is_blank(v text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select v is null
        or v = ''
        or ((octet_length(v) <= 4 or left(v, 1) = ' ' or right(v, 1) = ' ')
            and lower(btrim(v)) in ('', 'null', 'none', 'n/a', 'nan'))
$$;

CREATE FUNCTION core.is_data_error(p_sqlstate text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select left(p_sqlstate, 2) in ('21', '22', '23', '27', '44', 'P0')
        or p_sqlstate = '54000'
$$;

CREATE FUNCTION core.is_session(p_exchange text, p_date date) RETURNS boolean
    LANGUAGE plpgsql STABLE STRICT
    AS $$
declare
    v_open boolean;
begin
    select c.is_open into v_open from core.exchange_calendar as c where c.exchange = p_exchange and c.date = p_date;
    if not found then
        perform core.exchange_calendar_check(p_exchange, p_date, p_date);
    end if;
    return v_open;
end
$$;

CREATE FUNCTION core.landed(p_batches bigint[]) RETURNS TABLE(batch_id bigint, line integer, payload jsonb, dataset text, format text, data_source text, source_file text, api_version text, updated_at timestamp with time zone, request jsonb)
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    select
        l.batch_id, l.line, coalesce(l.payload, raw.csv_record(l.header, l.csv)),
        l.dataset, l.format, l.data_source, l.source_file, l.api_version, l.updated_at, l.request
    from core.landed_lines(p_batches) as l
$$;

CREATE FUNCTION core.landed_lines(p_batches bigint[]) RETURNS TABLE(batch_id bigint, line integer, csv text, payload jsonb, header text[], dataset text, format text, data_source text, source_file text, api_version text, updated_at timestamp with time zone, request jsonb)
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    select
        r.batch_id,
        r.line,
        r.csv,
        r.payload,
        b.header,
        b.dataset,
        b.format,
        case when b.origin = 'csv' then 'CSV' else 'API' end,
        b.file_name,
        b.request ->> 'api_version',
        b.landed_at,
        b.request
    from raw.stored_record as r
    join raw.batch as b on b.batch_id = r.batch_id
    where r.batch_id = any(p_batches)
$$;

CREATE FUNCTION core.last_completed_session(p_exchange text, p_at timestamp with time zone DEFAULT now()) RETURNS date
    LANGUAGE plpgsql STABLE STRICT
    AS $$
declare
    v_day date := (p_at at time zone 'America/New_York')::date;
begin
    perform core.exchange_calendar_check(p_exchange, v_day, v_day);
    return (
        select c.date from core.exchange_calendar as c
        where c.exchange = p_exchange and c.is_open and c.date <= v_day
            and (c.date + coalesce(c.early_close, time '16:00')) at time zone 'America/New_York' <= p_at
        order by c.date desc
        limit 1
    );
end
$$;

CREATE FUNCTION core.max_key_bytes() RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select 512
$$;

CREATE FUNCTION core.newest_day_upsert_sql(p_table text, p_key text, p_cols text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $_$
    select format(
        $q$insert into %1$s_current_date as c (%2$I, date, %3$s)
            select t.%2$I, t.date, %4$s
            from (
                select s.%2$I, greatest(max(s.date), max(d.date)) as date
                from _stage as s
                left join %1$s_current_date as d on d.%2$I = s.%2$I
                where s.%2$I is not null and s.date is not null
                group by s.%2$I
            ) as t
            cross join lateral (
                select q.%2$I, q.date, q.data_version
                from %1$s_current as q
                where q.%2$I = t.%2$I and q.date = t.date
                offset 0
            ) as q
            cross join lateral (
                select h.*
                from %1$s as h
                where h.%2$I = q.%2$I and h.date = q.date and h.data_version = q.data_version
                order by h.array_source_field nulls first, h.array_element_index nulls first
                limit 1
            ) as n
            on conflict (%2$I) do update
            set date = excluded.date, %5$s
            where (c.date, c.data_version, c.updated_at) is distinct from (excluded.date, excluded.data_version, excluded.updated_at)$q$,
        p_table,
        p_key,
        (select string_agg(format('%I', c), ', ' order by o) from unnest(p_cols) with ordinality as u (c, o)),
        (select string_agg(format('n.%I', c), ', ' order by o) from unnest(p_cols) with ordinality as u (c, o)),
        (select string_agg(format('%1$I = excluded.%1$I', c), ', ' order by o) from unnest(p_cols) with ordinality as u (c, o))
    )
$_$;

CREATE FUNCTION core.number_issue(v text, max_abs numeric DEFAULT '10000000000'::bigint) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select case
        when core.is_blank(v) then null
        when core.parse_decimal(v) is null then 'bad_number'
        when abs(round(core.parse_decimal(v), 2)) >= max_abs then 'overflow'
    end
$$;

CREATE FUNCTION core.nyse_rule_days(p_from_year integer, p_to_year integer) RETURNS TABLE(date date, is_open boolean, early_close time without time zone, reason text)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
    with y as (
        select g as y from generate_series(p_from_year, p_to_year) as g
    ),
    fixed as (
        -- observed date of a fixed-date holiday (NULL when not observed)
        select h.name,
            case extract(isodow from h.d)::int
                when 6 then case when h.saturday_to_friday then h.d - 1 end
                when 7 then h.d + 1
                else h.d
            end as d
        from y
        cross join lateral (values
            ('New Year''s Day', make_date(y.y, 1, 1), false, true),
            ('Juneteenth', make_date(y.y, 6, 19), true, y.y >= 2022),
            ('Independence Day', make_date(y.y, 7, 4), true, true),
            ('Christmas Day', make_date(y.y, 12, 25), true, true)
        ) as h (name, d, saturday_to_friday, applies)
        where h.applies
    ),
    floating as (
        -- n-th weekday (isodow) of a month; n = -1 is the last
        select f.name,
            case when f.n > 0
                then make_date(y.y, f.mon, 1) + ((f.dow - extract(isodow from make_date(y.y, f.mon, 1))::int + 7) % 7) + 7 * (f.n - 1)
                else (make_date(y.y, f.mon, 1) + interval '1 month')::date - 1
                    - ((extract(isodow from (make_date(y.y, f.mon, 1) + interval '1 month')::date - 1)::int - f.dow + 7) % 7)
            end as d
        from y
        cross join lateral (values
            ('Martin Luther King Jr. Day', 1, 1, 3),
            ('Washington''s Birthday', 2, 1, 3),
            ('Memorial Day', 5, 1, -1),
            ('Labor Day', 9, 1, 1),
            ('Thanksgiving Day', 11, 4, 4)
        ) as f (name, mon, dow, n)
    ),
    holidays as (
        select name, d from fixed where d is not null
        union all
        select name, d from floating
        union all
        select 'Good Friday', core.easter_sunday(y.y) - 2 from y
    ),
    early as (
        select e.name, e.d
        from y
        cross join lateral (values
            ('Day before Independence Day', make_date(y.y, 7, 3)),
            ('Christmas Eve', make_date(y.y, 12, 24))
        ) as e (name, d)
        where extract(isodow from e.d) < 6
            and not exists (select from holidays as h where h.d = e.d)
        union all
        select 'Day after Thanksgiving', f.d + 1 from floating as f where f.name = 'Thanksgiving Day'
    )
    select h.d, false, null::time, h.name from holidays as h
    union all
    select e.d, true, time '13:00', e.name from early as e
$$;

CREATE FUNCTION core.parse_bigint(v text) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select case
        when abs(core.parse_decimal(v)) < 9223372036854775807 then round(core.parse_decimal(v))::bigint
    end
$$;

CREATE FUNCTION core.parse_boolean(v text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select case lower(btrim(v))
        when 'true' then true when 't' then true when '1' then true when 'yes' then true when 'y' then true
        when 'false' then false when 'f' then false when '0' then false when 'no' then false when 'n' then false
    end
$$;

CREATE FUNCTION core.parse_date(v text) RETURNS date
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $_$
    select case
        when v is null or v = '' then null
        when v ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$' and left(v, 4) <> '0000' then v::date
        else core.parse_date_slow(v)
    end
$_$;

CREATE FUNCTION core.parse_date_slow(v text) RETURNS date
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $_$
declare
    s text := btrim(v);
    y integer;
    m integer;
    d integer;
begin
    if core.is_blank(s) then
        return null;
    end if;
    if s ~ '^\d{4}-\d{1,2}-\d{1,2}([ T].*)?$' then
        y := split_part(s, '-', 1)::integer;
        m := split_part(s, '-', 2)::integer;
        d := split_part(split_part(split_part(s, '-', 3), ' ', 1), 'T', 1)::integer;
    elsif s ~ '^\d{4}/\d{1,2}/\d{1,2}$' then
        y := split_part(s, '/', 1)::integer;
        m := split_part(s, '/', 2)::integer;
        d := split_part(s, '/', 3)::integer;
    elsif s ~ '^\d{8}$' then
        y := substr(s, 1, 4)::integer;
        m := substr(s, 5, 2)::integer;
        d := substr(s, 7, 2)::integer;
    else
        return null;
    end if;
    if y < 1 or m < 1 or m > 12 or d < 1 then
        return null;
    end if;
    if d > extract(day from (make_date(y, m, 1) + interval '1 month - 1 day')) then
        return null;
    end if;
    return make_date(y, m, d);
end
$_$;

CREATE FUNCTION core.parse_decimal(v text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $_$
    select case
        when v is null or v = '' then null
        when v ~ '^-?[0-9]{1,18}(\.[0-9]{0,12})?$' then v::numeric
        else core.parse_decimal_slow(v)
    end
$_$;

CREATE FUNCTION core.parse_decimal_slow(v text) RETURNS numeric
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $_$
declare
    s text := btrim(v);
    negative boolean := false;
begin
    if core.is_blank(s) then
        return null;
    end if;
    -- accounting negatives: (1,234.50)
    if s ~ '^\(.*\)$' then
        negative := true;
        s := btrim(substr(s, 2, length(s) - 2));
    end if;
    s := replace(replace(replace(s, '$', ''), ',', ''), ' ', '');
    if s !~ '^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})?$' then
        return null;
    end if;
    return case when negative then -(s::numeric) else s::numeric end;
end
$_$;

CREATE FUNCTION core.parse_timestamptz_new_york(v text) RETURNS timestamp with time zone
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $_$
    select case
        when btrim(v) ~ '^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$'
            -- the wall-clock reading (as UTC), then the same wall clock in New York
            then (core.parse_timestamptz_slow(v) at time zone 'UTC') at time zone 'America/New_York'
        else core.parse_timestamptz_slow(v)
    end
$_$;

CREATE FUNCTION core.parse_timestamptz_slow(v text) RETURNS timestamp with time zone
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $_$
declare
    s text := btrim(v);
begin
    if core.is_blank(s) then
        return null;
    end if;
    if s ~ '^[0-9]{9,11}$' then
        return to_timestamp(s::bigint);
    end if;
    if s ~ '^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$'
        and core.parse_date_slow(left(s, 10)) is not null then
        begin
            return (case when s ~ '(Z|[+-]\d{2}(:?\d{2})?)$' and length(s) > 10 then s else s || '+00' end)::timestamptz;
        exception when others then
            return null;
        end;
    end if;
    return null;
end
$_$;

CREATE FUNCTION core.partition_by_date(p_table regclass, p_column text DEFAULT 'date'::text) RETURNS void
    LANGUAGE plpgsql
    AS $_$
declare
    v_schema text := (select n.nspname from pg_class as c join pg_namespace as n on n.oid = c.relnamespace where c.oid = p_table);
    v_name text := (select c.relname from pg_class as c where c.oid = p_table);
    v_old text;
    v_owner text;
    v_acl aclitem[];
    v_indexes text[];
    v_constraints text[];
    v_views text[];
    v_from integer;
    v_to integer;
    v_sql text;
    g record;
begin
    if (select c.relkind from pg_class as c where c.oid = p_table) = 'p' then
        return;
    end if;
    v_old := v_name || '_unpartitioned';
    select pg_get_userbyid(c.relowner), c.relacl into v_owner, v_acl from pg_class as c where c.oid = p_table;

    -- what must be recreated: unique/primary keys, other indexes, views reading the table
    select coalesce(array_agg(format('alter table %I.%I add constraint %I %s', v_schema, v_name, k.conname,
        pg_get_constraintdef(k.oid)) order by k.conname), '{}')
    into v_constraints
    from pg_constraint as k
    where k.conrelid = p_table and k.contype in ('p', 'u', 'x');

    select coalesce(array_agg(pg_get_indexdef(i.indexrelid) order by i.indexrelid), '{}')
    into v_indexes
    from pg_index as i
    where i.indrelid = p_table
        and not exists (select 1 from pg_constraint as k where k.conindid = i.indexrelid and k.conrelid = p_table);

    select coalesce(array_agg(format('create or replace view %s%s as %s',
        v.oid::regclass,
        case when v.reloptions is not null then format(' with (%s)', array_to_string(v.reloptions, ', ')) else '' end,
        pg_get_viewdef(v.oid)) order by v.oid), '{}')
    into v_views
    from pg_class as v
    where v.relkind = 'v'
        and v.oid in (
            select r.ev_class
            from pg_depend as d
            join pg_rewrite as r on r.oid = d.objid
            where d.classid = 'pg_rewrite'::regclass and d.refclassid = 'pg_class'::regclass
                and d.refobjid = p_table and r.ev_class <> p_table
        );

    -- the years to create: those the table holds, the current one and the next
    execute format('select extract(year from min(%1$I))::integer, extract(year from max(%1$I))::integer from %2$s',
        p_column, p_table)
    into v_from, v_to;
    v_from := least(coalesce(v_from, extract(year from now())::integer), extract(year from now())::integer);
    v_to := greatest(coalesce(v_to, 0), extract(year from now())::integer + 1);

    execute format('alter table %I.%I rename to %I', v_schema, v_name, v_old);
    execute format(
        'create table %1$I.%2$I (like %1$I.%3$I including defaults including constraints including comments'
        ' including storage including compression including generated including identity including statistics)'
        ' partition by range (%4$I)',
        v_schema, v_name, v_old, p_column);
    execute format('comment on table %I.%I is %L', v_schema, v_name,
        obj_description(format('%I.%I', v_schema, v_old)::regclass, 'pg_class'));
    execute format('create table %1$I.%2$I partition of %1$I.%3$I default', v_schema, v_name || '_default', v_name);
    for g in select y from generate_series(v_from, v_to) as y loop
        execute format('create table %1$I.%2$I partition of %1$I.%3$I for values from (%4$L) to (%5$L)',
            v_schema, core.date_partition_name(format('%I.%I', v_schema, v_name)::regclass, g.y), v_name,
            make_date(g.y, 1, 1), make_date(g.y + 1, 1, 1));
    end loop;

    execute format('insert into %1$I.%2$I select * from %1$I.%3$I', v_schema, v_name, v_old);

    -- the views now read the new table; the old one has no dependents left
    foreach v_sql in array v_views loop
        execute v_sql;
    end loop;
    execute format('drop table %I.%I', v_schema, v_old);

    foreach v_sql in array v_constraints loop
        execute v_sql;
    end loop;
    foreach v_sql in array v_indexes loop
        execute v_sql;
    end loop;

    execute format('alter table %I.%I owner to %I', v_schema, v_name, v_owner);
    for g in
        select a.privilege_type, case when a.grantee = 0 then 'public' else quote_ident(pg_get_userbyid(a.grantee)) end as grantee
        from aclexplode(v_acl) as a
        where a.grantee <> (select oid from pg_roles where rolname = v_owner)
    loop
        execute format('grant %s on %I.%I to %s', g.privilege_type, v_schema, v_name, g.grantee);
    end loop;
    execute format('analyze %I.%I', v_schema, v_name);
end
$_$;

CREATE FUNCTION core.raw_document(p_payload jsonb, p_elem integer) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select case
        when p_elem is null or p_elem < 0 then p_payload
        when jsonb_typeof(p_payload) = 'array' then coalesce(p_payload -> p_elem, p_payload)
        when jsonb_typeof(p_payload -> 'historical') = 'array' then coalesce(p_payload -> 'historical' -> p_elem, p_payload)
        else p_payload
    end
$$;

CREATE FUNCTION core.register_instruments(p_keys text[], p_flag text DEFAULT NULL::text) RETURNS bigint
    LANGUAGE plpgsql
    AS $_$
declare
    v_n bigint;
begin
    execute format(
        $q$
        insert into core.instrument as i (identifier, first_batch_id%1$s)
        select s.identifier, min(s.batch_id)%2$s
        from _stage as s
        where %3$s
        group by s.identifier
        on conflict (identifier) do %4$s
        $q$,
        case when p_flag is null then '' else format(', %I', p_flag) end,
        case when p_flag is null then '' else ', true' end,
        (select string_agg(format('s.%I is not null', k), ' and ') from unnest(p_keys) as k)
            || format(' and octet_length(s.identifier) <= %s', core.max_key_bytes()),
        case when p_flag is null then 'nothing'
            else format('update set %1$I = true where not i.%1$I', p_flag) end
    );
    get diagnostics v_n = row_count;
    return v_n;
end
$_$;

CREATE FUNCTION core.round_dec12_2(n numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select case when abs(n) < 9999999999.995 then round(n, 2) end
$$;

CREATE FUNCTION core.scalars(p jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select coalesce(jsonb_object_agg(f.key, f.value), '{}'::jsonb)
    from jsonb_each(p) as f (key, value)
    where jsonb_typeof(f.value) <> 'array'
$$;

CREATE FUNCTION core.sessions_between(p_exchange text, p_from date, p_to date) RETURNS integer
    LANGUAGE plpgsql STABLE STRICT
    AS $$
begin
    if p_from > p_to then
        return 0;
    end if;
    perform core.exchange_calendar_check(p_exchange, p_from, p_to);
    return (select count(*) from core.exchange_calendar as c
        where c.exchange = p_exchange and c.is_open and c.date between p_from and p_to);
end
$$;

CREATE FUNCTION core.stage(p_transform text, p_batches bigint[], p_fields text[], p_docs text DEFAULT NULL::text) RETURNS bigint
    LANGUAGE plpgsql
    AS $_$
declare
    present_keys text[];
    common_header text[];
    stage_sql text;
    untyped_values text;
    staged_rows bigint;
    issues bigint;
begin
    ---------- schema drift: note the known fields, read accepted renames
    perform ops.note_stage_fields(p_transform, p_fields, p_docs);
    p_fields := ops.stage_aliases(p_transform, p_fields);

    if exists (
        select 1 from core.stage_fields(p_fields) as f
        where f.kind not in ('text', 'dec12_2', 'num', 'intg', 'day', 'ts', 'ts_new_york', 'bool', 'json', 'pct')
            or f.keys = '{}' or f.keys = '{""}'
    ) then
        raise exception 'core.stage(%): every field is "column type Key|Key", type one of text dec12_2 num intg day ts ts_new_york bool json pct', p_transform;
    end if;

    -- the keys the batches hold, when each is a CSV file whose header the
    -- loader recorded (raw.batch.header: every record has exactly those keys);
    -- otherwise every key a field line names is looked up
    if p_docs is null and not exists (
        select 1 from unnest(p_batches) as pb (batch_id)
        left join raw.batch as b on b.batch_id = pb.batch_id
        where b.header is null or b.format <> 'csv_row'
    ) then
        select coalesce(array_agg(distinct h.key), '{}') into present_keys
        from raw.batch as b
        cross join lateral unnest(b.header) as h (key)
        where b.batch_id = any (p_batches);
        -- one header for all: each value is read by its position in the
        -- stored CSV line, no JSON record is built (core.landed_lines)
        select min(b.header) into common_header
        from raw.batch as b
        where b.batch_id = any (p_batches)
        having count(distinct b.header) = 1;
    end if;

    -- the field lines, for core.write_versions (a key present but unreadable
    -- is told from a missing one)
    drop table if exists _stage_field;
    create temp table _stage_field on commit drop as
    select f.col, f.kind, f.raw_sql
    from core.stage_fields(p_fields, present_keys) as f;

    -- Typing runs in up to three passes. First every row with plain casts
    -- (parse_fast): a value they cannot read raises and abandons the pass.
    -- Then a row whose every number and date has the plain shape types with
    -- plain casts and any other row is parsed carefully (parse_careful): one
    -- regular expression per kind per row, over the row's values joined with
    -- \x01, decides, far cheaper than one test per value. Last, should a value
    -- of the plain shape still not cast, every row is parsed carefully.
    stage_sql := core.stage_sql(p_fields, p_docs, present_keys, common_header);
    drop table if exists _stage;
    begin
        -- most batches are clean: plain casts for every row, no shape test
        execute replace(stage_sql, '__row_ok__', 'true') using p_batches;
        get diagnostics staged_rows = row_count;
    exception when data_exception then
        begin
            -- some value is not plain: test each row's shape, parse the others carefully
            execute replace(stage_sql, '__row_ok__', core.stage_row_ok_sql(p_fields)) using p_batches;
            get diagnostics staged_rows = row_count;
        exception when data_exception then
            -- a value of the plain shape that still does not cast: every row carefully
            execute replace(stage_sql, '__row_ok__', 'false') using p_batches;
            get diagnostics staged_rows = row_count;
        end;
    end;
    analyze _stage;

    -- quality: present values that did not type (only rows flagged as suspect)
    select string_agg(format('(%L, %L, %s, s.%I is null)', f.col, f.kind, f.raw_sql, f.col), ', ' order by f.o)
    into untyped_values
    from core.stage_fields(p_fields, present_keys) as f
    where f.kind not in ('text', 'json');
    if untyped_values is not null then
        execute format(
            $q$
            insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, raw_value, identifier)
            select s.batch_id, s.line, s.elem, s.dataset, %1$L, i.rule, i.field, i.raw_value, %3$s
            from _stage as s
            cross join lateral (
                select
                    case
                        when f.kind in ('day', 'ts', 'ts_new_york') then 'bad_date'
                        else core.number_issue(f.raw_value,
                            case f.kind when 'dec12_2' then 10000000000 when 'intg' then 9223372036854775807.5 else 1e300 end)
                    end as rule,
                    f.field,
                    f.raw_value
                from (values %2$s) as f (field, kind, raw_value, typed_is_null)
                where f.typed_is_null and not core.is_blank(f.raw_value)
            ) as i
            where s.issue_suspect and i.rule is not null
            $q$,
            p_transform, untyped_values,
            -- the record's instrument, when the stage has one (cut to a sane length)
            case
                when exists (select 1 from core.stage_fields(p_fields) as f where f.col = 'identifier') then 'left(s.identifier, 100)'
                when exists (select 1 from core.stage_fields(p_fields) as f where f.col = 'symbol') then 'left(s.symbol, 100)'
                else 'null'
            end
        );
        get diagnostics issues = row_count;
    end if;
    return staged_rows;
end
$_$;

CREATE FUNCTION core.stage_fields(p_fields text[], p_present text[] DEFAULT NULL::text[], p_header text[] DEFAULT NULL::text[]) RETURNS TABLE(o integer, col text, kind text, keys text[], read_keys text[], value_sql text, raw_sql text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $_$
    with
    line as (
        select
            u.o::integer as o,
            split_part(u.f, ' ', 1) as col,
            split_part(u.f, ' ', 2) as kind,
            string_to_array(split_part(u.f, ' ', 3), '|') as keys
        from unnest(p_fields) with ordinality as u (f, o)
    ),
    read as (
        select
            l.*,
            coalesce((
                select array_agg(k order by ko)
                from unnest(l.keys) with ordinality as x (k, ko)
                where k like '@%' or coalesce(p_present, p_header) is null or k = any (coalesce(p_present, p_header))
            ), '{}') as read_keys
        from line as l
    )
    select
        r.o, r.col, r.kind, r.keys, r.read_keys,
        coalesce('coalesce(' || (
            select string_agg(case
                when k like '@%' then format('s.request -> %L %s %L', 'params', case when r.kind = 'json' then '->' else '->>' end, substr(k, 2))
                -- by position in the batches' common header (core.landed_lines)
                when p_header is not null then
                    format(case when r.kind = 'json' then 'to_jsonb(coalesce(raw.csv_field(s.csv, %1$s), s.payload ->> %2$L))'
                        else 'coalesce(raw.csv_field(s.csv, %1$s), s.payload ->> %2$L)' end, array_position(p_header, k), k)
                else format('d.doc %s %L', case when r.kind = 'json' then '->' else '->>' end, k)
            end, ', ' order by ko)
            from unnest(r.read_keys) with ordinality as x (k, ko)
        ) || ', null)', case when r.kind = 'json' then 'null::jsonb' else 'null::text' end),
        coalesce('coalesce(' || (
            select string_agg(case when k like '@%' then 'null'
                else format('core.staged_record(s.batch_id, s.line, s.payload) ->> %L', k) end, ', ' order by ko)
            from unnest(r.read_keys) with ordinality as x (k, ko)
        ) || ', null)', 'null::text')
    from read as r
$_$;

CREATE FUNCTION core.stage_row_ok_sql(p_fields text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $_$
    select coalesce(string_agg(g.test, ' and '), 'true')
    from (
        select format('(array_to_string(array[%s]::text[], chr(1), %L) ~ %L)',
                string_agg(format('x.%I', 'r_' || f.col), ', ' order by f.o), '',
                '^(' || f.pattern || ')?(\x01(' || f.pattern || ')?)*$') as test
        from (
            select
                sf.o,
                sf.col,
                -- unbounded repetitions only: bounded ones ({1,18}) cost ten times more
                case when sf.kind = 'day'
                    then '[1-9][0-9][0-9][0-9]-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])'
                    else '-?[0-9]+(\.[0-9]*)?'
                end as pattern
            from core.stage_fields(p_fields) as sf
            where sf.kind in ('dec12_2', 'num', 'intg', 'pct', 'day')
        ) as f
        group by f.pattern
    ) as g
$_$;

CREATE FUNCTION core.stage_sql(p_fields text[], p_docs text DEFAULT NULL::text, p_present text[] DEFAULT NULL::text[], p_header text[] DEFAULT NULL::text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $_$
    select format(
        $q$
        create temp table _stage on commit drop as
        select
            t.batch_id, t.line, t.elem, t.dataset, t.format, t.payload,
            t.data_source, t.source_file, t.api_version, t.updated_at,
            %4$s,
            num_nonnulls(%5$s) <> num_nonnulls(%6$s) as issue_suspect
        from (
            select
                y.*,
                %2$s
            from (
                select x.*, __row_ok__ as row_ok
                from (
                    select
                        s.batch_id, s.line, d.elem, s.dataset, s.format, d.doc as payload,
                        s.data_source, s.source_file, s.api_version, s.updated_at,
                        %1$s
                    from %7$s as s
                    cross join lateral (%3$s) as d (elem, doc)
                    offset 0
                ) as x
                offset 0
            ) as y
            offset 0
        ) as t
        $q$,
        -- 1: each column's raw value
        string_agg(format('%s as %I', f.value_sql, 'r_' || f.col), E',\n                        ' order by f.o),
        -- 2: each column typed
        string_agg(format('%s as %I',
            case f.kind
                -- byte-order collation: keys sort and hash as codes, not as words
                when 'text' then format('core.clean_text(y.%I) collate "C"', 'r_' || f.col)
                when 'json' then format('y.%I', 'r_' || f.col)
                when 'bool' then format('core.parse_boolean(y.%I)', 'r_' || f.col)
                when 'ts' then format('parse_careful.ts(y.%I)', 'r_' || f.col)
                when 'ts_new_york' then format('parse_careful.ts_new_york(y.%I)', 'r_' || f.col)
                else format('case when y.row_ok then parse_fast.%1$s(y.%2$I) else parse_careful.%1$s(y.%2$I) end',
                    f.kind, 'r_' || f.col)
            end, f.col), E',\n                ' order by f.o),
        -- 3: the documents of each landed record
        coalesce(p_docs, 'select 0, s.payload'),
        -- 4: the typed columns
        string_agg(format('t.%I', f.col), ', ' order by f.o),
        -- 5, 6: the present and the typed numbers and dates
        coalesce(string_agg(format('nullif(t.%I, %L)', 'r_' || f.col, ''), ', ' order by f.o)
            filter (where f.kind not in ('text', 'json')), 'null'),
        coalesce(string_agg(format('t.%I', f.col), ', ' order by f.o)
            filter (where f.kind not in ('text', 'json')), 'null'),
        -- 7: the landed records, or their values by position in the common header
        case when p_header is null then 'core.landed($1)' else 'core.landed_lines($1)' end
    )
    from core.stage_fields(p_fields, p_present, p_header) as f
$_$;

CREATE FUNCTION core.staged_record(p_batch_id bigint, p_line integer, p_payload jsonb) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    select coalesce(p_payload, (select r.payload from raw.record as r where r.batch_id = p_batch_id and r.line = p_line))
$$;

CREATE FUNCTION core.to_dec12_2(v text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select core.round_dec12_2(core.parse_decimal(v))
$$;

CREATE FUNCTION core.transform_equity_balance(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
begin
    -- stage, keep the remainder, write versions: core.fmp_transform_documents (fmp_common.sql)
    return query select * from core.fmp_transform_documents('equity_balance', 'core.equity_balance', p_batches, array[
        ---------- keys and filing
        'symbol text symbol|@symbol',
        'period text period',
        'date day date',
        'fiscal_year intg fiscalYear|calendarYear',
        'reported_currency text reportedCurrency',
        'cik text cik',
        'filing_date day filingDate|fillingDate',
        'accepted_date ts_new_york acceptedDate',
        'link text link',
        'final_link text finalLink',
        ---------- assets
        'cash_and_cash_equivalents num cashAndCashEquivalents',
        'short_term_investments num shortTermInvestments',
        'cash_and_short_term_investments num cashAndShortTermInvestments',
        'net_receivables num netReceivables',
        'accounts_receivables num accountsReceivables',
        'other_receivables num otherReceivables',
        'inventory num inventory',
        'prepaids num prepaids',
        'other_current_assets num otherCurrentAssets',
        'total_current_assets num totalCurrentAssets',
        'property_plant_equipment_net num propertyPlantEquipmentNet',
        'goodwill num goodwill',
        'intangible_assets num intangibleAssets',
        'goodwill_and_intangible_assets num goodwillAndIntangibleAssets',
        'long_term_investments num longTermInvestments',
        'tax_assets num taxAssets',
        'other_non_current_assets num otherNonCurrentAssets',
        'total_non_current_assets num totalNonCurrentAssets',
        'other_assets num otherAssets',
        'total_assets num totalAssets',
        ---------- liabilities
        'total_payables num totalPayables',
        'account_payables num accountPayables',
        'other_payables num otherPayables',
        'accrued_expenses num accruedExpenses',
        'short_term_debt num shortTermDebt',
        'capital_lease_obligations_current num capitalLeaseObligationsCurrent',
        'tax_payables num taxPayables',
        'deferred_revenue num deferredRevenue',
        'other_current_liabilities num otherCurrentLiabilities',
        'total_current_liabilities num totalCurrentLiabilities',
        'long_term_debt num longTermDebt',
        'capital_lease_obligations_non_current num capitalLeaseObligationsNonCurrent',
        'deferred_revenue_non_current num deferredRevenueNonCurrent',
        'deferred_tax_liabilities_non_current num deferredTaxLiabilitiesNonCurrent',
        'other_non_current_liabilities num otherNonCurrentLiabilities',
        'total_non_current_liabilities num totalNonCurrentLiabilities',
        'other_liabilities num otherLiabilities',
        'capital_lease_obligations num capitalLeaseObligations',
        'total_liabilities num totalLiabilities',
        ---------- equity
        'treasury_stock num treasuryStock',
        'preferred_stock num preferredStock',
        'common_stock num commonStock',
        'retained_earnings num retainedEarnings',
        'additional_paid_in_capital num additionalPaidInCapital',
        'accumulated_other_comprehensive_income_loss num accumulatedOtherComprehensiveIncomeLoss',
        'other_total_stockholders_equity num otherTotalStockholdersEquity|othertotalStockholdersEquity',
        'total_stockholders_equity num totalStockholdersEquity',
        'total_equity num totalEquity',
        'minority_interest num minorityInterest',
        'total_liabilities_and_stockholders_equity num totalLiabilitiesAndStockholdersEquity',
        'total_liabilities_and_total_equity num totalLiabilitiesAndTotalEquity',
        'total_investments num totalInvestments',
        'total_debt num totalDebt',
        'net_debt num netDebt'
    ], array['symbol', 'period', 'date'],
        array['accepted_date', 'date']);
end
$$;

CREATE FUNCTION core.transform_equity_balance_growth(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
begin
    -- stage, keep the remainder, write versions: core.fmp_transform_documents (fmp_common.sql)
    return query select * from core.fmp_transform_documents('equity_balance_growth', 'core.equity_balance_growth', p_batches, array[
        ---------- keys
        'symbol text symbol|@symbol',
        'period text period',
        'date day date',
        'fiscal_year intg fiscalYear|calendarYear',
        'reported_currency text reportedCurrency',
        ---------- growth (legacy key misspelled "Deferrred")
        'growth_cash_and_cash_equivalents num growthCashAndCashEquivalents',
        'growth_short_term_investments num growthShortTermInvestments',
        'growth_cash_and_short_term_investments num growthCashAndShortTermInvestments',
        'growth_net_receivables num growthNetReceivables',
        'growth_accounts_receivables num growthAccountsReceivables',
        'growth_other_receivables num growthOtherReceivables',
        'growth_inventory num growthInventory',
        'growth_prepaids num growthPrepaids',
        'growth_other_current_assets num growthOtherCurrentAssets',
        'growth_total_current_assets num growthTotalCurrentAssets',
        'growth_property_plant_equipment_net num growthPropertyPlantEquipmentNet',
        'growth_goodwill num growthGoodwill',
        'growth_intangible_assets num growthIntangibleAssets',
        'growth_goodwill_and_intangible_assets num growthGoodwillAndIntangibleAssets',
        'growth_long_term_investments num growthLongTermInvestments',
        'growth_tax_assets num growthTaxAssets',
        'growth_other_non_current_assets num growthOtherNonCurrentAssets',
        'growth_total_non_current_assets num growthTotalNonCurrentAssets',
        'growth_other_assets num growthOtherAssets',
        'growth_total_assets num growthTotalAssets',
        'growth_account_payables num growthAccountPayables',
        'growth_total_payables num growthTotalPayables',
        'growth_other_payables num growthOtherPayables',
        'growth_accrued_expenses num growthAccruedExpenses',
        'growth_short_term_debt num growthShortTermDebt',
        'growth_capital_lease_obligations_current num growthCapitalLeaseObligationsCurrent',
        'growth_tax_payables num growthTaxPayables',
        'growth_deferred_revenue num growthDeferredRevenue',
        'growth_other_current_liabilities num growthOtherCurrentLiabilities',
        'growth_total_current_liabilities num growthTotalCurrentLiabilities',
        'growth_long_term_debt num growthLongTermDebt',
        'growth_capital_lease_obligations_non_current num growthCapitalLeaseObligationsNonCurrent',
        'growth_deferred_revenue_non_current num growthDeferredRevenueNonCurrent',
        'growth_deferred_tax_liabilities_non_current num growthDeferredTaxLiabilitiesNonCurrent|growthDeferrredTaxLiabilitiesNonCurrent',
        'growth_other_non_current_liabilities num growthOtherNonCurrentLiabilities',
        'growth_total_non_current_liabilities num growthTotalNonCurrentLiabilities',
        'growth_other_liabilities num growthOtherLiabilities',
        'growth_total_liabilities num growthTotalLiabilities',
        'growth_treasury_stock num growthTreasuryStock',
        'growth_preferred_stock num growthPreferredStock',
        'growth_common_stock num growthCommonStock',
        'growth_retained_earnings num growthRetainedEarnings',
        'growth_additional_paid_in_capital num growthAdditionalPaidInCapital',
        'growth_accumulated_other_comprehensive_income_loss num growthAccumulatedOtherComprehensiveIncomeLoss',
        'growth_other_total_stockholders_equity num growthOtherTotalStockholdersEquity|growthOthertotalStockholdersEquity',
        'growth_total_stockholders_equity num growthTotalStockholdersEquity',
        'growth_minority_interest num growthMinorityInterest',
        'growth_total_equity num growthTotalEquity',
        'growth_total_liabilities_and_stockholders_equity num growthTotalLiabilitiesAndStockholdersEquity',
        'growth_total_liabilities_and_total_equity num growthTotalLiabilitiesAndTotalEquity',
        'growth_total_investments num growthTotalInvestments',
        'growth_total_debt num growthTotalDebt',
        'growth_net_debt num growthNetDebt'
    ], array['symbol', 'period', 'date'],
        array['date']);
end
$$;

CREATE FUNCTION core.transform_equity_cash_flow(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
begin
    -- stage, keep the remainder, write versions: core.fmp_transform_documents (fmp_common.sql)
    return query select * from core.fmp_transform_documents('equity_cash_flow', 'core.equity_cash_flow', p_batches, array[
        ---------- keys and filing
        'symbol text symbol|@symbol',
        'period text period',
        'date day date',
        'fiscal_year intg fiscalYear|calendarYear',
        'reported_currency text reportedCurrency',
        'cik text cik',
        'filing_date day filingDate|fillingDate',
        'accepted_date ts_new_york acceptedDate',
        'link text link',
        'final_link text finalLink',
        ---------- operating activities
        'net_income num netIncome',
        'depreciation_and_amortization num depreciationAndAmortization',
        'deferred_income_tax num deferredIncomeTax',
        'stock_based_compensation num stockBasedCompensation',
        'change_in_working_capital num changeInWorkingCapital',
        'accounts_receivables num accountsReceivables',
        'inventory num inventory',
        'accounts_payables num accountsPayables',
        'other_working_capital num otherWorkingCapital',
        'other_non_cash_items num otherNonCashItems',
        'net_cash_provided_by_operating_activities num netCashProvidedByOperatingActivities',
        ---------- investing activities (legacy keys misspelled "Activites")
        'investments_in_property_plant_and_equipment num investmentsInPropertyPlantAndEquipment',
        'acquisitions_net num acquisitionsNet',
        'purchases_of_investments num purchasesOfInvestments',
        'sales_maturities_of_investments num salesMaturitiesOfInvestments',
        'other_investing_activities num otherInvestingActivities|otherInvestingActivites',
        'net_cash_provided_by_investing_activities num netCashProvidedByInvestingActivities|netCashUsedForInvestingActivites',
        ---------- financing activities
        'debt_repayment num debtRepayment',
        'net_debt_issuance num netDebtIssuance',
        'long_term_net_debt_issuance num longTermNetDebtIssuance',
        'short_term_net_debt_issuance num shortTermNetDebtIssuance',
        'net_stock_issuance num netStockIssuance',
        'net_common_stock_issuance num netCommonStockIssuance',
        'common_stock_issuance num commonStockIssuance|commonStockIssued',
        'common_stock_repurchased num commonStockRepurchased',
        'net_preferred_stock_issuance num netPreferredStockIssuance',
        'net_dividends_paid num netDividendsPaid|dividendsPaid',
        'common_dividends_paid num commonDividendsPaid',
        'preferred_dividends_paid num preferredDividendsPaid',
        'other_financing_activities num otherFinancingActivities|otherFinancingActivites',
        'net_cash_provided_by_financing_activities num netCashProvidedByFinancingActivities|netCashUsedProvidedByFinancingActivities',
        ---------- cash
        'effect_of_forex_changes_on_cash num effectOfForexChangesOnCash',
        'net_change_in_cash num netChangeInCash',
        'cash_at_end_of_period num cashAtEndOfPeriod',
        'cash_at_beginning_of_period num cashAtBeginningOfPeriod',
        'operating_cash_flow num operatingCashFlow',
        'capital_expenditure num capitalExpenditure',
        'free_cash_flow num freeCashFlow',
        'income_taxes_paid num incomeTaxesPaid',
        'interest_paid num interestPaid'
    ], array['symbol', 'period', 'date'],
        array['accepted_date', 'date']);
end
$$;

CREATE FUNCTION core.transform_equity_cashflow_growth(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
begin
    -- stage, keep the remainder, write versions: core.fmp_transform_documents (fmp_common.sql)
    return query select * from core.fmp_transform_documents('equity_cashflow_growth', 'core.equity_cashflow_growth', p_batches, array[
        ---------- keys
        'symbol text symbol|@symbol',
        'period text period',
        'date day date',
        'fiscal_year intg fiscalYear|calendarYear',
        'reported_currency text reportedCurrency',
        ---------- growth (legacy keys misspelled "Activites")
        'growth_net_income num growthNetIncome',
        'growth_depreciation_and_amortization num growthDepreciationAndAmortization',
        'growth_deferred_income_tax num growthDeferredIncomeTax',
        'growth_stock_based_compensation num growthStockBasedCompensation',
        'growth_change_in_working_capital num growthChangeInWorkingCapital',
        'growth_accounts_receivables num growthAccountsReceivables',
        'growth_inventory num growthInventory',
        'growth_accounts_payables num growthAccountsPayables',
        'growth_other_working_capital num growthOtherWorkingCapital',
        'growth_other_non_cash_items num growthOtherNonCashItems',
        'growth_net_cash_provided_by_operating_activities num growthNetCashProvidedByOperatingActivities|growthNetCashProvidedByOperatingActivites',
        'growth_investments_in_property_plant_and_equipment num growthInvestmentsInPropertyPlantAndEquipment',
        'growth_acquisitions_net num growthAcquisitionsNet',
        'growth_purchases_of_investments num growthPurchasesOfInvestments',
        'growth_sales_maturities_of_investments num growthSalesMaturitiesOfInvestments',
        'growth_other_investing_activities num growthOtherInvestingActivities|growthOtherInvestingActivites',
        'growth_net_cash_provided_by_investing_activities num growthNetCashProvidedByInvestingActivities|growthNetCashUsedForInvestingActivites',
        'growth_debt_repayment num growthDebtRepayment',
        'growth_net_debt_issuance num growthNetDebtIssuance',
        'growth_long_term_net_debt_issuance num growthLongTermNetDebtIssuance',
        'growth_short_term_net_debt_issuance num growthShortTermNetDebtIssuance',
        'growth_net_stock_issuance num growthNetStockIssuance',
        'growth_common_stock_issuance num growthCommonStockIssuance|growthCommonStockIssued',
        'growth_common_stock_repurchased num growthCommonStockRepurchased',
        'growth_net_dividends_paid num growthNetDividendsPaid|growthDividendsPaid',
        'growth_common_dividends_paid num growthCommonDividendsPaid',
        'growth_preferred_dividends_paid num growthPreferredDividendsPaid',
        'growth_other_financing_activities num growthOtherFinancingActivities|growthOtherFinancingActivites',
        'growth_net_cash_provided_by_financing_activities num growthNetCashProvidedByFinancingActivities|growthNetCashUsedProvidedByFinancingActivities',
        'growth_effect_of_forex_changes_on_cash num growthEffectOfForexChangesOnCash',
        'growth_net_change_in_cash num growthNetChangeInCash',
        'growth_cash_at_end_of_period num growthCashAtEndOfPeriod',
        'growth_cash_at_beginning_of_period num growthCashAtBeginningOfPeriod',
        'growth_operating_cash_flow num growthOperatingCashFlow',
        'growth_capital_expenditure num growthCapitalExpenditure',
        'growth_free_cash_flow num growthFreeCashFlow',
        'growth_income_taxes_paid num growthIncomeTaxesPaid',
        'growth_interest_paid num growthInterestPaid'
    ], array['symbol', 'period', 'date'],
        array['date']);
end
$$;

CREATE FUNCTION core.transform_equity_dividend(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
begin
    return query select * from core.fmp_transform_corporate_actions(
        'equity_dividend', 'core.equity_dividend', p_batches, core.fmp_dividend_fields()
    );
end
$$;

CREATE FUNCTION core.transform_equity_financial_growth(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
begin
    -- stage, keep the remainder, write versions: core.fmp_transform_documents (fmp_common.sql)
    return query select * from core.fmp_transform_documents('equity_financial_growth', 'core.equity_financial_growth', p_batches, array[
        ---------- keys
        'symbol text symbol|@symbol',
        'period text period',
        'date day date',
        'fiscal_year intg fiscalYear|calendarYear',
        'reported_currency text reportedCurrency',
        ---------- growth
        'revenue_growth num revenueGrowth',
        'gross_profit_growth num grossProfitGrowth',
        'ebit_growth num ebitgrowth',
        'ebitda_growth num ebitdaGrowth',
        'operating_income_growth num operatingIncomeGrowth',
        'net_income_growth num netIncomeGrowth',
        'eps_growth num epsgrowth',
        'eps_diluted_growth num epsdilutedGrowth',
        'weighted_average_shares_growth num weightedAverageSharesGrowth',
        'weighted_average_shares_diluted_growth num weightedAverageSharesDilutedGrowth',
        'dividends_per_share_growth num dividendsPerShareGrowth|dividendsperShareGrowth',
        'operating_cash_flow_growth num operatingCashFlowGrowth',
        'free_cash_flow_growth num freeCashFlowGrowth',
        'receivables_growth num receivablesGrowth',
        'inventory_growth num inventoryGrowth',
        'asset_growth num assetGrowth',
        'book_value_per_share_growth num bookValueperShareGrowth|bookValuePerShareGrowth',
        'debt_growth num debtGrowth',
        'rd_expense_growth num rdexpenseGrowth',
        'sga_expenses_growth num sgaexpensesGrowth',
        'growth_capital_expenditure num growthCapitalExpenditure',
        ---------- per-share growth over 10, 5 and 3 years
        'ten_y_revenue_growth_per_share num tenYRevenueGrowthPerShare',
        'five_y_revenue_growth_per_share num fiveYRevenueGrowthPerShare',
        'three_y_revenue_growth_per_share num threeYRevenueGrowthPerShare',
        'ten_y_operating_cf_growth_per_share num tenYOperatingCFGrowthPerShare',
        'five_y_operating_cf_growth_per_share num fiveYOperatingCFGrowthPerShare',
        'three_y_operating_cf_growth_per_share num threeYOperatingCFGrowthPerShare',
        'ten_y_net_income_growth_per_share num tenYNetIncomeGrowthPerShare',
        'five_y_net_income_growth_per_share num fiveYNetIncomeGrowthPerShare',
        'three_y_net_income_growth_per_share num threeYNetIncomeGrowthPerShare',
        'ten_y_shareholders_equity_growth_per_share num tenYShareholdersEquityGrowthPerShare',
        'five_y_shareholders_equity_growth_per_share num fiveYShareholdersEquityGrowthPerShare',
        'three_y_shareholders_equity_growth_per_share num threeYShareholdersEquityGrowthPerShare',
        'ten_y_dividend_per_share_growth_per_share num tenYDividendperShareGrowthPerShare',
        'five_y_dividend_per_share_growth_per_share num fiveYDividendperShareGrowthPerShare',
        'three_y_dividend_per_share_growth_per_share num threeYDividendperShareGrowthPerShare',
        'ten_y_bottom_line_net_income_growth_per_share num tenYBottomLineNetIncomeGrowthPerShare',
        'five_y_bottom_line_net_income_growth_per_share num fiveYBottomLineNetIncomeGrowthPerShare',
        'three_y_bottom_line_net_income_growth_per_share num threeYBottomLineNetIncomeGrowthPerShare'
    ], array['symbol', 'period', 'date'],
        array['date']);
end
$$;

CREATE FUNCTION core.transform_equity_financial_scores(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
begin
    -- stage, keep the remainder, write versions: core.fmp_transform_documents (fmp_common.sql)
    return query select * from core.fmp_transform_documents('equity_financial_scores', 'core.equity_financial_scores', p_batches, array[
        ---------- key
        'symbol text symbol|@symbol',
        'reported_currency text reportedCurrency',
        ---------- scores
        'altman_z_score num altmanZScore',
        'piotroski_score intg piotroskiScore',
        'working_capital num workingCapital',
        'total_assets num totalAssets',
        'retained_earnings num retainedEarnings',
        'ebit num ebit',
        'market_cap num marketCap',
        'total_liabilities num totalLiabilities',
        'revenue num revenue'
    ], array['symbol'],
        '{}');
end
$$;

CREATE FUNCTION core.transform_equity_income(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
begin
    -- stage, keep the remainder, write versions: core.fmp_transform_documents (fmp_common.sql)
    return query select * from core.fmp_transform_documents('equity_income', 'core.equity_income', p_batches, array[
        ---------- keys and filing
        'symbol text symbol|@symbol',
        'period text period',
        'date day date',
        'fiscal_year intg fiscalYear|calendarYear',
        'reported_currency text reportedCurrency',
        'cik text cik',
        'filing_date day filingDate|fillingDate',
        'accepted_date ts_new_york acceptedDate',
        'link text link',
        'final_link text finalLink',
        ---------- income statement
        'revenue num revenue',
        'cost_of_revenue num costOfRevenue',
        'gross_profit num grossProfit',
        'gross_profit_ratio num grossProfitRatio',
        'research_and_development_expenses num researchAndDevelopmentExpenses',
        'general_and_administrative_expenses num generalAndAdministrativeExpenses',
        'selling_and_marketing_expenses num sellingAndMarketingExpenses',
        'selling_general_and_administrative_expenses num sellingGeneralAndAdministrativeExpenses',
        'other_expenses num otherExpenses',
        'operating_expenses num operatingExpenses',
        'cost_and_expenses num costAndExpenses',
        'net_interest_income num netInterestIncome',
        'interest_income num interestIncome',
        'interest_expense num interestExpense',
        'depreciation_and_amortization num depreciationAndAmortization',
        'ebitda num ebitda',
        'ebitda_ratio num ebitdaratio',
        'ebit num ebit',
        'non_operating_income_excluding_interest num nonOperatingIncomeExcludingInterest',
        'operating_income num operatingIncome',
        'operating_income_ratio num operatingIncomeRatio',
        'total_other_income_expenses_net num totalOtherIncomeExpensesNet',
        'income_before_tax num incomeBeforeTax',
        'income_before_tax_ratio num incomeBeforeTaxRatio',
        'income_tax_expense num incomeTaxExpense',
        'net_income_from_continuing_operations num netIncomeFromContinuingOperations',
        'net_income_from_discontinued_operations num netIncomeFromDiscontinuedOperations',
        'other_adjustments_to_net_income num otherAdjustmentsToNetIncome',
        'net_income num netIncome',
        'net_income_deductions num netIncomeDeductions',
        'bottom_line_net_income num bottomLineNetIncome',
        'net_income_ratio num netIncomeRatio',
        'eps num eps',
        'eps_diluted num epsDiluted|epsdiluted',
        'weighted_average_shs_out num weightedAverageShsOut',
        'weighted_average_shs_out_dil num weightedAverageShsOutDil'
    ], array['symbol', 'period', 'date'],
        array['accepted_date', 'date']);
end
$$;

CREATE FUNCTION core.transform_equity_income_growth(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
begin
    -- stage, keep the remainder, write versions: core.fmp_transform_documents (fmp_common.sql)
    return query select * from core.fmp_transform_documents('equity_income_growth', 'core.equity_income_growth', p_batches, array[
        ---------- keys
        'symbol text symbol|@symbol',
        'period text period',
        'date day date',
        'fiscal_year intg fiscalYear|calendarYear',
        'reported_currency text reportedCurrency',
        ---------- growth
        'growth_revenue num growthRevenue',
        'growth_cost_of_revenue num growthCostOfRevenue',
        'growth_gross_profit num growthGrossProfit',
        'growth_gross_profit_ratio num growthGrossProfitRatio',
        'growth_research_and_development_expenses num growthResearchAndDevelopmentExpenses',
        'growth_general_and_administrative_expenses num growthGeneralAndAdministrativeExpenses',
        'growth_selling_and_marketing_expenses num growthSellingAndMarketingExpenses',
        'growth_other_expenses num growthOtherExpenses',
        'growth_operating_expenses num growthOperatingExpenses',
        'growth_cost_and_expenses num growthCostAndExpenses',
        'growth_interest_income num growthInterestIncome',
        'growth_interest_expense num growthInterestExpense',
        'growth_net_interest_income num growthNetInterestIncome',
        'growth_depreciation_and_amortization num growthDepreciationAndAmortization',
        'growth_ebitda num growthEBITDA',
        'growth_ebitda_ratio num growthEBITDARatio',
        'growth_ebit num growthEBIT',
        'growth_operating_income num growthOperatingIncome',
        'growth_operating_income_ratio num growthOperatingIncomeRatio',
        'growth_non_operating_income_excluding_interest num growthNonOperatingIncomeExcludingInterest',
        'growth_total_other_income_expenses_net num growthTotalOtherIncomeExpensesNet',
        'growth_income_before_tax num growthIncomeBeforeTax',
        'growth_income_before_tax_ratio num growthIncomeBeforeTaxRatio',
        'growth_income_tax_expense num growthIncomeTaxExpense',
        'growth_net_income_from_continuing_operations num growthNetIncomeFromContinuingOperations',
        'growth_net_income_deductions num growthNetIncomeDeductions',
        'growth_other_adjustments_to_net_income num growthOtherAdjustmentsToNetIncome',
        'growth_net_income num growthNetIncome',
        'growth_net_income_ratio num growthNetIncomeRatio',
        'growth_bottom_line_net_income num growthBottomLineNetIncome',
        'growth_eps num growthEPS',
        'growth_eps_diluted num growthEPSDiluted',
        'growth_weighted_average_shs_out num growthWeightedAverageShsOut',
        'growth_weighted_average_shs_out_dil num growthWeightedAverageShsOutDil'
    ], array['symbol', 'period', 'date'],
        array['date']);
end
$$;

CREATE FUNCTION core.transform_equity_key_metrics(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
begin
    -- stage, keep the remainder, write versions: core.fmp_transform_documents (fmp_common.sql)
    return query select * from core.fmp_transform_documents('equity_key_metrics', 'core.equity_key_metrics', p_batches, array[
        ---------- keys
        'symbol text symbol|@symbol',
        'period text period',
        'date day date',
        'fiscal_year intg fiscalYear|calendarYear',
        'reported_currency text reportedCurrency',
        ---------- valuation
        'market_cap num marketCap',
        'enterprise_value num enterpriseValue',
        'pe_ratio num peRatio',
        'price_to_sales_ratio num priceToSalesRatio',
        'pocf_ratio num pocfratio',
        'pfcf_ratio num pfcfRatio',
        'pb_ratio num pbRatio',
        'ptb_ratio num ptbRatio',
        'ev_to_sales num evToSales',
        'ev_to_ebitda num evToEBITDA|enterpriseValueOverEBITDA',
        'ev_to_operating_cash_flow num evToOperatingCashFlow',
        'ev_to_free_cash_flow num evToFreeCashFlow',
        'earnings_yield num earningsYield',
        'free_cash_flow_yield num freeCashFlowYield',
        'graham_number num grahamNumber',
        'graham_net_net num grahamNetNet',
        ---------- per share
        'revenue_per_share num revenuePerShare',
        'net_income_per_share num netIncomePerShare',
        'operating_cash_flow_per_share num operatingCashFlowPerShare',
        'free_cash_flow_per_share num freeCashFlowPerShare',
        'cash_per_share num cashPerShare',
        'book_value_per_share num bookValuePerShare',
        'tangible_book_value_per_share num tangibleBookValuePerShare',
        'shareholders_equity_per_share num shareholdersEquityPerShare',
        'interest_debt_per_share num interestDebtPerShare',
        'capex_per_share num capexPerShare',
        ---------- leverage and quality
        'debt_to_equity num debtToEquity',
        'debt_to_assets num debtToAssets',
        'net_debt_to_ebitda num netDebtToEBITDA',
        'current_ratio num currentRatio',
        'interest_coverage num interestCoverage',
        'income_quality num incomeQuality',
        'tax_burden num taxBurden',
        'interest_burden num interestBurden',
        'dividend_yield num dividendYield',
        'payout_ratio num payoutRatio',
        ---------- intensity (legacy key misspelled "Ddevelopement")
        'sales_general_and_administrative_to_revenue num salesGeneralAndAdministrativeToRevenue',
        'research_and_development_to_revenue num researchAndDevelopementToRevenue|researchAndDdevelopementToRevenue|researchAndDevelopmentToRevenue',
        'intangibles_to_total_assets num intangiblesToTotalAssets',
        'capex_to_operating_cash_flow num capexToOperatingCashFlow',
        'capex_to_revenue num capexToRevenue',
        'capex_to_depreciation num capexToDepreciation',
        'stock_based_compensation_to_revenue num stockBasedCompensationToRevenue',
        ---------- returns
        'return_on_equity num returnOnEquity|roe',
        'return_on_invested_capital num returnOnInvestedCapital|roic',
        'return_on_assets num returnOnAssets',
        'operating_return_on_assets num operatingReturnOnAssets',
        'return_on_tangible_assets num returnOnTangibleAssets',
        'return_on_capital_employed num returnOnCapitalEmployed',
        ---------- capital and working capital
        'working_capital num workingCapital',
        'tangible_asset_value num tangibleAssetValue',
        'net_current_asset_value num netCurrentAssetValue',
        'invested_capital num investedCapital',
        'average_receivables num averageReceivables',
        'average_payables num averagePayables',
        'average_inventory num averageInventory',
        'days_of_sales_outstanding num daysOfSalesOutstanding|daysSalesOutstanding',
        'days_of_payables_outstanding num daysOfPayablesOutstanding|daysPayablesOutstanding',
        'days_of_inventory_outstanding num daysOfInventoryOutstanding|daysOfInventoryOnHand',
        'receivables_turnover num receivablesTurnover',
        'payables_turnover num payablesTurnover',
        'inventory_turnover num inventoryTurnover',
        'operating_cycle num operatingCycle',
        'cash_conversion_cycle num cashConversionCycle',
        'free_cash_flow_to_equity num freeCashFlowToEquity',
        'free_cash_flow_to_firm num freeCashFlowToFirm'
    ], array['symbol', 'period', 'date'],
        array['date']);
end
$$;

CREATE FUNCTION core.transform_equity_peers(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
begin
    return query select * from core.fmp_transform_peers('equity_peers', 'core.equity_peers', p_batches);
end
$$;

CREATE FUNCTION core.transform_equity_profile(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
begin
    -- stage, keep the remainder, write versions: core.fmp_transform_documents (fmp_common.sql)
    return query select * from core.fmp_transform_documents('equity_profile', 'core.equity_profile', p_batches, array[
        ---------- key
        'symbol text symbol',
        ---------- company
        'company_name text companyName',
        'exchange text exchangeShortName|exchange',
        'exchange_full_name text exchangeFullName|exchange',
        'sector text sector',
        'industry text industry',
        'country text country',
        'currency text currency',
        'cik text cik',
        'isin text isin',
        'cusip text cusip',
        'ceo text ceo',
        'employees intg fullTimeEmployees',
        'website text website',
        'description text description',
        'phone text phone',
        'address text address',
        'city text city',
        'state text state',
        'zip text zip',
        'image text image',
        'default_image bool defaultImage',
        'ipo_date day ipoDate',
        'is_etf bool isEtf',
        'is_actively_trading bool isActivelyTrading',
        'is_adr bool isAdr',
        'is_fund bool isFund',
        ---------- market data
        'price num price',
        'beta num beta',
        'market_cap num mktCap|marketCap',
        'average_volume intg volAvg|averageVolume',
        'volume intg volume',
        'last_dividend num lastDiv|lastDividend',
        'price_range text range',
        'change num changes|change',
        'change_percent num changePercentage',
        'dcf num dcf',
        'dcf_diff num dcfDiff'
    ], array['symbol'],
        '{}');
end
$$;

CREATE FUNCTION core.transform_equity_quotes(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
begin
    return query select * from core.fmp_transform_prices('equity_quotes', 'core.equity_quotes', p_batches);
end
$$;

CREATE FUNCTION core.transform_equity_ratios(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
begin
    -- stage, keep the remainder, write versions: core.fmp_transform_documents (fmp_common.sql)
    return query select * from core.fmp_transform_documents('equity_ratios', 'core.equity_ratios', p_batches, array[
        ---------- keys
        'symbol text symbol|@symbol',
        'period text period',
        'date day date',
        'fiscal_year intg fiscalYear|calendarYear',
        'reported_currency text reportedCurrency',
        ---------- liquidity and cycle
        'current_ratio num currentRatio',
        'quick_ratio num quickRatio',
        'cash_ratio num cashRatio',
        'solvency_ratio num solvencyRatio',
        'days_of_sales_outstanding num daysOfSalesOutstanding',
        'days_of_inventory_outstanding num daysOfInventoryOutstanding',
        'operating_cycle num operatingCycle',
        'days_of_payables_outstanding num daysOfPayablesOutstanding',
        'cash_conversion_cycle num cashConversionCycle',
        ---------- margins and returns
        'gross_profit_margin num grossProfitMargin',
        'ebit_margin num ebitMargin',
        'ebitda_margin num ebitdaMargin',
        'operating_profit_margin num operatingProfitMargin',
        'pretax_profit_margin num pretaxProfitMargin',
        'continuous_operations_profit_margin num continuousOperationsProfitMargin',
        'net_profit_margin num netProfitMargin',
        'bottom_line_profit_margin num bottomLineProfitMargin',
        'effective_tax_rate num effectiveTaxRate',
        'return_on_assets num returnOnAssets',
        'return_on_equity num returnOnEquity',
        'return_on_capital_employed num returnOnCapitalEmployed',
        'net_income_per_ebt num netIncomePerEBT',
        'ebt_per_ebit num ebtPerEbit',
        'ebit_per_revenue num ebitPerRevenue',
        ---------- leverage
        'debt_to_assets_ratio num debtToAssetsRatio|debtRatio',
        'debt_to_equity_ratio num debtToEquityRatio|debtEquityRatio',
        'debt_to_capital_ratio num debtToCapitalRatio|totalDebtToCapitalization',
        'long_term_debt_to_capital_ratio num longTermDebtToCapitalRatio|longTermDebtToCapitalization',
        'interest_coverage_ratio num interestCoverageRatio|interestCoverage',
        'cash_flow_to_debt_ratio num cashFlowToDebtRatio',
        'financial_leverage_ratio num financialLeverageRatio|companyEquityMultiplier',
        'debt_to_market_cap num debtToMarketCap',
        ---------- turnover
        'receivables_turnover num receivablesTurnover',
        'payables_turnover num payablesTurnover',
        'inventory_turnover num inventoryTurnover',
        'fixed_asset_turnover num fixedAssetTurnover',
        'asset_turnover num assetTurnover',
        'working_capital_turnover_ratio num workingCapitalTurnoverRatio',
        ---------- per share
        'revenue_per_share num revenuePerShare',
        'net_income_per_share num netIncomePerShare',
        'interest_debt_per_share num interestDebtPerShare',
        'cash_per_share num cashPerShare',
        'book_value_per_share num bookValuePerShare',
        'tangible_book_value_per_share num tangibleBookValuePerShare',
        'shareholders_equity_per_share num shareholdersEquityPerShare',
        'operating_cash_flow_per_share num operatingCashFlowPerShare',
        'capex_per_share num capexPerShare',
        'free_cash_flow_per_share num freeCashFlowPerShare',
        ---------- cash flow coverage
        'operating_cash_flow_ratio num operatingCashFlowRatio',
        'operating_cash_flow_sales_ratio num operatingCashFlowSalesRatio',
        'free_cash_flow_operating_cash_flow_ratio num freeCashFlowOperatingCashFlowRatio',
        'operating_cash_flow_coverage_ratio num operatingCashFlowCoverageRatio|cashFlowCoverageRatios',
        'short_term_operating_cash_flow_coverage_ratio num shortTermOperatingCashFlowCoverageRatio|shortTermCoverageRatios',
        'capital_expenditure_coverage_ratio num capitalExpenditureCoverageRatio',
        'dividend_paid_and_capex_coverage_ratio num dividendPaidAndCapexCoverageRatio',
        'debt_service_coverage_ratio num debtServiceCoverageRatio',
        ---------- dividends and valuation
        'payout_ratio num payoutRatio',
        'dividend_payout_ratio num dividendPayoutRatio',
        'dividend_yield num dividendYield',
        'dividend_yield_percentage num dividendYieldPercentage',
        'dividend_per_share num dividendPerShare',
        'price_to_earnings_ratio num priceToEarningsRatio|priceEarningsRatio',
        'price_to_earnings_growth_ratio num priceToEarningsGrowthRatio|priceEarningsToGrowthRatio',
        'forward_price_to_earnings_growth_ratio num forwardPriceToEarningsGrowthRatio',
        'price_to_book_ratio num priceToBookRatio|priceBookValueRatio',
        'price_to_sales_ratio num priceToSalesRatio|priceSalesRatio',
        'price_to_free_cash_flow_ratio num priceToFreeCashFlowRatio|priceToFreeCashFlowsRatio',
        'price_to_operating_cash_flow_ratio num priceToOperatingCashFlowRatio|priceToOperatingCashFlowsRatio',
        'price_cash_flow_ratio num priceCashFlowRatio',
        'enterprise_value_multiple num enterpriseValueMultiple',
        'price_to_fair_value num priceToFairValue|priceFairValue'
    ], array['symbol', 'period', 'date'],
        array['date']);
end
$$;

CREATE FUNCTION core.transform_equity_split(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
begin
    return query select * from core.fmp_transform_corporate_actions(
        'equity_split', 'core.equity_split', p_batches, core.fmp_split_fields()
    );
end
$$;

CREATE FUNCTION core.transform_etfs_country_weightings(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('etfs_country_weightings', p_batches, array[
        ---------- keys: the ETF is the requested symbol
        'symbol text @symbol|symbol',
        'country text country',
        ---------- weight, percent
        'weight_percentage pct weightPercentage'
    ], core.fmp_docs('rows'));

    ---------- countries a later response no longer lists
    alter table _stage add column is_listed boolean not null default true;
    perform core.fmp_mark_unlisted('core.etfs_country_weightings', 'symbol', 'country', '{}');

    ---------- versions
    select * into w from core.write_versions('etfs_country_weightings', 'core.etfs_country_weightings', array['symbol', 'country'],
        '{}');
    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.transform_etfs_dividend(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
begin
    return query select * from core.fmp_transform_corporate_actions(
        'etfs_dividend', 'core.etfs_dividend', p_batches, core.fmp_dividend_fields()
    );
end
$$;

CREATE FUNCTION core.transform_etfs_holdings(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    v_issues bigint;
    v_n bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('etfs_holdings', p_batches, array[
        ---------- the ETF: the requested symbol (stable rows repeat it as symbol)
        'symbol text @symbol|symbol',
        ---------- holding
        'asset text asset',
        'name text name',
        'isin text isin',
        'cusip text securityCusip|cusip',
        'shares_number num sharesNumber|balance',
        'weight_percentage pct weightPercentage|pctVal',
        'market_value num marketValue|valUsd',
        -- FMP's own time of the list; a naive value is read as UTC
        'holding_updated_at ts updatedAt|updated',
        ---------- SEC N-PORT detail (legacy v4 rows)
        'report_date day date',
        'cik text cik',
        -- EDGAR's acceptance time: a naive value is New York time
        'acceptance_time ts_new_york acceptanceTime',
        'lei text lei',
        'title text title',
        'units text units',
        'currency text cur_cd',
        'payoff_profile text payoffProfile',
        'asset_category text assetCat',
        'issuer_category text issuerCat',
        'investment_country text invCountry',
        'is_restricted_security bool isRestrictedSec|isRestricted',
        'fair_value_level intg fairValLevel',
        'is_cash_collateral bool isCashCollateral',
        'is_non_cash_collateral bool isNonCashCollateral',
        'is_loan_by_fund bool isLoanByFund'
    ], core.fmp_docs('rows'));

    ---------- placeholders are not identifiers: NULL, each reported once
    insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, raw_value, identifier, detail)
    select s.batch_id, s.line, s.elem, s.dataset, 'etfs_holdings', 'placeholder_identifier', k.key, left(s.payload ->> k.key, 200), s.symbol,
        'a placeholder, not an identifier: NULL, the holding is keyed by its next identifier, name or position'
    from _stage as s
    cross join unnest(array['asset', 'symbol', 'isin', 'cusip', 'securityCusip', 'lei']) as k (key)
    where jsonb_typeof(s.payload -> k.key) in ('string', 'number')
        and core.clean_text(s.payload ->> k.key) is not null
        and core.fmp_identifier(s.payload ->> k.key) is null;
    get diagnostics v_issues = row_count;

    -- fairValLevel is the ASC 820 level: 1, 2 or 3 ("N/A": not categorized)
    insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, raw_value, identifier, detail)
    select s.batch_id, s.line, s.elem, s.dataset, 'etfs_holdings', 'out_of_range', 'fairValLevel', s.payload ->> 'fairValLevel', s.symbol,
        'a fair value level is 1, 2 or 3'
    from _stage as s
    where s.fair_value_level not between 1 and 3;
    get diagnostics v_n = row_count;
    v_issues := v_issues + v_n;

    ---------- the holding's identity
    alter table _stage
        add column holding_key text collate "C",
        add column is_listed boolean not null default true;
    with
    keyed as (
        select
            s.batch_id, s.line, s.elem, s.symbol,
            h.asset,
            coalesce(h.asset, core.fmp_identifier(s.isin), core.fmp_identifier(s.cusip), s.name, s.title) as base_key
        from _stage as s
        -- an N-PORT row's symbol is the holding's (the ETF's in stable rows)
        cross join lateral (
            select coalesce(core.fmp_identifier(s.asset),
                nullif(core.fmp_identifier(s.payload ->> 'symbol'), s.symbol)) collate "C" as asset
        ) as h
    ),
    numbered as (
        select k.*,
            row_number() over (partition by k.batch_id, k.symbol, k.base_key order by k.line, k.elem) as occurrence
        from keyed as k
    )
    update _stage as s
    set asset = n.asset,
        isin = core.fmp_identifier(s.isin),
        cusip = core.fmp_identifier(s.cusip),
        lei = core.fmp_identifier(s.lei),
        holding_key = case
            when n.base_key is null then '#' || (s.elem + 1)
            when n.occurrence = 1 then n.base_key
            else n.base_key || ' #' || n.occurrence
        end,
        fair_value_level = case when s.fair_value_level between 1 and 3 then s.fair_value_level end
    from numbered as n
    where n.batch_id = s.batch_id and n.line = s.line and n.elem = s.elem;

    ---------- holdings a later response no longer lists
    perform core.fmp_mark_unlisted('core.etfs_holdings', 'symbol', 'holding_key', array['holding_updated_at', 'acceptance_time']);

    ---------- versions
    select * into w from core.write_versions('etfs_holdings', 'core.etfs_holdings', array['symbol', 'holding_key'],
        array['holding_updated_at', 'acceptance_time']);
    return query select v_in, w.rows_out, v_issues + w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.transform_etfs_peers(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
begin
    return query select * from core.fmp_transform_peers('etfs_peers', 'core.etfs_peers', p_batches);
end
$$;

CREATE FUNCTION core.transform_etfs_profile(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_fields constant text[] := array[
        ---------- key
        'symbol text symbol|@symbol',
        ---------- fund
        'name text name',
        'description text description',
        'isin text isin',
        'cusip text securityCusip|cusip',
        'asset_class text assetClass',
        'domicile text domicile',
        'website text website',
        'etf_company text etfCompany',
        'inception_date day inceptionDate',
        'nav_currency text navCurrency',
        'info_updated_at ts updatedAt',
        ---------- figures
        'expense_ratio num expenseRatio',
        'assets_under_management num assetsUnderManagement|aum',
        'nav num nav',
        'avg_volume intg avgVolume',
        'holdings_count intg holdingsCount'
    ];
    v_in bigint;
    v_issues bigint;
    w record;
begin
    v_in := core.stage('etfs_profile', p_batches, v_fields, core.fmp_docs('rows'));
    v_issues := core.fmp_keep_remainder('etfs_profile', v_fields);
    ---------- 0 is "not known" here: a listed ETF has assets, holdings and a NAV, and
    ---------- FMP writes an expense ratio of 0 for funds that report none (a fee
    ---------- waived to 0 % reads the same; the issue keeps the raw 0)
    v_issues := v_issues + core.fmp_zero_means_unknown('etfs_profile', array[
        'expense_ratio expenseRatio',
        'assets_under_management assetsUnderManagement|aum',
        'nav nav',
        'holdings_count holdingsCount'
    ]);
    select * into w from core.write_versions('etfs_profile', 'core.etfs_profile', array['symbol'],
        array['info_updated_at']);
    return query select v_in, w.rows_out, v_issues + w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.transform_etfs_quotes(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
begin
    return query select * from core.fmp_transform_prices('etfs_quotes', 'core.etfs_quotes', p_batches);
end
$$;

CREATE FUNCTION core.transform_etfs_split(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
begin
    return query select * from core.fmp_transform_corporate_actions(
        'etfs_split', 'core.etfs_split', p_batches, core.fmp_split_fields()
    );
end
$$;

CREATE FUNCTION core.transform_fundata_advanced_performance(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_advanced_performance', p_batches, array[
        ---------- key
        'identifier text InstrumentKey',
        ---------- returns and risk (percent; Sharpe and beta in units), DECIMAL(12,2) half away from zero
        'as_of_date day PerformanceAsOfDate',
        'two_year_return dec12_2 TwoYearReturn',
        'four_year_return dec12_2 FourYearReturn',
        'fifteen_year_return dec12_2 FifteenYearReturn',
        'twenty_year_return dec12_2 TwentyYearReturn',
        'standard_deviation_3y dec12_2 StandardDeviation3Yr',
        'sharpe_ratio_3y dec12_2 SharpeRatio3Yr',
        'alpha_3y dec12_2 Alpha3Yr',
        'beta_3y dec12_2 Beta3Yr',
        'r_squared_3y dec12_2 RSquared3Yr',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_advanced_performance', 'core.fundata_advanced_performance', array['identifier'],
        array['change_date', 'as_of_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.transform_fundata_allocations(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_allocations', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'allocation_date day AllocationDate',
        'allocation_type text AllocationType',
        'allocation_name text Name',
        ---------- weight (percent), DECIMAL(12,2) half away from zero
        'weight dec12_2 Weight',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_allocations', 'core.fundata_allocations', array['identifier', 'allocation_date', 'allocation_type', 'allocation_name'],
        array['change_date', 'allocation_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.transform_fundata_assets(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_assets', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'assets_date day AssetsDate',
        ---------- assets (millions), DECIMAL(12,2) half away from zero
        'total_net_assets dec12_2 TotalNetAssets',
        'series_net_assets dec12_2 SeriesNetAssets',
        'currency text Currency',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_assets', 'core.fundata_assets', array['identifier', 'assets_date'],
        array['change_date', 'assets_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.transform_fundata_associated_benchmarks(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_associated_benchmarks', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'benchmark_identifier text BenchmarkInstrumentKey',
        ---------- benchmark: weight (percent), DECIMAL(12,2) half away from zero
        'benchmark_name text BenchmarkName',
        'benchmark_type text BenchmarkType',
        'weight dec12_2 Weight',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_associated_benchmarks', 'core.fundata_associated_benchmarks', array['identifier', 'benchmark_identifier'],
        array['change_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.transform_fundata_data(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_data', p_batches, array[
        ---------- key
        'identifier text InstrumentKey|identifier',
        ---------- descriptive
        'record_id text RecordId|record_id',
        'language text Language',
        'legal_name text LegalName|name',
        'family_name text FamilyName',
        'series_name text SeriesName',
        'company text Company',
        'inception_date day InceptionDate',
        'currency text Currency',
        'record_state text RecordState',
        'change_date day ChangeDate',
        ---------- numbers, DECIMAL(12,2) half away from zero
        'management_fee dec12_2 ManagementFee',
        'expense_ratio dec12_2 MER|ExpenseRatio',
        'minimum_investment dec12_2 MinimumInvestment',
        'nav_value dec12_2 NAV|NAVPS|nav',
        'yield_rate dec12_2 Yield|yield'
    ]);
    -- Fundata's default currency
    update _stage set currency = 'CAD' where currency is null;

    ---------- versions (bad values were recorded by core.stage; records that
    ---------- cannot be keyed are quarantined by core.write_versions)
    select * into w from core.write_versions('fundata_data', 'core.fundata_data', array['identifier'],
        array['change_date']);

    ---------- shared instrument registry: the identifiers of the records kept
    perform core.register_instruments(array['identifier'], 'in_fundata_data');

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.transform_fundata_distributions(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_distributions', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'distribution_date day DistributionDate',
        ---------- amounts per unit, DECIMAL(12,2) half away from zero
        'pay_date day PayableDate',
        'total_amount dec12_2 Amount',
        'income_amount dec12_2 IncomeAmount',
        'capital_gains_amount dec12_2 CapitalGainsAmount',
        'return_of_capital_amount dec12_2 ReturnOfCapitalAmount',
        'reinvestment_price dec12_2 ReinvestmentPrice',
        'currency text Currency',
        'frequency text DistributionFrequency',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_distributions', 'core.fundata_distributions', array['identifier', 'distribution_date'],
        array['change_date', 'distribution_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.transform_fundata_equity_style(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_equity_style', p_batches, array[
        ---------- key
        'identifier text InstrumentKey',
        ---------- style; average market cap in millions, ratios in times, yield in percent, DECIMAL(12,2)
        'style_date day StyleDate',
        'market_cap_style text MarketCapitalization',
        'investment_style text InvestmentStyle',
        'average_market_cap dec12_2 AverageMarketCap',
        'price_to_earnings dec12_2 PriceToEarnings',
        'price_to_book dec12_2 PriceToBook',
        'dividend_yield dec12_2 DividendYield',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_equity_style', 'core.fundata_equity_style', array['identifier'],
        array['change_date', 'style_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.transform_fundata_expenses(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_expenses', p_batches, array[
        ---------- key
        'identifier text InstrumentKey',
        ---------- ratios (percent), DECIMAL(12,2) half away from zero
        'mer_date day MERDate',
        'mer dec12_2 MER',
        'management_fee dec12_2 ManagementFee',
        'trading_expense_ratio dec12_2 TradingExpenseRatio',
        'total_expense_ratio dec12_2 TotalExpenseRatio',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_expenses', 'core.fundata_expenses', array['identifier'],
        array['change_date', 'mer_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.transform_fundata_fixed_income_style(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_fixed_income_style', p_batches, array[
        ---------- key
        'identifier text InstrumentKey',
        ---------- style; duration and maturity in years, coupon and yield in percent, DECIMAL(12,2)
        'style_date day StyleDate',
        'credit_quality text CreditQuality',
        'interest_rate_sensitivity text InterestRateSensitivity',
        'average_credit_rating text AverageCreditRating',
        'average_duration dec12_2 AverageDuration',
        'average_maturity dec12_2 AverageMaturity',
        'average_coupon dec12_2 AverageCoupon',
        'yield_to_maturity dec12_2 YieldToMaturity',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_fixed_income_style', 'core.fundata_fixed_income_style', array['identifier'],
        array['change_date', 'style_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.transform_fundata_instrument_identifiers(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_instrument_identifiers', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'identifier_type text IdentifierType',
        'identifier_value text IdentifierValue',
        ---------- what the identifier applies to
        'load_type text LoadType',
        'exchange text Exchange',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_instrument_identifiers', 'core.fundata_instrument_identifiers', array['identifier', 'identifier_type', 'identifier_value'],
        array['change_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.transform_fundata_loads(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_loads', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'load_type text LoadType',
        'breakpoint_sequence intg Sequence',
        ---------- breakpoint and charge (percent), DECIMAL(12,2) half away from zero
        'breakpoint_from dec12_2 BreakpointFrom',
        'breakpoint_to dec12_2 BreakpointTo',
        'breakpoint_unit text BreakpointUnit',
        'load_percent dec12_2 LoadPercent',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_loads', 'core.fundata_loads', array['identifier', 'load_type', 'breakpoint_sequence'],
        array['change_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.transform_fundata_other_fees(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_other_fees', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'fee_type text FeeType',
        ---------- fee: amount (currency) or percent, DECIMAL(12,2) half away from zero
        'fee_amount dec12_2 FeeAmount',
        'fee_percent dec12_2 FeePercent',
        'currency text Currency',
        'description text Description',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_other_fees', 'core.fundata_other_fees', array['identifier', 'fee_type'],
        array['change_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.transform_fundata_performance_summary(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_performance_summary', p_batches, array[
        ---------- key
        'identifier text InstrumentKey',
        ---------- returns (percent), DECIMAL(12,2) half away from zero
        'as_of_date day PerformanceAsOfDate',
        'one_month_return dec12_2 OneMonthReturn',
        'three_month_return dec12_2 ThreeMonthReturn',
        'six_month_return dec12_2 SixMonthReturn',
        'ytd_return dec12_2 YearToDateReturn',
        'one_year_return dec12_2 OneYearReturn',
        'three_year_return dec12_2 ThreeYearReturn',
        'five_year_return dec12_2 FiveYearReturn',
        'ten_year_return dec12_2 TenYearReturn',
        'inception_return dec12_2 InceptionReturn',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_performance_summary', 'core.fundata_performance_summary', array['identifier'],
        array['change_date', 'as_of_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.transform_fundata_quotes(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    v_issues bigint;
    v_n bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_quotes', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey|identifier',
        'date day Date|date',
        ---------- prices, DECIMAL(12,2) half away from zero
        'navps dec12_2 NAVPS|navps|nav',
        'navps_penny_change dec12_2 NAVPSPennyChange',
        'navps_percent_change dec12_2 NAVPSPercentChange',
        'previous_date day PreviousDate',
        'previous_navps dec12_2 PreviousNAVPS',
        'current_yield dec12_2 CurrentYield|yield',
        'current_yield_percent_change dec12_2 CurrentYieldPercentChange',
        'price dec12_2 Price|price',
        'volume_weighted_price dec12_2 VolumeWeightedPrice',
        'bid_price dec12_2 BidPrice',
        'ask_price dec12_2 AskPrice',
        'split dec12_2 Split',
        ---------- record
        'record_id text RecordId|record_id',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- quality: price rules (bad values were recorded by core.stage,
    ---------- records without a key by core.write_versions)
    insert into ops.quality_issue (batch_id, line, dataset, transform_name, rule, field, raw_value, identifier, detail)
    select s.batch_id, s.line, s.dataset, 'fundata_quotes', r.rule, r.field, r.raw_value, s.identifier, r.detail
    from _stage as s
    cross join lateral (
        select 'non_positive_price' as rule, 'navps' as field, core.staged_record(s.batch_id, s.line, s.payload) ->> 'NAVPS' as raw_value, null::text as detail
        where s.navps <= 0
        union all
        select 'price_jump', 'navps', core.staged_record(s.batch_id, s.line, s.payload) ->> 'NAVPS',
            format('%s -> %s: more than 15%% from the previous NAVPS', s.previous_navps, s.navps)
        where s.previous_navps > 0 and abs(s.navps - s.previous_navps) > 0.15 * s.previous_navps
    ) as r
    where s.navps <= 0
        or (s.previous_navps > 0 and abs(s.navps - s.previous_navps) > 0.15 * s.previous_navps);
    get diagnostics v_issues = row_count;

    ---------- quality: stale data — an instrument whose newest NAVPS in a batch
    ---------- is more than 7 days older than the newest date the batch reaches
    insert into ops.quality_issue (batch_id, line, dataset, transform_name, rule, field, raw_value, identifier, detail)
    select l.batch_id, l.line, l.dataset, 'fundata_quotes', 'stale_data', 'date', l.date::text, l.identifier,
        format('newest NAVPS of %s is on %s; the batch reaches %s', l.identifier, l.date, l.batch_newest)
    from (
        -- the newest (date, line) per instrument per batch, by hashing, not sorting
        select g.batch_id, g.dataset, g.identifier,
            date '2000-01-01' + g.newest[1] as date, g.newest[2] as line,
            max(date '2000-01-01' + g.newest[1]) over (partition by g.batch_id) as batch_newest
        from (
            select s.batch_id, s.dataset, s.identifier, max(array[s.date - date '2000-01-01', s.line]) as newest
            from _stage as s
            where s.identifier is not null and s.date is not null
            group by s.batch_id, s.dataset, s.identifier
        ) as g
    ) as l
    where l.date < l.batch_newest - 7;
    get diagnostics v_n = row_count;
    v_issues := v_issues + v_n;

    ---------- the yearly partitions the records' dates need (docs/SCALING.md)
    perform core.create_date_partitions('core.fundata_quotes', array(
        select distinct extract(year from s.date)::integer from _stage as s where s.date is not null));

    ---------- versions
    select * into w from core.write_versions('fundata_quotes', 'core.fundata_quotes', array['identifier', 'date'],
        array['change_date', 'date']);

    ---------- the newest date of each fund among its current versions, with
    ---------- that day's current version and values (api.fund_latest_nav)
    execute core.newest_day_upsert_sql('core.fundata_quotes', 'identifier', array['data_version', 'navps',
        'previous_date', 'previous_navps', 'navps_penny_change', 'navps_percent_change', 'current_yield', 'updated_at']);

    ---------- shared instrument registry: the identifiers of the records kept
    perform core.register_instruments(array['identifier', 'date'], 'in_fundata_quotes');

    return query select v_in, w.rows_out, v_issues + w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.transform_fundata_top_holdings(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_top_holdings', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'holdings_date day HoldingsDate',
        'holding_rank intg Rank',
        ---------- holding
        'holding_name text HoldingName',
        'holding_symbol text HoldingSymbol',
        'weight dec12_2 Weight',
        'market_value dec12_2 MarketValue',
        'sector text Sector',
        'country text Country',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_top_holdings', 'core.fundata_top_holdings', array['identifier', 'holdings_date', 'holding_rank'],
        array['change_date', 'holdings_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.transform_fundata_trailer_schedules(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_trailer_schedules', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'load_type text LoadType',
        'from_year intg FromYear',
        ---------- schedule: trailer (percent a year), DECIMAL(12,2) half away from zero
        'to_year intg ToYear',
        'trailer_fee dec12_2 TrailerFee',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_trailer_schedules', 'core.fundata_trailer_schedules', array['identifier', 'load_type', 'from_year'],
        array['change_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.transform_fundata_yearly_performance(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_yearly_performance', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'performance_year intg Year',
        ---------- returns (percent), DECIMAL(12,2) half away from zero
        'annual_return dec12_2 Return',
        'category_return dec12_2 CategoryReturn',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_yearly_performance', 'core.fundata_yearly_performance', array['identifier', 'performance_year'],
        array['change_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.transform_fundata_yearly_performance_ranking(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_yearly_performance_ranking', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'performance_year intg Year',
        ---------- ranking (whole numbers)
        'quartile intg Quartile',
        'category_rank intg Rank',
        'category_count intg CategoryCount',
        'percentile_rank intg Percentile',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_yearly_performance_ranking', 'core.fundata_yearly_performance_ranking', array['identifier', 'performance_year'],
        array['change_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.transform_fundata_yearly_performance_risk(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_yearly_performance_risk', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'performance_year intg Year',
        ---------- risk (percent; Sharpe in units), DECIMAL(12,2) half away from zero
        'standard_deviation dec12_2 StandardDeviation',
        'sharpe_ratio dec12_2 SharpeRatio',
        'max_drawdown dec12_2 MaxDrawdown',
        'best_month_return dec12_2 BestMonthReturn',
        'worst_month_return dec12_2 WorstMonthReturn',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_yearly_performance_risk', 'core.fundata_yearly_performance_risk', array['identifier', 'performance_year'],
        array['change_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.transform_market_and_sector_quotes(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('market_and_sector_quotes', p_batches, array[
        ---------- keys (date: a row's own, else its quote time's New York day)
        'symbol text symbol',
        'date day date',
        ---------- quote
        'name text name',
        'exchange text exchange',
        'price num price|close',
        'change num change',
        'change_percent num changePercentage|changesPercentage|changePercent',
        'open num open',
        'previous_close num previousClose',
        'day_low num dayLow|low',
        'day_high num dayHigh|high',
        'year_low num yearLow',
        'year_high num yearHigh',
        'price_avg_50 num priceAvg50',
        'price_avg_200 num priceAvg200',
        'volume intg volume',
        'avg_volume intg avgVolume',
        'market_cap num marketCap',
        'eps num eps',
        'pe num pe',
        'shares_outstanding intg sharesOutstanding',
        'earnings_announcement ts earningsAnnouncement',
        'quote_at ts timestamp'
    ], core.fmp_docs('historical'));

    ---------- the trading date of a quote
    update _stage as s
    set date = (s.quote_at at time zone 'America/New_York')::date
    where s.date is null and s.quote_at is not null;

    ---------- versions
    select * into w from core.write_versions('market_and_sector_quotes', 'core.market_and_sector_quotes', array['symbol', 'date'],
        array['quote_at', 'date']);
    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.transform_positions(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $_$
declare
    v_in bigint;
    v_issues bigint;
    v_quarantined bigint;
    v_out bigint;
begin
    v_in := core.stage('positions', p_batches, array[
        'portfolio text portfolio',
        'symbol text symbol',
        'quantity num quantity',
        'entry_price num entry_price',
        'entry_date day entry_date',
        'position_type text position_type',
        'underlying text underlying',
        'strike num strike',
        'expiry day expiry',
        'tags json tags',
        'last_price num last_price'
    ],
    -- a JSON file holds an array of position objects; a CSV row is one
    $d$select case when jsonb_typeof(s.payload) = 'array' then e.o::integer else 0 end, e.v from jsonb_array_elements(
        case jsonb_typeof(s.payload) when 'array' then s.payload else jsonb_build_array(s.payload) end
    ) with ordinality as e (v, o)$d$);

    drop table if exists _pos;
    create temp table _pos on commit drop as
    select
        s.*,
        -- a number's written scale is not content: 10.50 and 10.5 are one price
        trim_scale(s.quantity) as qty,
        trim_scale(s.entry_price) as entry,
        trim_scale(s.strike) as k,
        trim_scale(s.last_price) as last,
        upper(s.position_type) as ptype,
        s.symbol is null and s.quantity is null and s.entry_price is null and s.position_type is null
            and s.underlying is null and s.strike is null and s.expiry is null
            and s.last_price is null and s.entry_date is null as declaration,
        case
            when jsonb_typeof(s.payload) <> 'object' then 'not_an_object'
            when s.portfolio is null then 'missing_portfolio'
            when s.symbol is null and s.quantity is null and s.entry_price is null and s.position_type is null
                and s.underlying is null and s.strike is null and s.expiry is null
                and s.last_price is null and s.entry_date is null then null
            when s.symbol is null then 'missing_symbol'
            when s.position_type is null then 'missing_position_type'
            when upper(s.position_type) not in ('LONG', 'SHORT', 'LC', 'LP', 'SC', 'SP') then 'unknown_position_type'
            when s.quantity is null then 'missing_quantity'
            when s.quantity = 0 then 'zero_quantity'
            when (upper(s.position_type) in ('LONG', 'LC', 'LP') and s.quantity < 0)
                or (upper(s.position_type) in ('SHORT', 'SC', 'SP') and s.quantity > 0) then 'sign_contradicts_type'
            when upper(s.position_type) in ('LC', 'LP', 'SC', 'SP') and s.underlying is null then 'option_missing_underlying'
            when upper(s.position_type) in ('LC', 'LP', 'SC', 'SP') and s.strike is null then 'option_missing_strike'
            when upper(s.position_type) in ('LC', 'LP', 'SC', 'SP') and s.expiry is null then 'option_missing_expiry'
            when upper(s.position_type) in ('LC', 'LP', 'SC', 'SP') and s.strike <= 0 then 'non_positive_strike'
            when s.entry_price is null then 'missing_entry_price'
            when s.entry_price <= 0 then 'non_positive_entry_price'
        end as reason,
        case
            when s.tags is null or jsonb_typeof(s.tags) = 'null' then '{}'::text[]
            when jsonb_typeof(s.tags) = 'array' then array(
                select btrim(t) from jsonb_array_elements_text(s.tags) as t where btrim(t) <> '')
            else array(
                select btrim(t) from unnest(string_to_array(s.tags #>> '{}', ';')) as t where btrim(t) <> '')
        end as tag_list
    from _stage as s;

    ---------- rows that break a rule: quarantined and recorded
    insert into ops.quarantine (batch_id, line, elem, dataset, transform_name, reason, payload)
    select p.batch_id, p.line, p.elem, p.dataset, 'positions', p.reason, p.payload
    from _pos as p
    where p.reason is not null
    on conflict do nothing;
    get diagnostics v_quarantined = row_count;

    insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, raw_value, identifier, detail)
    select p.batch_id, p.line, p.elem, p.dataset, 'positions', p.reason,
        case
            when p.reason in ('missing_portfolio', 'missing_symbol', 'missing_quantity') then substr(p.reason, 9)
            when p.reason in ('missing_position_type', 'unknown_position_type') then 'position_type'
            when p.reason in ('zero_quantity', 'sign_contradicts_type') then 'quantity'
            when p.reason like 'option_missing_%' then substr(p.reason, 16)
            when p.reason = 'non_positive_strike' then 'strike'
            when p.reason in ('missing_entry_price', 'non_positive_entry_price') then 'entry_price'
        end,
        case
            when p.reason in ('unknown_position_type') then p.payload ->> 'position_type'
            when p.reason in ('zero_quantity', 'sign_contradicts_type') then p.payload ->> 'quantity'
            when p.reason = 'non_positive_strike' then p.payload ->> 'strike'
            when p.reason = 'non_positive_entry_price' then p.payload ->> 'entry_price'
        end,
        p.symbol,
        'record quarantined' || coalesce(' (portfolio ' || p.portfolio || ')', '')
    from _pos as p
    where p.reason is not null;
    get diagnostics v_issues = row_count;

    ---------- the new set of positions of every portfolio each batch names
    drop table if exists _sets;
    create temp table _sets on commit drop as
    select
        p.portfolio,
        p.batch_id,
        min(p.format) as format,
        min(p.source_file) as source_file,
        max(p.updated_at) as updated_at,
        count(*) filter (where p.reason is null and not p.declaration) as position_count,
        hash_record_extended(row(coalesce(array_agg(
            row(p.symbol, p.ptype, p.qty, p.entry, p.entry_date, p.underlying, p.k, p.expiry,
                p.tag_list, p.last)::text
            order by p.line, p.elem) filter (where p.reason is null and not p.declaration), '{}')), 0) as content_hash
    from _pos as p
    where p.portfolio is not null and jsonb_typeof(p.payload) = 'object'
    group by p.portfolio, p.batch_id;

    ---------- a new version where the set differs from the version before it
    drop table if exists _versions;
    create temp table _versions on commit drop as
    with
    ordered as (
        select s.*, lag(s.content_hash) over (partition by s.portfolio order by s.batch_id) as prev_hash
        from _sets as s
    ),
    cur as (
        select distinct on (c.portfolio) c.portfolio, c.data_version, c.content_hash
        from core.portfolio as c
        where c.portfolio in (select portfolio from _sets)
        order by c.portfolio, c.data_version desc
    )
    select o.*,
        coalesce(c.data_version, 0) + row_number() over (partition by o.portfolio order by o.batch_id) as data_version
    from ordered as o
    left join cur as c on c.portfolio = o.portfolio
    where o.content_hash is distinct from coalesce(o.prev_hash, c.content_hash);

    insert into core.portfolio (portfolio, data_version, position_count, content_hash, data_source, source_file, batch_id, updated_at)
    select v.portfolio, v.data_version, v.position_count, v.content_hash,
        case when v.format = 'json' then 'JSON' else 'CSV' end, v.source_file, v.batch_id, v.updated_at
    from _versions as v;
    get diagnostics v_out = row_count;

    insert into core.position (portfolio, data_version, position_no, symbol, position_type, quantity, entry_price,
        entry_date, underlying, strike, expiry, tags, last_price, multiplier,
        data_source, source_file, content_hash, updated_at, batch_id, batch_line, batch_elem)
    select p.portfolio, v.data_version,
        row_number() over (partition by p.portfolio, v.data_version order by p.line, p.elem),
        p.symbol, p.ptype, p.qty, p.entry, p.entry_date,
        case when p.ptype in ('LONG', 'SHORT') then coalesce(p.underlying, p.symbol) else p.underlying end,
        p.k, p.expiry, p.tag_list, p.last,
        case when p.ptype in ('LONG', 'SHORT') then 1 else 100 end,
        case when p.format = 'json' then 'JSON' else 'CSV' end, p.source_file,
        hash_record_extended(row(p.symbol, p.ptype, p.qty, p.entry, p.entry_date, p.underlying,
            p.k, p.expiry, p.tag_list, p.last), 0),
        p.updated_at, p.batch_id, p.line, p.elem
    from _pos as p
    join _versions as v on v.portfolio = p.portfolio and v.batch_id = p.batch_id
    where p.reason is null and not p.declaration;

    return query select v_in, v_out, v_issues, v_quarantined;
end
$_$;

CREATE FUNCTION core.transform_treasury(p_batches bigint[], p_run_id bigint) RETURNS TABLE(rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('treasury', p_batches, array[
        ---------- key
        'date day date',
        ---------- yields, percent
        'month1 num month1',
        'month2 num month2',
        'month3 num month3',
        'month6 num month6',
        'year1 num year1',
        'year2 num year2',
        'year3 num year3',
        'year5 num year5',
        'year7 num year7',
        'year10 num year10',
        'year20 num year20',
        'year30 num year30'
    ], core.fmp_docs('rows'));

    ---------- versions
    select * into w from core.write_versions('treasury', 'core.treasury', array['date'],
        array['date']);
    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;

CREATE FUNCTION core.version_columns_sql(p_has_elem boolean) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select 'array_source_field, array_element_index, array_element_value, batch_id, batch_line, content_hash, data_version, vendor_as_of'
        || case when p_has_elem then ', batch_elem' else '' end
$$;

CREATE FUNCTION core.version_key(p_table regclass) RETURNS text[]
    LANGUAGE sql STABLE
    AS $$
    select array_agg(a.attname::text order by k.o)
    from pg_constraint as c
    cross join lateral unnest(c.conkey) with ordinality as k (attnum, o)
    join pg_attribute as a on a.attrelid = c.conrelid and a.attnum = k.attnum
    where c.conrelid = p_table
        and c.contype = 'u'
        and c.conname = (select relname from pg_class where oid = p_table) || '_version_uq'
        and k.o < (
            select k2.o
            from unnest(c.conkey) with ordinality as k2 (attnum, o)
            join pg_attribute as a2 on a2.attrelid = c.conrelid and a2.attnum = k2.attnum
            where a2.attname = 'data_version'
        )
$$;

CREATE FUNCTION core.word_deletions(p_word text) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE ROWS 12 PARALLEL SAFE
    AS $$
    select p_word
    union
    select left(p_word, i - 1) || substr(p_word, i + 1)
    from generate_series(1, length(p_word)) as i
$$;

CREATE FUNCTION core.write_versions(p_transform text, p_target text, p_keys text[], p_as_of text[] DEFAULT '{}'::text[]) RETURNS TABLE(rows_out bigint, issues bigint, quarantined bigint)
    LANGUAGE plpgsql
    AS $_$
declare
    technical constant text[] := array[
        'batch_id', 'line', 'elem', 'issue_suspect', 'dataset', 'format', 'payload', 'data_source', 'source_file',
        'api_version', 'updated_at', 'processed_at', 'content_hash', 'data_version',
        'array_source_field', 'array_element_index', 'array_element_value',
        'raw_json', 'batch_line', 'vendor_as_of'
    ];
    v_current text := p_target || '_current';
    v_as_of text;
    v_stage_cols text[];
    v_hash_cols text;
    v_insert_cols text[];
    v_indexed text[];
    v_raw_of jsonb := '{}';
    v_keys text := (select string_agg(format('%I', k), ', ') from unnest(p_keys) as k);
    v_keys_k text := (select string_agg(format('k.%I', k), ', ') from unnest(p_keys) as k);
    v_keys_s text := (select string_agg(format('s.%I', k), ', ') from unnest(p_keys) as k);
    v_join_kc text := (select string_agg(format('c.%1$I = k.%1$I', k), ' and ') from unnest(p_keys) as k);
    v_join_xs text := (select string_agg(format('x.%1$I = s.%1$I', k), ' and ') from unnest(p_keys) as k);
    v_first_only text := format('not exists (select 1 from _complex as x where %s)', v_join_xs);
    v_record_name text;
    v_reject text;
    v_why text;
    v_has_elem boolean;
    v_insert_list text;
    v_select_list text;
    v_sql_complex text;
    v_part_col text;
    v_part_range text := '';
    v_sql_first text;
    v_sql_keep text;
    v_sql_changed text;
    -- the write, then (only after a record error) halves of the keys
    v_lo integer[] := array[0];
    v_hi integer[] := array[0];
    v_from integer;
    v_to integer;
    v_groups integer;
    v_refused integer := 0;
    v_source text;
    v_state text;
    v_error text;
    v_rule text;
    v_first bigint;
    v_probe boolean;
    v_dup bigint;
    v_changed bigint;
    v_q bigint;
    v_i bigint;
    v_out bigint := 0;
    v_issues bigint := 0;
    v_quarantined bigint := 0;
begin
    select array_agg(a.attname::text order by a.attnum) into v_stage_cols
    from pg_attribute as a
    where a.attrelid = 'pg_temp._stage'::regclass and a.attnum > 0 and not a.attisdropped;

    select string_agg(format('s.%I', c), ', ' order by o) into v_hash_cols
    from unnest(v_stage_cols) with ordinality as u (c, o)
    where c <> all (technical);

    select array_agg(a.attname::text order by a.attnum) into v_insert_cols
    from pg_attribute as a
    where a.attrelid = p_target::regclass and a.attnum > 0 and not a.attisdropped
        and a.attname::text = any (v_stage_cols)
        and a.attname::text not in ('batch_id', 'content_hash', 'data_version', 'elem', 'vendor_as_of');

    select exists (
        select 1 from pg_attribute as a
        where a.attrelid = p_target::regclass and a.attname = 'batch_elem' and not a.attisdropped
    ) into v_has_elem;

    -- the vendor's as-of of each record (core.as_of_sql)
    v_as_of := core.as_of_sql(p_as_of);

    -- the target's indexed text columns that come from _stage (its text keys among them)
    select coalesce(array_agg(distinct a.attname::text), '{}') into v_indexed
    from pg_index as i
    join pg_attribute as a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
    where i.indrelid = p_target::regclass
        and a.atttypid in ('text'::regtype, 'varchar'::regtype)
        and a.attname::text = any (v_stage_cols)
        and a.attname::text <> all (technical);

    -- the raw payload value of each key column, as core.stage read it
    if to_regclass('pg_temp._stage_field') is not null then
        select coalesce(jsonb_object_agg(f.col, f.raw_sql), '{}') into v_raw_of
        from pg_temp._stage_field as f
        where f.col = any (p_keys);
    end if;

    -- the record's identifier or symbol, for quality issues (cut to a sane length)
    v_record_name := case
        when 'identifier' = any (v_stage_cols) then 'left(s.identifier, 100)'
        when 'symbol' = any (v_stage_cols) then 'left(s.symbol, 100)'
        else 'null::text'
    end;

    ---------- 1. records that cannot be keyed: the tests, in order, and the
    ---------- first failing one as [reason, field, raw value, detail]
    select
        string_agg(c.test, ' or ' order by c.o),
        'select array[v.reason, v.field, v.raw_value, v.detail] from (values '
            || string_agg(format('(%s, case when %s then %s end, %L, %s, %s)',
                c.o, c.test, c.reason, c.field, c.raw_value, c.detail), ', ' order by c.o)
            || ') as v (o, reason, field, raw_value, detail) where v.reason is not null order by v.o limit 1'
    into v_reject, v_why
    from (
        select
            k.o,
            format('s.%I is null', k.k) as test,
            k.k as field,
            -- present in the payload but not of its type: unreadable; absent or blank: missing
            format('case when core.is_blank(%s) then %L else %L end',
                coalesce(v_raw_of ->> k.k, 'null::text'), 'missing_' || k.k, 'unreadable_' || k.k) as reason,
            format('left(%s, 200)', coalesce(v_raw_of ->> k.k, 'null::text')) as raw_value,
            quote_literal('record quarantined') as detail
        from unnest(p_keys) with ordinality as k (k, o)
        union all
        select
            1000 + u.o,
            format('octet_length(s.%I) > %s', u.c, core.max_key_bytes()),
            u.c,
            quote_literal('value_too_large_for_key'),
            format('left(s.%I, 100)', u.c),
            format('octet_length(s.%I) || %L', u.c,
                ' bytes, over the ' || core.max_key_bytes() || ' bytes a key or indexed value may hold: record quarantined')
        from unnest(v_indexed) with ordinality as u (c, o)
    ) as c;

    execute format(
        $q$
        with
        rejected as (
            delete from _stage as s
            where %1$s
            returning s.*
        ),
        why as (
            select s.batch_id, s.line, s.elem, s.dataset, core.staged_record(s.batch_id, s.line, s.payload) as payload,
                %2$s as record_name, (%3$s) as why
            from rejected as s
        ),
        quarantined as (
            insert into ops.quarantine (batch_id, line, elem, dataset, transform_name, reason, payload)
            select w.batch_id, w.line, w.elem, w.dataset, %4$L, w.why[1], w.payload
            from why as w
            on conflict do nothing
            returning 1
        ),
        issues as (
            insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, raw_value, identifier, detail)
            select w.batch_id, w.line, w.elem, w.dataset, %4$L, w.why[1], w.why[2], w.why[3], w.record_name, w.why[4]
            from why as w
            returning 1
        )
        select (select count(*) from quarantined), (select count(*) from issues)
        $q$,
        v_reject, v_record_name, v_why, p_transform
    ) into v_quarantined, v_issues;

    ---------- the write, as statements over __source__: _stage itself, or
    ---------- (after a record error) the records of some of its keys
    v_insert_list := (select string_agg(format('%I', c), ', ') from unnest(v_insert_cols) as c
        where c not in ('array_source_field', 'array_element_index', 'array_element_value', 'raw_json', 'batch_line'));
    v_select_list := (select string_agg(format('s.%I', c), ', ') from unnest(v_insert_cols) as c
        where c not in ('array_source_field', 'array_element_index', 'array_element_value', 'raw_json', 'batch_line'));

    -- first versions: a key that appears once in these batches and has no
    -- version yet is version 1 as it stands. Only the other keys (in several
    -- records, or already versioned) need the keep set below. A key has a
    -- version exactly when it has a current row, so the stored latest is
    -- asked, not history; when it is partitioned by a key column (the date
    -- of daily prices), only the partitions of the staged dates are read,
    -- so the check costs the same however much history there is.
    select a.attname::text into v_part_col
    from pg_partitioned_table as pt
    join pg_attribute as a on a.attrelid = pt.partrelid and a.attnum = pt.partattrs[0]
    where pt.partrelid = v_current::regclass and pt.partnatts = 1 and a.attname::text = any (p_keys);
    if v_part_col is not null then
        execute format('select case when min(s.%2$I) is not null then format(%1$L, min(s.%2$I), max(s.%2$I)) end from _stage as s',
            format(' and c.%I between %%L and %%L', v_part_col), v_part_col)
        into v_part_range;
        v_part_range := coalesce(v_part_range, '');
    end if;
    -- Few records against many stored keys (a corrected file, a new day):
    -- each key is looked up in the version-key index (offset 0 keeps the
    -- lookup per record, whatever the planner's statistics of a table just
    -- written say). Many records: one join.
    v_probe := (select 20 * greatest(c.reltuples, 1) from pg_class as c where c.oid = 'pg_temp._stage'::regclass)
        < (select coalesce(sum(pg_relation_size(t.relid)), 0) / 100 from pg_partition_tree(v_current::regclass) as t where t.isleaf);
    v_sql_complex := format(
        $q$
        create temp table _complex on commit drop as
        select %1$s from __source__ as s group by %1$s having count(*) > 1
        union
        select %1$s from __source__ as k
        where exists (select 1 from %2$s as c where %3$s%4$s%5$s)
        $q$,
        v_keys, v_current, v_join_kc, v_part_range, case when v_probe then ' offset 0' else '' end
    );
    -- Each such key has one record: it is the key's current version too.
    -- Written in key order: each key's new entries then land beside each
    -- other in the version key and the stored latest's key (a file in date
    -- order would otherwise touch a different leaf page for every record),
    -- and an instrument's rows of a multi-day file lie on adjacent pages.
    v_sql_first := format(
        $q$
        with
        written as (
            insert into %1$s (%2$s, %3$s)
            select %4$s, e.array_source_field, e.array_element_index, e.array_element_value,
                s.batch_id, s.line,
                hash_record_extended(row(%5$s, case when s.format = 'json' then core.array_part(s.payload) end), 0),
                1, %7$s%6$s
            from __source__ as s
            cross join lateral core.explode_for(s.format, s.payload) as e
            where __first_only__
            order by %9$s
            returning 1
        ),
        current_version as (
            %8$s
        )
        select count(*) from written
        $q$,
        p_target, v_insert_list,
        core.version_columns_sql(v_has_elem),
        v_select_list, v_hash_cols,
        case when v_has_elem then ', s.elem' else '' end,
        v_as_of,
        -- these keys have no current row (the check above): a plain insert
        core.current_upsert_sql(v_current, p_keys, format(
            'select %s, 1, %s, s.batch_id, s.line from __source__ as s where __first_only__ order by %s',
            v_keys_s, v_as_of, v_keys_s), true),
        v_keys_s
    );

    -- 2. one record per key per batch, with its content hash
    v_sql_keep := format(
        $q$
        create temp table _keep on commit drop as
        select
            h.*,
            row_number() over w as rn,
            first_value(h.content_hash) over w as kept_hash
        from (
            select s.batch_id, s.line, s.elem, s.dataset, %1$s, %4$s as record_name, %5$s as vendor_as_of,
                hash_record_extended(row(%2$s, case when s.format = 'json' then
                    -- array_part of a document without arrays is {}: skip the walk
                    case when jsonb_path_exists(s.payload, 'strict $.* ? (@.type() == "array")', '{}', true)
                        then core.array_part(s.payload) else '{}'::jsonb end
                end), 0)
                    as content_hash
            from __source__ as s
            where exists (select 1 from _complex as x where %3$s)
        ) as h
        window w as (partition by %1$s, h.batch_id order by h.line desc, h.elem desc)
        $q$,
        v_keys, v_hash_cols, v_join_xs, v_record_name, v_as_of
    );

    -- 3 + 4 + 5. new versions where the content changed; the newest by as-of
    -- of each key's new versions replaces its current version if newer
    v_sql_changed := format(
        $q$
        with
        kept as (
            select k.batch_id, k.line, k.elem, %1$s, k.content_hash, k.vendor_as_of,
                lag(k.content_hash) over (partition by %1$s order by k.batch_id) as prev_hash
            from _keep as k
            where k.rn = 1
        ),
        cur as (
            %11$s
        ),
        changed as (
            select
                k.batch_id, k.line, k.elem, %1$s, k.content_hash, k.vendor_as_of,
                coalesce(c.data_version, 0)
                    + row_number() over (partition by %5$s order by k.batch_id) as data_version
            from kept as k
            left join cur as c on %4$s
            where k.content_hash is distinct from coalesce(k.prev_hash, c.content_hash)
        ),
        written as (
            insert into %3$s (%6$s, %8$s)
            select %7$s, e.array_source_field, e.array_element_index, e.array_element_value,
                s.batch_id, s.line, ch.content_hash, ch.data_version, ch.vendor_as_of%9$s
            from changed as ch
            join __source__ as s on s.batch_id = ch.batch_id and s.line = ch.line and s.elem = ch.elem
            cross join lateral core.explode_for(s.format, s.payload) as e
            returning 1
        ),
        current_version as (
            %10$s
        )
        select count(*) from written
        $q$,
        v_keys_k,
        (select string_agg(format('c.%I', k), ', ') from unnest(p_keys) as k),
        p_target,
        v_join_kc,
        v_keys_k,
        v_insert_list,
        v_select_list,
        core.version_columns_sql(v_has_elem),
        case when v_has_elem then ', s.elem' else '' end,
        -- of each key's new versions, the newest by as-of is offered as its current one
        core.current_upsert_sql(v_current, p_keys, format(
            'select distinct on (%1$s) %1$s, k.data_version, k.vendor_as_of, k.batch_id, k.line'
            ' from changed as k order by %1$s, k.vendor_as_of desc, k.batch_id desc, k.line desc',
            v_keys_k)),
        -- 11: the newest stored version of each kept key, looked up key by key or joined
        case when v_probe then format(
            'select %1$s, c.data_version, c.content_hash from (select distinct %2$s from _keep as k) as k'
            ' cross join lateral (select c.data_version, c.content_hash from %3$s as c where %4$s'
            ' order by c.data_version desc limit 1) as c',
            v_keys_k, v_keys_k, p_target, v_join_kc)
        else format(
            'select distinct on (%1$s) %1$s, c.data_version, c.content_hash from %2$s as c'
            ' where exists (select 1 from _keep as k where %3$s) order by %1$s, c.data_version desc',
            (select string_agg(format('c.%I', k), ', ') from unnest(p_keys) as k), p_target, v_join_kc)
        end
    );

    -- A stack of key ranges to write: first [0, 0], every record at once (the
    -- normal path). After a record error the keys are numbered 1..n
    -- (_write_group) and ranges are halved until each refused key stands alone.
    while cardinality(v_lo) > 0 loop
        v_from := v_lo[cardinality(v_lo)];
        v_to := v_hi[cardinality(v_hi)];
        v_lo := trim_array(v_lo, 1);
        v_hi := trim_array(v_hi, 1);
        v_source := case when v_from = 0 then '_stage' else format(
            '(select s.* from _stage as s join _write_group as g'
            ' on g.batch_id = s.batch_id and g.line = s.line and g.elem = s.elem'
            ' where g.write_group between %s and %s)', v_from, v_to) end;
        begin
            drop table if exists _complex;
            execute replace(v_sql_complex, '__source__', v_source);
            analyze _complex;
            -- the records of keys not in _complex; when it is empty, every
            -- record, without an anti-join probing an empty table once per record
            execute replace(replace(v_sql_first, '__source__', v_source), '__first_only__',
                case when exists (select 1 from _complex) then v_first_only else 'true' end) into v_first;

            drop table if exists _keep;
            execute replace(v_sql_keep, '__source__', v_source);
            analyze _keep;

            insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, identifier, detail)
            select k.batch_id, k.line, k.elem, k.dataset, p_transform,
                case when k.content_hash = k.kept_hash then 'duplicate_row' else 'conflicting_duplicate' end,
                array_to_string(p_keys, ','),
                k.record_name,
                'same key as a later line of the same batch; the later line is kept'
            from _keep as k
            where k.rn > 1;
            get diagnostics v_dup = row_count;

            execute replace(v_sql_changed, '__source__', v_source) into v_changed;

            v_out := v_out + v_first + v_changed;
            v_issues := v_issues + v_dup;
        exception when others then
            get stacked diagnostics v_state = returned_sqlstate, v_error = message_text;
            if not core.is_data_error(v_state) then
                raise;
            end if;
            if v_from = 0 then
                -- number the keys; then write halves of them
                drop table if exists _write_group;
                execute format(
                    'create temp table _write_group on commit drop as
                     select s.batch_id, s.line, s.elem, (dense_rank() over (order by %s))::integer as write_group
                     from _stage as s',
                    v_keys_s
                );
                analyze _write_group;
                select max(g.write_group) into v_groups from _write_group as g;
                if v_groups is null then
                    raise;
                end if;
                v_lo := v_lo || 1;
                v_hi := v_hi || v_groups;
            elsif v_from < v_to then
                -- the lower half is written first
                v_lo := v_lo || ((v_from + v_to) / 2 + 1) || v_from;
                v_hi := v_hi || v_to || ((v_from + v_to) / 2);
            else
                -- one key the target refuses: its records are quarantined
                v_refused := v_refused + 1;
                if v_refused > greatest(100, v_groups / 10) then
                    -- so many keys refused one by one: not a record's error
                    raise exception using
                        errcode = v_state,
                        message = v_error,
                        detail = format('%s of %s keys refused while writing %s', v_refused, v_groups, p_target);
                end if;
                v_rule := case when v_state = '54000' and v_error like 'index row%' then 'value_too_large_for_key' else 'write_error' end;
                execute format(
                    $q$
                    with
                    refused as (
                        delete from _stage as s
                        using _write_group as g
                        where g.write_group = $1
                            and g.batch_id = s.batch_id and g.line = s.line and g.elem = s.elem
                        returning s.batch_id, s.line, s.elem, s.dataset,
                            core.staged_record(s.batch_id, s.line, s.payload) as payload, %1$s as record_name
                    ),
                    quarantined as (
                        insert into ops.quarantine (batch_id, line, elem, dataset, transform_name, reason, payload)
                        select r.batch_id, r.line, r.elem, r.dataset, %2$L, $2, r.payload
                        from refused as r
                        on conflict do nothing
                        returning 1
                    ),
                    issues as (
                        insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, identifier, detail)
                        select r.batch_id, r.line, r.elem, r.dataset, %2$L, $3, %3$L, r.record_name, $4
                        from refused as r
                        returning 1
                    )
                    select (select count(*) from quarantined), (select count(*) from issues)
                    $q$,
                    v_record_name, p_transform, array_to_string(p_keys, ',')
                )
                using v_from,
                    case when v_rule = 'write_error' then 'write_error: ' || left(v_error, 500) else v_rule end,
                    v_rule,
                    left(v_error, 1000)
                into v_q, v_i;
                v_quarantined := v_quarantined + v_q;
                v_issues := v_issues + v_i;
            end if;
        end;
    end loop;

    return query select v_out, v_issues, v_quarantined;
end
$_$;

CREATE FUNCTION ops.accept_backfill_requests(p_ids bigint[], p_reason text DEFAULT 'accepted by an operator'::text) RETURNS SETOF bigint
    LANGUAGE sql
    AS $$
    update ops.backfill_request
    set state = 'accepted', closed_reason = p_reason, closed_at = now(), updated_at = now()
    where id = any(p_ids) and state <> 'filled'
    returning id
$$;

CREATE FUNCTION ops.accept_schema_changes(p_dataset text, p_reason text, p_by text DEFAULT CURRENT_USER, p_fields text[] DEFAULT NULL::text[]) RETURNS TABLE(schema_change_id bigint, field text, change text, batch_ids bigint[])
    LANGUAGE plpgsql
    AS $$
begin
    if core.is_blank(p_reason) then
        raise exception 'a reason is required to accept the schema changes of %', p_dataset
            using errcode = 'invalid_parameter_value';
    end if;
    return query
    update ops.schema_change as c
    set state = 'accepted', decided_by = p_by, decided_at = now(), reason = p_reason
    where c.dataset = p_dataset and c.state = 'open'
        and (p_fields is null or c.field = any(p_fields))
    returning c.schema_change_id, c.field, c.change, c.batch_ids;
end
$$;

CREATE FUNCTION ops.analytics_required_symbols(p_history_days integer DEFAULT 300) RETURNS TABLE(symbol text, reason text, history_days integer)
    LANGUAGE sql STABLE
    AS $$
    select r.symbol, r.reason, p_history_days
    from (
        select f.factor_etf::text as symbol, 'factor'::text as reason
        from core.factor as f
        union
        select case when p.position_type in ('LONG', 'SHORT') then p.symbol else p.underlying end::text,
            case when p.position_type in ('LONG', 'SHORT') then 'position' else 'underlying' end
        from core.position as p
        join (
            select distinct on (c.portfolio) c.portfolio, c.data_version
            from core.portfolio as c
            order by c.portfolio, c.data_version desc
        ) as l on l.portfolio = p.portfolio and l.data_version = p.data_version
    ) as r
    order by r.symbol, r.reason
$$;

CREATE FUNCTION ops.apply_corrections(p_ids bigint[], p_by text, p_auto boolean DEFAULT false) RETURNS TABLE(id bigint, outcome text, applied_version integer)
    LANGUAGE plpgsql
    AS $$
declare
    c ops.correction;
    cur record;
    v_new integer;
begin
    for c in select * from ops.correction as x where x.id = any (p_ids) order by x.id for update loop
        id := c.id;
        applied_version := null;
        if c.state <> 'proposed' then
            outcome := format('not applied: the correction is %s', c.state);
            return next;
            continue;
        end if;
        select * into cur from ops.correction_current(c."table", c.key, c."column");
        if cur.value is distinct from c.old_value
            or (cur.data_version is distinct from c.data_version and cur.correction_id is null) then
            outcome := format('not applied: %s %s is now version %s with %s = %s (the correction read version %s, %s)',
                c."table", c.key, cur.data_version, c."column", cur.value, c.data_version, c.old_value);
            return next;
            continue;
        end if;
        v_new := ops.write_corrected_version(c."table", c.key, cur.data_version, c."column", c.new_value, c.id);
        update ops.correction as x
        set state = case when p_auto then 'auto_approved' else 'approved' end,
            decided_at = now(), decided_by = p_by, applied_version = v_new
        where x.id = c.id;
        outcome := case when p_auto then 'auto_approved' else 'approved' end;
        applied_version := v_new;
        return next;
    end loop;
end
$$;

CREATE FUNCTION ops.backfill_summary() RETURNS TABLE(state text, requests integer, sessions bigint)
    LANGUAGE sql STABLE
    AS $$
    select r.state, count(*)::integer, sum(r.sessions)
    from ops.backfill_request as r
    group by r.state
    order by r.state
$$;

CREATE FUNCTION ops.cadence_label(p_sessions integer) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$
    select case
        when p_sessions is null then null
        when p_sessions = 1 then 'daily'
        when p_sessions between 4 and 6 then 'weekly'
        when p_sessions between 9 and 11 then 'biweekly'
        when p_sessions between 18 and 24 then 'monthly'
        when p_sessions between 55 and 70 then 'quarterly'
        else format('every %s sessions', p_sessions)
    end
$$;

CREATE FUNCTION ops.calendar_horizon(p_today date DEFAULT CURRENT_DATE) RETURNS TABLE(exchange text, horizon date, days_left integer, needs_extension boolean)
    LANGUAGE plpgsql STABLE
    AS $$
declare
    r record;
begin
    for r in
        select c.exchange, max(c.date) as horizon, max(c.date) - p_today as days_left
        from core.exchange_calendar as c
        group by c.exchange
        order by c.exchange
    loop
        exchange := r.exchange;
        horizon := r.horizon;
        days_left := r.days_left;
        needs_extension := r.days_left <= 60;
        if needs_extension then
            raise warning 'the % trading calendar ends on % (% days left): extend it with core.build_exchange_calendar(%)',
                r.exchange, r.horizon, r.days_left, quote_literal(r.exchange);
        end if;
        return next;
    end loop;
end
$$;

CREATE FUNCTION ops.check_batch(p_batch bigint, p_dataset text, p_docs text) RETURNS void
    LANGUAGE plpgsql
    AS $_$
declare
    v_policy text;
    v_documents integer;
    v_fields jsonb;
    v_endpoint text;
begin
    select p.policy into v_policy from ops.schema_policy as p where p.dataset = p_dataset;

    -- the batch's fields: per key, its class (the class of at least 80 % of
    -- its values, else mixed), counts, the median number and an example
    execute format(
        $q$
        with docs as (
            select d.doc
            from (
                select r.payload, rb.request
                from raw.record as r
                join raw.batch as rb on rb.batch_id = r.batch_id
                where r.batch_id = $1
                order by r.line
                limit 1000
            ) as s
            cross join lateral (%s) as d (elem, doc)
            where jsonb_typeof(d.doc) = 'object'
            limit 1000
        ),
        classed as (
            select e.key, ops.value_class(e.value) as cls, e.value
            from docs
            cross join lateral jsonb_each(docs.doc) as e
        ),
        vals as (
            select c.key, c.cls, c.value,
                case when c.cls = 'number' then ops.value_number(c.value) end as num
            from classed as c
        ),
        by_class as (
            select v.key, v.cls, count(*) as n
            from vals as v
            where v.cls is not null
            group by v.key, v.cls
        ),
        per_key as (
            select
                v.key,
                count(v.cls) as n_values,
                count(*) filter (where v.cls = 'number') as n_numbers,
                count(*) filter (where abs(v.num) > 1) as n_above_one,
                percentile_cont(0.5) within group (order by v.num) as median,
                left(min(v.value #>> '{}') filter (where v.cls is not null), 200) as example
            from vals as v
            group by v.key
        )
        select
            (select count(*) from docs)::integer,
            coalesce(jsonb_object_agg(k.key, jsonb_build_object(
                'class', (
                    select case when c.n >= 0.8 * k.n_values then c.cls else 'mixed' end
                    from by_class as c where c.key = k.key order by c.n desc, c.cls limit 1
                ),
                'values', k.n_values,
                'numbers', k.n_numbers,
                'above_one', k.n_above_one,
                'median', k.median,
                'example', k.example
            )), '{}'::jsonb)
        from per_key as k
        $q$, p_docs)
        into v_documents, v_fields
        using p_batch;

    select rb.request ->> 'endpoint' into v_endpoint from raw.batch as rb where rb.batch_id = p_batch;
    insert into ops.schema_check (batch_id, dataset, endpoint, documents, fields)
    values (p_batch, p_dataset, v_endpoint, v_documents, v_fields);
    if v_documents = 0 then
        -- an empty response says nothing about the fields
        return;
    end if;

    with known as (
        select k.* from ops.dataset_field as k where k.dataset = p_dataset
    ),
    here as (
        select e.key as field, e.value as s from jsonb_each(v_fields) as e
    ),
    previous as (
        -- the previous batch of the same endpoint that held documents
        select e.key as field, e.value as s
        from (
            select sc.fields from ops.schema_check as sc
            where sc.dataset = p_dataset and sc.batch_id < p_batch and sc.documents > 0
                and sc.endpoint is not distinct from v_endpoint
            order by sc.batch_id desc limit 1
        ) as p
        cross join lateral jsonb_each(p.fields) as e
    ),
    new_fields as (
        -- arrays are content whatever their name (core.write_versions explodes them)
        select h.field, h.s from here as h
        where not exists (select 1 from known as k where k.field = h.field)
            and (h.s ->> 'class') is distinct from 'array'
    ),
    missing as (
        -- a known field the previous batch had and this one lacks, no
        -- alternate key of its column present either
        select p.field, p.s, (select k.type_class from known as k where k.field = p.field limit 1) as type_class
        from previous as p
        where exists (select 1 from known as k where k.field = p.field)
            and not exists (select 1 from here as h where h.field = p.field)
            and not exists (
                select 1 from known as k
                join here as h on h.field = any(k.alternates)
                where k.field = p.field
            )
    ),
    pairs as (
        -- a missing and a new field of one batch: renamed when their values
        -- fit the same type and the names are alike, or the numbers are (median
        -- within 25 %), or they are the only missing and the only new field
        select distinct on (m.field)
            m.field as old_field, n.field as new_field, n.s, m.type_class
        from missing as m
        join new_fields as n on ops.class_fits(m.type_class, null, n.s ->> 'class')
        where similarity(lower(m.field), lower(n.field)) >= 0.3
            or ((n.s ->> 'median')::numeric is not null and (m.s ->> 'median')::numeric is not null
                and abs((n.s ->> 'median')::numeric - (m.s ->> 'median')::numeric)
                    <= 0.25 * greatest(abs((m.s ->> 'median')::numeric), abs((n.s ->> 'median')::numeric)))
            or ((select count(*) from missing) = 1 and (select count(*) from new_fields) = 1)
        order by m.field, similarity(lower(m.field), lower(n.field)) desc, n.field
    ),
    changes as (
        select n.field, 'new' as change, n.s ->> 'example' as example, null as previous_field,
            null as previous_type, n.s ->> 'class' as new_type
        from new_fields as n
        where not exists (select 1 from pairs as r where r.new_field = n.field)
        union all
        select m.field, 'missing', m.s ->> 'example', null, m.type_class, null
        from missing as m
        where not exists (select 1 from pairs as r where r.old_field = m.field)
        union all
        select r.new_field, 'renamed', r.s ->> 'example', r.old_field, r.type_class, r.s ->> 'class'
        from pairs as r
        union all
        -- a known field whose values no longer fit its type
        select h.field, 'retyped', h.s ->> 'example', null, k.type_class, h.s ->> 'class'
        from here as h
        join lateral (
            select k1.type_class, k1.kind from known as k1 where k1.field = h.field limit 1
        ) as k on true
        where not ops.class_fits(k.type_class, k.kind, h.s ->> 'class')
        union all
        -- a percent field whose values look like fractions: every |v| <= 1
        -- where the history of the dataset was mostly above 1
        select h.field, 'unit_changed', h.s ->> 'example', null, 'percent', 'fraction'
        from here as h
        join lateral (
            select sum((sc.fields -> h.field ->> 'numbers')::numeric) as numbers,
                sum((sc.fields -> h.field ->> 'above_one')::numeric) as above_one
            from (
                select pc.fields from ops.schema_check as pc
                where pc.dataset = p_dataset and pc.batch_id < p_batch and pc.fields ? h.field
                order by pc.batch_id desc limit 50
            ) as sc
        ) as hist on true
        where exists (select 1 from known as k where k.field = h.field and k.unit = 'percent')
            and (h.s ->> 'numbers')::integer >= 5
            and (h.s ->> 'above_one')::integer = 0
            and hist.numbers >= 10
            and hist.above_one > 0.5 * hist.numbers
    )
    insert into ops.schema_change as c (
        dataset, field, change, example, previous_field, previous_type, new_type, batch_ids,
        state, decided_by, decided_at, reason
    )
    select p_dataset, x.field, x.change, x.example, x.previous_field, x.previous_type, x.new_type, array[p_batch],
        case when v_policy = 'discard_field' and x.change = 'new' then 'discarded' else 'open' end,
        case when v_policy = 'discard_field' and x.change = 'new' then 'policy' end,
        case when v_policy = 'discard_field' and x.change = 'new' then now() end,
        case when v_policy = 'discard_field' and x.change = 'new'
            then 'dataset policy discard_field: the transform ignores the field' end
    from changes as x
    on conflict (dataset, field, change) do update
    set last_seen = now(),
        batch_ids = case when c.state in ('open', 'rejected') and not p_batch = any(c.batch_ids)
            then c.batch_ids || p_batch else c.batch_ids end;
end
$_$;

CREATE FUNCTION ops.check_quality() RETURNS TABLE(table_name text, batches integer, values_checked bigint, out_of_range bigint, proposed bigint, auto_approved bigint)
    LANGUAGE plpgsql
    SET jit TO 'off'
    AS $_$
declare
    t record;
    v_batches bigint[];
    v_keys text[];
    v_key_json text;
    v_series text;
    v_unpivot text;
    v_cols text[];
    v_auto bigint[];
    v_factor text;
    v_nestloop text;
    v_unpivot_scale text;
begin
    for t in
        select r."table", d.name as transform_name
        from (select distinct x."table" from ops.metric_range as x) as r
        join ops.transform_definition as d on d.kind = 'transform' and d.target = r."table"
        where to_regclass(r."table" || '_current') is not null
        order by r."table"
    loop
        select coalesce(array_agg(tb.batch_id order by tb.batch_id), '{}') into v_batches
        from ops.transform_batch as tb
        where tb.transform_name = t.transform_name
            and not exists (
                select 1 from ops.quality_check_batch as q
                where q.transform_name = tb.transform_name and q.batch_id = tb.batch_id
            );
        continue when cardinality(v_batches) = 0;

        v_keys := ops.metric_key_columns(t."table");
        select string_agg(format('%L, h.%I', k, k), ', ') into v_key_json from unnest(v_keys) as k;
        -- the company a value belongs to ('' for a table without symbols: the whole table is one series)
        v_series := case when 'symbol' = any (v_keys) then 'h.symbol::text' else '''''::text' end;
        -- a unit cutover of the table's fields: the factor of each value (else 1, no call per value)
        v_factor := case when exists (select 1 from ops.unit_cutover as u where u."table" = t."table")
            then format('ops.unit_factor(%L, v.col, h.vendor_as_of)', t."table") else '1' end;
        select array_agg(r."column" order by r."column"),
            string_agg(format('(%L, h.%I::numeric)', r."column", r."column"), ', ' order by r."column")
        into v_cols, v_unpivot
        from ops.metric_range as r
        join pg_attribute as a on a.attrelid = t."table"::regclass and a.attname = r."column" and not a.attisdropped
        where r."table" = t."table";
        -- the scale-checked columns only, for the history
        select string_agg(format('(%L, h.%I::numeric)', r."column", r."column"), ', ' order by r."column")
        into v_unpivot_scale
        from ops.metric_range as r
        join pg_attribute as a on a.attrelid = t."table"::regclass and a.attname = r."column" and not a.attisdropped
        where r."table" = t."table" and r.scale_check;

        -- the metric values of the versions the batches wrote (one row per key and version)
        drop table if exists _qc_value;
        execute format(
            $q$
            create temp table _qc_value on commit drop as
            select h.batch_id, h.batch_line as line, h.data_version, h.qc_series as series,
                h.qc_key as key, h.vendor_as_of,
                c.data_version is not null as is_current,
                v.col, v.value, v.value * %7$s as nv
            from (
                select distinct on (%4$s, h.data_version) h.*, %1$s as qc_series, jsonb_build_object(%2$s) as qc_key
                from %3$s as h
                where h.batch_id = any ($1)
                order by %4$s, h.data_version, h.array_element_index nulls first
            ) as h
            left join %3$s_current as c on %5$s and c.data_version = h.data_version
            cross join lateral (values %6$s) as v (col, value)
            where v.value is not null
            $q$,
            v_series, v_key_json, t."table",
            (select string_agg(format('h.%I', k), ', ') from unnest(v_keys) as k),
            (select string_agg(format('c.%1$I = h.%1$I', k), ' and ') from unnest(v_keys) as k),
            v_unpivot, v_factor
        ) using v_batches;
        analyze _qc_value;

        -- 1. out of range: flagged, kept
        insert into ops.quality_issue (batch_id, line, dataset, transform_name, rule, field, raw_value, identifier, detail)
        select q.batch_id, q.line, b.dataset, t.transform_name, 'out_of_range', q.col, q.value::text, nullif(q.series, ''),
            format('%s %s: %s = %s is outside [%s, %s] (%s)%s', t."table", q.key, q.col, q.value,
                coalesce(r.min::text, '-inf'), coalesce(r.max::text, 'inf'), r.unit,
                case when q.nv <> q.value then format(' (%s in today''s unit)', q.nv) else '' end)
        from _qc_value as q
        join ops.metric_range as r on r."table" = t."table" and r."column" = q.col
        join raw.batch as b on b.batch_id = q.batch_id
        where q.nv < r.min or q.nv > r.max;

        -- 2. scale errors of current values, against the range and the company's own history
        drop table if exists _qc_hist;
        -- right after a load the target's statistics are stale (a few rows
        -- estimated for thousands): a nested loop over them would compare
        -- every row with every symbol; hash joins do not care
        v_nestloop := current_setting('enable_nestloop');
        perform set_config('enable_nestloop', 'off', true);
        execute format(
            $q$
            create temp table _qc_hist on commit drop as
            select h.qc_series as series, h.qc_key as key, v.col,
                v.value * %6$s as nv
            from (
                select h.*, %1$s as qc_series, jsonb_build_object(%2$s) as qc_key
                from %3$s_latest as h
                where %5$s
            ) as h
            cross join lateral (values %4$s) as v (col, value)
            where v.value is not null
            $q$,
            v_series, v_key_json, t."table", coalesce(v_unpivot_scale, '(null::text, null::numeric)'),
            case when v_series = '''''::text' then 'true'
                else 'h.symbol in (select q.series from _qc_value as q where q.is_current)' end,
            v_factor
        );
        perform set_config('enable_nestloop', v_nestloop, true);
        create index on _qc_hist (series, col);
        analyze _qc_hist;

        -- suspects first (set-based): out of range, or more than 30x off the
        -- median of the whole series; only they get the exact history test
        drop table if exists _qc_suspect;
        create temp table _qc_suspect on commit drop as
        select q.*
        from _qc_value as q
        join ops.metric_range as r on r."table" = t."table" and r."column" = q.col and r.scale_check
        left join (
            select x.series, x.col, percentile_cont(0.5) within group (order by x.nv)::numeric as median
            from _qc_hist as x
            join ops.metric_range as r2 on r2."table" = t."table" and r2."column" = x.col
            where x.nv between coalesce(r2.min, x.nv) and coalesce(r2.max, x.nv)
            group by x.series, x.col
        ) as m on m.series = q.series and m.col = q.col
        where q.is_current and q.value is not null and q.nv <> 0
            and (q.nv < r.min or q.nv > r.max or m.median = 0 or abs(q.nv / m.median) not between 1 / 30.0 and 30);
        analyze _qc_suspect;

        with proposals as (
            insert into ops.correction ("table", key, "column", data_version, symbol, batch_id, line,
                old_value, new_value, factor, reason, history_median, history_count)
            select t."table", q.key, q.col, q.data_version, nullif(q.series, ''), q.batch_id, q.line,
                q.value, q.value * f.factor, f.factor,
                format('%s %s = %s (%s) is %s; x %s = %s is within [%s, %s] and within 3x of the median %s of its %s other periods',
                    q.key, q.col, q.value, r.unit,
                    case when q.nv < r.min or q.nv > r.max then format('outside [%s, %s]', r.min, r.max)
                        when abs(q.nv / hs.median) >= 1 then format('%sx its history median', round(abs(q.nv / hs.median), 1))
                        else format('1/%s of its history median', round(abs(hs.median / q.nv), 1)) end,
                    f.factor, q.value * f.factor, r.min, r.max, round(hs.median::numeric, 6), hs.n),
                hs.median, hs.n
            from _qc_suspect as q
            join ops.metric_range as r on r."table" = t."table" and r."column" = q.col and r.scale_check
            cross join lateral (
                select percentile_cont(0.5) within group (order by x.nv)::numeric as median, count(*)::integer as n
                from _qc_hist as x
                where x.series = q.series and x.col = q.col and x.key <> q.key
                    and x.nv between coalesce(r.min, x.nv) and coalesce(r.max, x.nv)
            ) as hs
            cross join (values (0.01::numeric), (100::numeric)) as f (factor)
            where q.is_current and q.value is not null and q.nv <> 0
                and hs.n >= 2 and hs.median <> 0
                and q.nv * f.factor between coalesce(r.min, q.nv * f.factor) and coalesce(r.max, q.nv * f.factor)
                and q.nv * f.factor / hs.median between 1 / 3.0 and 3
                and (q.nv < r.min or q.nv > r.max or abs(q.nv / hs.median) not between 1 / 30.0 and 30)
            on conflict ("table", key, "column", data_version) do nothing
            returning ops.correction.id, ops.correction."column"
        )
        select array_agg(p.id) into v_auto
        from proposals as p
        where exists (
            select 1 from ops.correction_rule as cr
            where cr."table" = t."table" and cr."column" in (p."column", '*') and cr.auto_approve
        );

        -- 3. what an operator rule approves
        if v_auto is not null then
            perform 1 from ops.apply_corrections(v_auto, 'rule', true);
        end if;

        -- 4. the score of each batch and symbol: values typed, untyped (a
        -- present value that did not type: a typing issue), out of range;
        -- a quarantined record counts as every metric column failing
        insert into ops.quality_score ("table", transform_name, batch_id, symbol, values_checked, values_passed,
            values_untyped, values_out_of_range, values_quarantined, score)
        select t."table", t.transform_name, s.batch_id, nullif(s.series, ''),
            sum(s.typed + s.untyped + s.quarantined), sum(s.typed - s.oor),
            sum(s.untyped), sum(s.oor), sum(s.quarantined),
            round(sum(s.typed - s.oor)::numeric / nullif(sum(s.typed + s.untyped + s.quarantined), 0), 4)
        from (
            select q.batch_id, q.series,
                count(q.value) as typed,
                count(*) filter (where q.nv < r.min or q.nv > r.max) as oor,
                0 as untyped, 0 as quarantined
            from _qc_value as q
            join ops.metric_range as r on r."table" = t."table" and r."column" = q.col
            group by q.batch_id, q.series
            union all
            select i.batch_id, coalesce(i.identifier, ''), 0, 0, count(*), 0
            from ops.quality_issue as i
            where i.batch_id = any (v_batches) and i.transform_name = t.transform_name
                and i.rule in ('bad_number', 'overflow') and i.field = any (v_cols)
            group by i.batch_id, i.identifier
            union all
            select z.batch_id, coalesce(z.payload ->> 'symbol', ''), 0, 0, 0, count(*) * cardinality(v_cols)
            from ops.quarantine as z
            where z.batch_id = any (v_batches) and z.transform_name = t.transform_name
            group by z.batch_id, coalesce(z.payload ->> 'symbol', '')
        ) as s
        group by s.batch_id, s.series;

        insert into ops.quality_check_batch (transform_name, batch_id)
        select t.transform_name, b from unnest(v_batches) as b;

        table_name := t."table";
        batches := cardinality(v_batches);
        select count(q.value), count(*) filter (where q.nv < r.min or q.nv > r.max)
        into values_checked, out_of_range
        from _qc_value as q
        join ops.metric_range as r on r."table" = t."table" and r."column" = q.col;
        select count(*), count(*) filter (where c.state = 'auto_approved') into proposed, auto_approved
        from ops.correction as c
        where c."table" = t."table" and c.batch_id = any (v_batches);
        return next;
    end loop;
end
$_$;

CREATE FUNCTION ops.check_schema(p_datasets text[]) RETURNS integer
    LANGUAGE plpgsql
    AS $$
declare
    v_ds text;
    b record;
    v_docs text;
    v_n integer := 0;
begin
    perform ops.ensure_schema_policies(p_datasets);

    -- one checker per dataset at a time
    for v_ds in select distinct x from unnest(p_datasets) as x order by 1 loop
        perform pg_advisory_xact_lock(hashtext('sra.schema'), hashtext(v_ds));
    end loop;

    -- the transform reads the fields now: open changes it covers are closed
    update ops.schema_change as c
    set state = 'learned', decided_by = 'transform', decided_at = now(),
        reason = format('transform %s reads %s as %s', k.transform_name, k.field, k.type_class)
    from ops.dataset_field as k
    where c.state = 'open'
        and c.dataset = any(p_datasets)
        and k.dataset = c.dataset
        and k.field = c.field
        and k.known_by = 'transform'
        and (c.change in ('new', 'renamed')
            or (c.change = 'retyped' and ops.class_fits(k.type_class, k.kind, c.new_type)));

    for b in
        select rb.batch_id, rb.dataset, rb.format
        from raw.batch as rb
        where rb.dataset = any(p_datasets)
            and rb.status = 'landed'
            and exists (select 1 from ops.dataset_field as k where k.dataset = rb.dataset and k.known_by = 'transform')
            and not exists (select 1 from ops.schema_check as sc where sc.batch_id = rb.batch_id)
            and not exists (select 1 from ops.transform_batch as t where t.batch_id = rb.batch_id)
        order by rb.batch_id
    loop
        select coalesce(min(f.docs) filter (where b.format = 'json'), 'select 0, s.payload')
        into v_docs
        from ops.stage_fields as f
        join ops.transform_definition as d on d.name = f.transform_name
        where b.dataset = any(d.datasets);

        perform ops.check_batch(b.batch_id, b.dataset, v_docs);
        v_n := v_n + 1;
    end loop;
    return v_n;
end
$$;

CREATE FUNCTION ops.class_fits(p_expected text, p_kind text, p_observed text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$
    select p_observed is null
        or p_observed = 'mixed'
        or p_expected is null
        or p_observed = p_expected
        or (p_expected = 'text' and p_observed in ('number', 'date', 'boolean'))
        or (p_expected = 'object' and p_observed = 'array')
        or (p_expected = 'boolean' and p_observed = 'number')
        or (p_kind in ('ts', 'ts_new_york') and p_observed = 'number')
        or p_kind = 'json'
$$;

CREATE FUNCTION ops.correction_current(p_table text, p_key jsonb, p_column text) RETURNS TABLE(data_version integer, value numeric, correction_id bigint)
    LANGUAGE plpgsql STABLE
    AS $_$
begin
    return query execute format(
        'select h.data_version, h.%I::numeric, (to_jsonb(h) ->> ''correction_id'')::bigint
         from %s_current as c join %s as h on %s and h.data_version = c.data_version
         where %s limit 1',
        p_column, p_table, p_table,
        (select string_agg(format('h.%1$I = c.%1$I', k), ' and ') from unnest(ops.metric_key_columns(p_table)) as k),
        ops.metric_key_match(p_table, 'c', '$1'))
        using p_key;
end
$_$;

CREATE FUNCTION ops.cron_hours(p_schedule text) RETURNS integer[]
    LANGUAGE plpgsql IMMUTABLE STRICT
    AS $_$
declare
    v_fields text[] := regexp_split_to_array(btrim(p_schedule), '\s+');
    v_field text;
    v_part text;
    v_m text[];
    v_from integer;
    v_to integer;
    v_step integer;
    v_hours integer[] := '{}';
begin
    if cardinality(v_fields) not in (5, 6) then
        raise exception 'not a cron expression: "%"', p_schedule using errcode = '22023';
    end if;
    v_field := v_fields[cardinality(v_fields) - 3];
    foreach v_part in array string_to_array(v_field, ',') loop
        v_m := regexp_match(v_part, '^(\*|(\d+)(?:-(\d+))?)(?:/(\d+))?$');
        if v_m is null then
            raise exception 'not a cron hour field: "%" in "%"', v_field, p_schedule using errcode = '22023';
        end if;
        v_from := case when v_m[1] = '*' then 0 else v_m[2]::integer end;
        v_to := case when v_m[1] = '*' then 23 when v_m[3] is not null then v_m[3]::integer
            when v_m[4] is not null then 23 else v_from end;
        v_step := coalesce(v_m[4]::integer, 1);
        v_hours := v_hours || array(select generate_series(v_from, least(v_to, 23), greatest(v_step, 1)));
    end loop;
    return array(select distinct h from unnest(v_hours) as h order by h);
end
$_$;

CREATE FUNCTION ops.detect_gaps(p_as_of date DEFAULT NULL::date, p_full boolean DEFAULT false) RETURNS TABLE(dataset text, series integer, missing_sessions integer, opened integer, filled integer, stale integer)
    LANGUAGE plpgsql
    SET jit TO 'off'
    AS $_$
#variable_conflict use_column
declare
    v_as_of date := coalesce(p_as_of, core.last_completed_session('NYSE'));
    v_active integer := coalesce((select s.value::integer from ops.setting as s where s.name = 'gap_active_sessions'), 10);
    v_as_of_sn integer;
    v_src record;
    v_keys text;
    v_pred text;
    v_stats text;
    v_open boolean[];
    v_base date;
begin
    -- one detection at a time: two would open the same windows
    perform pg_advisory_xact_lock(hashtext('sra.detect_gaps'));
    -- a second run in the same transaction starts from scratch
    if to_regclass('pg_temp._day') is not null then
        drop table _day, _keys, _pair, _series, _missing, _new, _counts;
    end if;

    -- the calendar's session numbers (core.exchange_calendar.session_no)
    create temp table _day on commit drop as
    select c.date, c.is_open, c.session_no as sn
    from core.exchange_calendar as c
    where c.exchange = 'NYSE';
    alter table _day add primary key (date);
    create index on _day (sn) where is_open;
    analyze _day;
    -- whether each day is a session, indexed by day (v_open[date - v_base]):
    -- the one pass over every price of a first read looks it up per row
    -- without a join (a day outside the calendar is no session)
    select array_agg(d.is_open order by d.date), min(d.date) - 1 into v_open, v_base from _day as d;

    v_as_of_sn := (select d.sn from _day as d where d.date = v_as_of);
    if v_as_of_sn is null then
        perform core.exchange_calendar_check('NYSE', v_as_of, v_as_of);
    end if;

    -- The series of each table: distinct keys by skipping through the primary
    -- key (key, date), first and latest date by index probes. Where to start
    -- reading each series' dates (scan_from):
    -- - a series detection saw before with the same first date: its last
    --   latest date, or the date before its oldest open request (and a fund's
    --   21st newest date, for its cadence): new gaps can only come after what
    --   was read before (rows are added, not removed), and a fund's open
    --   requests are read again to close the filled ones (a price request is
    --   filled when each of its sessions has a row); nothing when its latest
    --   date has not moved (and, for a fund, nothing is open);
    -- - a new series of prices (or p_full) that holds as many sessions as
    --   there are between its first and latest date (session numbers:
    --   sn(latest) - sn(first) + 1; a row on a day that is not a session is
    --   not counted, so it never hides a missing one): no hole, only its
    --   latest date is read (for its batch);
    -- - otherwise all of it, to locate the missing sessions.
    create temp table _counts (dataset text primary key, opened integer not null default 0, filled integer not null default 0) on commit drop;
    create temp table _keys (
        kind text, dataset text, key text collate "C", first_date date, latest_date date, scan_from date
    ) on commit drop;
    create temp table _pair (
        kind text, dataset text, key text collate "C", prev date, date date, is_last boolean, batch_id bigint,
        rn bigint, n bigint, prev_sn integer, before_sn integer, sn integer
    ) on commit drop;
    for v_src in
        select * from (values
            ('equity', 'fmp.equity_price', 'core.equity_quotes_current', 'symbol'),
            ('etf', 'fmp.etf_price', 'core.etfs_quotes_current', 'symbol'),
            ('treasury', 'fmp.treasury', 'core.treasury_current', null),
            ('fund', 'fundata.quotes', 'core.fundata_quotes_current', 'identifier')
        ) as x (kind, dataset, tbl, keycol)
    loop
        v_keys := case when v_src.keycol is null
            then format('select ''treasury''::text as key where exists (select 1 from %s)', v_src.tbl)
            else format(
                'with recursive r (key) as (select min(%2$I) from %1$s union all select (select min(q.%2$I) from %1$s as q where q.%2$I > r.key) from r where r.key is not null) select r.key from r where r.key is not null',
                v_src.tbl, v_src.keycol)
        end;
        v_pred := case when v_src.keycol is null then 'true' else format('q.%I = k.key', v_src.keycol) end;
        -- a dataset read for the first time (or p_full): one aggregate pass
        -- over every row up to as_of for each series' first and latest date
        -- and the sessions it holds (parallel; no join and no function call
        -- per row: v_open tells a session); else the series by skipping
        -- through the primary key and index probes for their dates
        if p_full or not exists (select 1 from ops.series_state as st where st.dataset = v_src.dataset) then
            if to_regclass('pg_temp._stats') is not null then
                drop table _stats;
            end if;
            execute format(
                'create temp table _stats on commit drop as'
                ' select %1$s as key, min(q.date) as first_date, max(q.date) as latest_date,'
                ' count(*) filter (where $1[q.date - $2]) as cnt'
                ' from %2$s as q where q.date <= %3$L group by 1',
                case when v_src.keycol is null then '''treasury''::text' else format('q.%I', v_src.keycol) end,
                v_src.tbl, v_as_of) using v_open, v_base;
            v_stats := 'select s.key, s.first_date, s.latest_date, s.cnt from _stats as s';
        else
            v_stats := format(
                'select k.key, f.d as first_date, l.d as latest_date, null::bigint as cnt from (%1$s) as k'
                ' cross join lateral (select min(q.date) as d from %2$s as q where %3$s) as f'
                ' cross join lateral (select max(q.date) as d from %2$s as q where %3$s and q.date <= $1) as l',
                v_keys, v_src.tbl, v_pred);
        end if;
        execute format($q$
            insert into _keys (kind, dataset, key, first_date, latest_date, scan_from)
            select %1$L, %2$L, k.key, k.first_date, k.latest_date,
                case
                    -- seen before, nothing new, nothing open: nothing to read
                    when st.key is not null and st.first_date = k.first_date and not $2
                        and st.latest_date = k.latest_date and (%1$L <> 'fund' or o.open_from is null) then null
                    -- seen before, prices: from the latest date read before
                    -- (rows are only added: it is still there)
                    when st.key is not null and st.first_date = k.first_date and not $2 and %1$L <> 'fund'
                        then least(st.latest_date, k.latest_date)
                    when st.key is not null and st.first_date = k.first_date and not $2 then coalesce(
                        (select max(q.date) from %3$s as q
                         where %4$s and q.date < least(st.latest_date + 1, case when %1$L = 'fund' then o.open_from end, w.fund21)),
                        k.first_date)
                    when %1$L <> 'fund'
                        and coalesce(k.cnt, (select count(*) from %3$s as q join _day as d on d.date = q.date and d.is_open
                                             where %4$s and q.date <= $1))
                        = (select dl.sn from _day as dl where dl.date = k.latest_date)
                            - (select df.sn - (case when df.is_open then 1 else 0 end) from _day as df where df.date = k.first_date)
                        then k.latest_date
                    else k.first_date
                end
            from (%5$s) as k
            left join ops.series_state as st on st.dataset = %2$L and st.key = k.key
            left join lateral (
                select min(r.from_date) as open_from from ops.backfill_request as r
                where r.dataset = %2$L and r.key = k.key and r.state = 'open'
            ) as o on true
            left join lateral (
                select q.date as fund21 from %3$s as q
                where %1$L = 'fund' and %4$s and q.date <= $1 order by q.date desc offset 20 limit 1
            ) as w on true
            where k.latest_date is not null
        $q$, v_src.kind, v_src.dataset, v_src.tbl, v_pred, v_stats) using v_as_of, p_full;

        -- a price or treasury request is filled when each of its sessions has
        -- a row (its dates are not read again: an index-only count)
        if v_src.kind <> 'fund' then
            execute format($q$
                with f as (
                    update ops.backfill_request as r
                    set state = 'filled', closed_reason = 'every session of the window arrived', closed_at = now(), updated_at = now()
                    where r.dataset = %1$L and r.state = 'open'
                        and (select count(*) from %2$s as q join _day as d on d.date = q.date and d.is_open
                             where %3$s and q.date between r.from_date and r.to_date) = r.sessions
                    returning r.dataset
                )
                insert into _counts (dataset, filled) select f.dataset, count(*) from f group by f.dataset
            $q$, v_src.dataset, v_src.tbl, replace(v_pred, 'k.key', 'r.key'));
        end if;

        -- a price series read from scan_from: its latest row (one probe, for
        -- its batch), then, when there is more than that row to read, each
        -- date with a session between it and the date before (lag() over an
        -- index-only scan of the primary key: a weekend or holiday is no gap)
        execute format($q$
            insert into _pair
            select k.kind, k.dataset, k.key, null, q.date, true, q.batch_id, null, null,
                null, d.sn - (case when d.is_open then 1 else 0 end), d.sn
            from _keys as k
            join %3$s as q on %4$s and q.date = k.latest_date
            left join _day as d on d.date = q.date
            where k.dataset = %2$L and k.kind <> 'fund' and k.scan_from is not null
        $q$, v_src.kind, v_src.dataset, v_src.tbl, v_pred);
        execute format($q$
            insert into _pair
            select k.kind, k.dataset, k.key, p.prev, p.date, false, null, null, null,
                dp.sn, d.sn - (case when d.is_open then 1 else 0 end), d.sn
            from _keys as k
            cross join lateral (
                select q.date, lag(q.date) over (order by q.date) as prev
                from %3$s as q
                where %4$s and q.date >= k.scan_from and q.date <= $1
            ) as p
            join _day as d on d.date = p.date
            join _day as dp on dp.date = p.prev
            where k.dataset = %2$L and k.kind <> 'fund' and k.scan_from < k.latest_date
                and p.date - p.prev > 1 and d.sn - (case when d.is_open then 1 else 0 end) > dp.sn
        $q$, v_src.kind, v_src.dataset, v_src.tbl, v_pred) using v_as_of;
        -- a fund's rows from scan_from: its last row, its latest 21 (for its
        -- cadence), and every pair of consecutive dates with a session
        -- between them
        execute format($q$
            insert into _pair
            select k.kind, k.dataset, k.key, p.prev, p.date, p.is_last, p.batch_id, p.rn, p.n,
                dp.sn, d.sn - (case when d.is_open then 1 else 0 end), d.sn
            from _keys as k
            cross join lateral (
                select q.date, q.batch_id, lag(q.date) over w as prev, lead(q.date) over w is null as is_last,
                    row_number() over w as rn, count(*) over () as n
                from %3$s as q
                where %4$s and q.date >= k.scan_from and q.date <= $1
                window w as (order by q.date)
            ) as p
            left join _day as d on d.date = p.date
            left join _day as dp on dp.date = p.prev
            where k.dataset = %2$L and k.kind = 'fund' and k.scan_from is not null
                and (p.is_last
                    or p.n - p.rn < 21
                    or (p.date - p.prev > 1 and d.sn - (case when d.is_open then 1 else 0 end) > dp.sn))
        $q$, v_src.kind, v_src.dataset, v_src.tbl, v_pred) using v_as_of;
    end loop;
    analyze _pair;

    -- the series: first and latest date, cadence (funds: override, else the
    -- median spacing in sessions of the latest 20 dates)
    insert into ops.fund_cadence as f (identifier, inferred_sessions, sample, computed_at)
    select p.key, greatest(percentile_disc(0.5) within group (order by p.sn - p.prev_sn), 1)::integer,
        count(*)::integer, now()
    from _pair as p
    where p.kind = 'fund' and p.prev_sn is not null and p.sn is not null and p.n - p.rn < 20
    group by p.key
    on conflict (identifier) do update
        set inferred_sessions = excluded.inferred_sessions, sample = excluded.sample, computed_at = excluded.computed_at;

    create temp table _series on commit drop as
    select s.*,
        -- active: near enough to the last session to be worth requesting
        s.behind <= v_active + 2 * (s.cadence - 1) as active
    from (
        select k.kind, k.dataset, k.key, k.first_date, k.latest_date, coalesce(lb.batch_id, st.latest_batch_id) as latest_batch_id,
            v_as_of_sn - (select d.sn from _day as d where d.date = k.latest_date) as behind,
            case when k.kind = 'fund' then coalesce(
                (select o.cadence_sessions from ops.fund_cadence_override as o where o.identifier = k.key),
                (select c.inferred_sessions from ops.fund_cadence as c where c.identifier = k.key),
                1) else 1 end as cadence
        from _keys as k
        left join _pair as lb on lb.dataset = k.dataset and lb.key = k.key and lb.is_last
        left join ops.series_state as st on st.dataset = k.dataset and st.key = k.key
    ) as s;
    alter table _series add primary key (dataset, key);

    -- missing sessions: internal gaps of active series, then behind the latest
    create temp table _missing on commit drop as
    select case when s.kind = 'fund' then 'fundata' else 'fmp' end as source, s.dataset, s.key, g.sn, x.date,
        'internal_gap'::text as reason
    from _pair as p
    join _series as s on s.dataset = p.dataset and s.key = p.key
    cross join lateral generate_series(p.prev_sn + 1, p.before_sn) as g (sn)
    join _day as x on x.sn = g.sn and x.is_open
    where s.active
        and p.before_sn - p.prev_sn > (case when s.kind = 'fund' then floor(1.5 * s.cadence)::integer - 1 else 0 end)
    union all
    select case when s.kind = 'fund' then 'fundata' else 'fmp' end, s.dataset, s.key, g.sn, x.date, 'behind_latest'
    from _series as s
    cross join lateral generate_series(v_as_of_sn - s.behind + 1, v_as_of_sn) as g (sn)
    join _day as x on x.sn = g.sn and x.is_open
    where s.behind >= 1
        and s.active
        and (s.kind <> 'fund' or s.behind > s.cadence + 1);
    create index on _missing (dataset, key, date);
    analyze _missing;

    -- open fund requests none of whose sessions is missing any more
    with f as (
        update ops.backfill_request as r
        set state = 'filled', closed_reason = 'every session of the window arrived', closed_at = now(), updated_at = now()
        from _series as s
        where r.state = 'open' and r.dataset = s.dataset and r.key = s.key and s.kind = 'fund'
            and (s.latest_date >= r.to_date or s.active)
            and not exists (
                select 1 from _missing as m
                where m.dataset = r.dataset and m.key = r.key and m.date between r.from_date and r.to_date
            )
        returning r.dataset
    )
    insert into _counts (dataset, filled) select f.dataset, count(*) from f group by f.dataset;

    -- missing sessions no request covers yet, as windows of consecutive sessions
    create temp table _new on commit drop as
    select m.*
    from _missing as m
    where not exists (
        select 1 from ops.backfill_request as r
        where r.dataset = m.dataset and r.key = m.key and r.state <> 'filled'
            and m.date between r.from_date and r.to_date
    );
    with o as (
        insert into ops.backfill_request (source, dataset, key, from_date, to_date, sessions, reason)
        select w.source, w.dataset, w.key, min(w.date), max(w.date), count(*),
            case when bool_or(w.reason = 'behind_latest') then 'behind_latest' else 'internal_gap' end
        from (select n.*, n.sn - row_number() over (partition by n.dataset, n.key order by n.sn) as island from _new as n) as w
        group by w.source, w.dataset, w.key, w.island
        returning dataset
    )
    insert into _counts as c (dataset, opened) select o.dataset, count(*) from o group by o.dataset
    on conflict (dataset) do update set opened = excluded.opened;

    -- what the freshness view reads
    delete from ops.series_state as st
    where not exists (select 1 from _series as s where s.dataset = st.dataset and s.key = st.key);
    insert into ops.series_state as st (kind, dataset, key, first_date, latest_date, latest_batch_id, cadence_sessions, checked_at)
    select s.kind, s.dataset, s.key, s.first_date, s.latest_date, s.latest_batch_id, s.cadence, now()
    from _series as s
    on conflict (dataset, key) do update
        set kind = excluded.kind, first_date = excluded.first_date, latest_date = excluded.latest_date,
            latest_batch_id = excluded.latest_batch_id, cadence_sessions = excluded.cadence_sessions,
            checked_at = excluded.checked_at;

    -- a stale series: one quality issue per series and latest date
    insert into ops.quality_issue (batch_id, dataset, transform_name, rule, field, raw_value, identifier, detail)
    select s.latest_batch_id, s.dataset, null, 'stale_series', 'date', s.latest_date::text, s.key,
        format('%s %s: latest date %s is %s sessions behind %s (stale after %s)',
            s.kind, s.key, s.latest_date, s.behind, v_as_of,
            ops.stale_allowed_sessions(s.kind, s.cadence))
    from _series as s
    where s.behind > ops.stale_allowed_sessions(s.kind, s.cadence)
        and not exists (
            select 1 from ops.quality_issue as q
            where q.rule = 'stale_series' and q.dataset = s.dataset and q.identifier = s.key
                and q.raw_value = s.latest_date::text
        );

    return query
    select s.dataset, count(*)::integer,
        coalesce((select count(*) from _missing as m where m.dataset = s.dataset), 0)::integer,
        coalesce(max(c.opened), 0)::integer,
        coalesce(max(c.filled), 0)::integer,
        (count(*) filter (where s.behind > ops.stale_allowed_sessions(s.kind, s.cadence)))::integer
    from _series as s
    left join _counts as c on c.dataset = s.dataset
    group by s.dataset
    order by s.dataset;
end
$_$;

CREATE FUNCTION ops.ensure_schema_policies(p_datasets text[]) RETURNS void
    LANGUAGE sql
    AS $$
    insert into ops.schema_policy (dataset, policy, reason, decided_by)
    select ds, case when ds like 'fundata.%' then 'hold' else 'pass_and_report' end,
        'default for the source', 'default'
    from unnest(p_datasets) as ds
    on conflict (dataset) do nothing
$$;

CREATE FUNCTION ops.fmp_analytics_from(p_to date DEFAULT NULL::date, p_sessions integer DEFAULT 300) RETURNS date
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_last date;
    v_from date;
    v_n integer;
begin
    begin
        v_last := core.last_completed_session('NYSE');
    exception when data_exception then
        return null;
    end;
    select max(c.date) into v_last
    from core.exchange_calendar as c
    where c.exchange = 'NYSE' and c.is_open and c.date <= least(v_last, coalesce(p_to, v_last));
    select min(s.date), count(*) into v_from, v_n
    from (
        select c.date from core.exchange_calendar as c
        where c.exchange = 'NYSE' and c.is_open and c.date <= v_last
        order by c.date desc
        limit p_sessions
    ) as s;
    return case when v_n = p_sessions then v_from end;
end
$$;

CREATE FUNCTION ops.fmp_analytics_symbols() RETURNS TABLE(symbol text, reason text, kind text, short_history boolean)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    select r.symbol,
        string_agg(r.reason, ',' order by r.reason),
        case
            when bool_or(r.reason = 'factor')
                or exists (select 1 from core.etfs_profile as e where e.symbol = r.symbol)
                or exists (select 1 from core.equity_profile as q where q.symbol = r.symbol and q.is_etf)
            then 'etf'
            else 'equity'
        end,
        (select count(*) from core.equity_quotes_current as q where q.symbol = r.symbol)
            + (select count(*) from core.etfs_quotes_current as q where q.symbol = r.symbol)
            < min(r.history_days)
    from ops.analytics_required_symbols() as r
    where r.symbol is not null
    group by r.symbol
    order by r.symbol
$$;

CREATE FUNCTION ops.fundata_api_fromdate(p_datasets text[], p_field text) RETURNS date
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
begin
    if p_field is null or p_field not in ('Date', 'ChangeDate') then
        raise exception 'the Fundata API cursor reads the Date or ChangeDate field, not "%"', p_field
            using errcode = '22023';
    end if;
    if p_datasets is null or exists (select 1 from unnest(p_datasets) as d where d is null or d not like 'fundata.%') then
        raise exception 'the Fundata API cursor reads Fundata datasets only'
            using errcode = '42501';
    end if;

    insert into ops.batch_newest_date (batch_id, field, dataset, newest_date)
    select
        b.batch_id,
        p_field,
        b.dataset,
        (
            select max(d.value)
            from (
                select core.parse_date(r.payload ->> p_field) as value
                from raw.record as r
                where r.batch_id = b.batch_id
            ) as d
            where d.value <= (b.landed_at at time zone 'UTC')::date + 1
        )
    from raw.batch as b
    where b.dataset = any(p_datasets)
        and b.status = 'landed'
        and not exists (
            select 1
            from ops.batch_newest_date as c
            where c.batch_id = b.batch_id and c.field = p_field
        )
    on conflict do nothing;

    return (
        select max(c.newest_date) + 1
        from ops.batch_newest_date as c
        where c.dataset = any(p_datasets) and c.field = p_field
    );
end
$$;

CREATE FUNCTION ops.install_cron_jobs() RETURNS text
    LANGUAGE plpgsql
    AS $_$
declare
    v_preloaded boolean;
    v_cron_db text;
    j record;
begin
    if not exists (select 1 from pg_extension where extname = 'pg_cron') then
        begin
            v_preloaded := 'pg_cron' = any(string_to_array(
                replace(coalesce(current_setting('shared_preload_libraries', true), ''), ' ', ''), ','));
            v_cron_db := current_setting('cron.database_name', true);
        exception when insufficient_privilege then
            update ops.scheduled_job set cron_job_id = null, installed_at = null;
            return format('%s may not read shared_preload_libraries (grant pg_read_all_settings): the worker runs the jobs', current_user);
        end;
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
$_$;

CREATE FUNCTION ops.invalidate_api_usage() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'ops'
    AS $$
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

CREATE FUNCTION ops.is_stale(p_kind text, p_key text, p_date date, p_last_session date DEFAULT NULL::date) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    select p_date < ops.stale_cutoff(p_kind,
        case when p_kind = 'fund' then coalesce(
            (select o.cadence_sessions from ops.fund_cadence_override as o where o.identifier = p_key),
            (select f.inferred_sessions from ops.fund_cadence as f where f.identifier = p_key),
            1) end,
        coalesce(p_last_session, core.last_completed_session('NYSE')))
$$;

CREATE FUNCTION ops.last_session() RETURNS date
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    select core.last_completed_session('NYSE')
$$;

CREATE FUNCTION ops.learn_stage_fields(p_names text[]) RETURNS integer
    LANGUAGE plpgsql
    AS $_$
declare
    v_name text;
    v_n integer := 0;
begin
    for v_name in
        select d.name
        from ops.transform_definition as d
        left join ops.stage_fields as f on f.transform_name = d.name
        where d.kind = 'transform'
            and d.name = any(p_names)
            and f.version is distinct from d.version
        order by d.name
    loop
        begin
            execute format('select * from core.%I($1, $2)', 'transform_' || v_name)
                using '{}'::bigint[], null::bigint;
            -- a transform that does not stage reads no known field: noted empty
            insert into ops.stage_fields as f (transform_name, version, fields)
            select d.name, d.version, '{}' from ops.transform_definition as d where d.name = v_name
            on conflict (transform_name) do update
            set version = excluded.version, fields = excluded.fields, docs = null, noted_at = now()
            where f.version is distinct from excluded.version;
            v_n := v_n + 1;
        exception when others then
            raise warning 'schema drift: the fields of transform % could not be noted: %', v_name, sqlerrm;
        end;
    end loop;
    return v_n;
end
$_$;

CREATE FUNCTION ops.market_closure_apply() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    perform core.build_exchange_calendar(x.exchange, x.date, x.date)
    from (select n.exchange, n.date from new_rows as n union select o.exchange, o.date from old_rows as o) as x
    where exists (select from core.exchange_calendar as c where c.exchange = x.exchange and c.date = x.date);
    return null;
end
$$;

CREATE FUNCTION ops.market_closure_apply_delete() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    perform core.build_exchange_calendar(x.exchange, x.date, x.date)
    from (select distinct o.exchange, o.date from old_rows as o) as x
    where exists (select from core.exchange_calendar as c where c.exchange = x.exchange and c.date = x.date);
    return null;
end
$$;

CREATE FUNCTION ops.market_closure_apply_insert() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    perform core.build_exchange_calendar(x.exchange, x.date, x.date)
    from (select distinct n.exchange, n.date from new_rows as n) as x
    where exists (select from core.exchange_calendar as c where c.exchange = x.exchange and c.date = x.date);
    return null;
end
$$;

CREATE FUNCTION ops.metric_key_columns(p_table text) RETURNS text[]
    LANGUAGE sql STABLE
    AS $$
    select array_agg(a.attname::text order by k.ord)
    from pg_index as i
    cross join lateral unnest(i.indkey::int2[]) with ordinality as k (attnum, ord)
    join pg_attribute as a on a.attrelid = i.indrelid and a.attnum = k.attnum
    where i.indrelid = to_regclass(p_table || '_current') and i.indisprimary
$$;

CREATE FUNCTION ops.metric_key_match(p_table text, p_alias text, p_param text) RETURNS text
    LANGUAGE sql STABLE
    AS $$
    select string_agg(format('%s.%I = (%s ->> %L)::%s', p_alias, a.attname, p_param, a.attname,
        format_type(a.atttypid, a.atttypmod)), ' and ' order by a.attnum)
    from pg_attribute as a
    where a.attrelid = p_table::regclass
        and a.attname::text = any (ops.metric_key_columns(p_table))
$$;

CREATE FUNCTION ops.metric_value_in_unit(p_table text) RETURNS TABLE(key jsonb, "column" text, vendor_as_of timestamp with time zone, value numeric, value_in_unit numeric, unit text)
    LANGUAGE plpgsql STABLE
    AS $_$
begin
    return query execute format(
        $q$
        select jsonb_build_object(%1$s), v.col, h.vendor_as_of, v.value,
            v.value * ops.unit_factor(%2$L, v.col, h.vendor_as_of), r.unit
        from %2$s_latest as h
        cross join lateral (values %3$s) as v (col, value)
        join ops.metric_range as r on r."table" = %2$L and r."column" = v.col
        $q$,
        (select string_agg(format('%L, h.%I', k, k), ', ') from unnest(ops.metric_key_columns(p_table)) as k),
        p_table,
        (select string_agg(format('(%L, h.%I::numeric)', r."column", r."column"), ', ')
         from ops.metric_range as r
         join pg_attribute as a on a.attrelid = p_table::regclass and a.attname = r."column" and not a.attisdropped
         where r."table" = p_table)
    );
end
$_$;

CREATE FUNCTION ops.new_york_close_due(p_at timestamp with time zone DEFAULT now(), p_local time without time zone DEFAULT '16:30:00'::time without time zone) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
    select (p_at at time zone 'America/New_York')::time >= p_local
        and (p_at at time zone 'America/New_York')::time < p_local + interval '1 hour'
$$;

CREATE FUNCTION ops.note_stage_fields(p_transform text, p_fields text[], p_docs text) RETURNS void
    LANGUAGE plpgsql
    AS $$
declare
    v_version integer;
begin
    select d.version into v_version from ops.transform_definition as d where d.name = p_transform;
    if exists (
        select 1 from ops.stage_fields as f
        where f.transform_name = p_transform
            and f.version is not distinct from v_version
            and f.fields = p_fields
            and f.docs is not distinct from p_docs
    ) then
        return;
    end if;
    insert into ops.stage_fields as f (transform_name, version, fields, docs)
    values (p_transform, v_version, p_fields, p_docs)
    on conflict (transform_name) do update
    set version = excluded.version, fields = excluded.fields, docs = excluded.docs, noted_at = now();
end
$$;

CREATE FUNCTION ops.pending_batches(p_name text) RETURNS bigint[]
    LANGUAGE sql STABLE
    AS $$
    select coalesce(array_agg(b.batch_id order by b.batch_id), '{}')
    from ops.transform_definition as d
    join raw.batch as b
        on b.dataset = any(d.datasets)
        and b.status = 'landed'
    where d.name = p_name
        and not exists (
            select 1
            from ops.transform_batch as t
            where t.transform_name = p_name
                and t.batch_id = b.batch_id
        )
        and not exists (
            select 1
            from ops.transform_batch_failure as f
            where f.transform_name = p_name
                and f.batch_id = b.batch_id
                and f.state = 'failed'
        )
        and not exists (
            select 1
            from ops.held_batch as h
            where h.batch_id = b.batch_id
        )
$$;

CREATE FUNCTION ops.rebuild_transform(p_name text) RETURNS TABLE(transform_name text, batches integer, rows_in bigint, rows_out bigint, issues bigint, quarantined bigint, skipped boolean, failed_batches bigint[], error text)
    LANGUAGE plpgsql
    AS $$
declare
    d ops.transform_definition;
    v_current regclass;
begin
    select * into d
    from ops.transform_definition as td
    where td.name = p_name and td.kind = 'transform';
    if not found then
        raise exception 'unknown transform "%"', p_name;
    end if;
    perform pg_advisory_xact_lock(hashtext('sra.transform'), hashtext(p_name));
    execute format('delete from %s', d.target);
    for v_current in
        select c.oid::regclass
        from pg_class as c
        where c.relnamespace = (select t.relnamespace from pg_class as t where t.oid = d.target::regclass)
            and c.relkind in ('r', 'p')
            and (c.relname = (select t.relname from pg_class as t where t.oid = d.target::regclass) || '_current'
                or starts_with(c.relname, (select t.relname from pg_class as t where t.oid = d.target::regclass) || '_current_'))
    loop
        execute format('delete from %s', v_current);
    end loop;
    delete from ops.transform_batch as t where t.transform_name = p_name;
    delete from ops.quality_issue as q where q.transform_name = p_name;
    delete from ops.quarantine as q where q.transform_name = p_name;
    -- the rebuilt batches are checked again (ranges, scale errors, scores: ops.check_quality)
    delete from ops.quality_check_batch as q where q.transform_name = p_name;
    update ops.transform_batch_failure as f
    set state = 'retry', attempts = f.attempts + 1
    where f.transform_name = p_name and f.state = 'failed';
    update ops.transform_definition as td set needs_rebuild = false where td.name = p_name;
    return query select * from ops.run_transform(p_name, true);
    -- approved corrections of the rebuilt versions are written again (docs/CORRECTIONS.md)
    perform ops.replay_corrections(d.target);
end
$$;

CREATE FUNCTION ops.record_batch_failure(p_name text, p_batch bigint, p_sqlstate text, p_message text, p_detail text DEFAULT NULL::text, p_context text DEFAULT NULL::text) RETURNS void
    LANGUAGE sql
    AS $$
    insert into ops.transform_batch_failure (transform_name, batch_id, error, detail, state)
    values (
        p_name,
        p_batch,
        left(coalesce(p_message, 'unknown error'), 1000),
        left(concat_ws(E'\n', 'SQLSTATE ' || p_sqlstate, nullif(p_detail, ''), nullif(p_context, '')), 2000),
        'failed'
    )
    on conflict (transform_name, batch_id) do update
    set error = excluded.error,
        detail = excluded.detail,
        failed_at = excluded.failed_at,
        state = 'failed'
$$;

CREATE FUNCTION ops.reject_corrections(p_ids bigint[], p_by text) RETURNS TABLE(id bigint, outcome text)
    LANGUAGE sql
    AS $$
    with done as (
        update ops.correction as x set state = 'rejected', decided_at = now(), decided_by = p_by
        where x.id = any (p_ids) and x.state = 'proposed'
        returning x.id
    )
    select i.id, case
            when d.id is not null then 'rejected'
            when c.id is null then 'no such correction'
            else format('not rejected: the correction is %s', c.state) end
    from unnest(p_ids) as i (id)
    left join done as d on d.id = i.id
    left join ops.correction as c on c.id = i.id
$$;

CREATE FUNCTION ops.reject_schema_changes(p_dataset text, p_reason text, p_by text DEFAULT CURRENT_USER, p_fields text[] DEFAULT NULL::text[]) RETURNS TABLE(schema_change_id bigint, field text, change text, batch_ids bigint[])
    LANGUAGE plpgsql
    AS $$
begin
    if core.is_blank(p_reason) then
        raise exception 'a reason is required to reject the schema changes of %', p_dataset
            using errcode = 'invalid_parameter_value';
    end if;
    return query
    update ops.schema_change as c
    set state = 'rejected', decided_by = p_by, decided_at = now(), reason = p_reason
    where c.dataset = p_dataset and c.state = 'open'
        and (p_fields is null or c.field = any(p_fields))
    returning c.schema_change_id, c.field, c.change, c.batch_ids;
end
$$;

CREATE FUNCTION ops.replay_corrections(p_table text) RETURNS integer
    LANGUAGE plpgsql
    AS $$
declare
    c ops.correction;
    cur record;
    v_new integer;
    v_written integer := 0;
    v_replayed bigint[] := '{}';
begin
    for c in
        select * from ops.correction as x
        where x."table" = p_table and x.state in ('approved', 'auto_approved')
        order by x.id
        for update
    loop
        select * into cur from ops.correction_current(c."table", c.key, c."column");
        if cur.value = c.old_value and (cur.correction_id is null or cur.correction_id = any (v_replayed)) then
            v_new := ops.write_corrected_version(c."table", c.key, cur.data_version, c."column", c.new_value, c.id);
            update ops.correction as x set applied_version = v_new where x.id = c.id;
            v_replayed := v_replayed || c.id;
            v_written := v_written + 1;
        end if;
    end loop;
    return v_written;
end
$$;

CREATE FUNCTION ops.retry_failed_batches(p_batches bigint[], p_names text[] DEFAULT NULL::text[]) RETURNS TABLE(transform_name text, batch_id bigint, attempts integer)
    LANGUAGE sql
    AS $$
    update ops.transform_batch_failure as f
    set state = 'retry', attempts = f.attempts + 1
    where f.batch_id = any(p_batches)
        and f.state = 'failed'
        and (p_names is null or f.transform_name = any(p_names))
    returning f.transform_name, f.batch_id, f.attempts
$$;

CREATE FUNCTION ops.rollback_correction(p_id bigint, p_by text) RETURNS TABLE(id bigint, outcome text, rolled_back_version integer)
    LANGUAGE plpgsql
    AS $$
declare
    c ops.correction;
    cur record;
    v_new integer;
begin
    select * into c from ops.correction as x where x.id = p_id for update;
    id := p_id;
    if not found then
        outcome := 'no such correction';
        return next;
        return;
    end if;
    if c.state not in ('approved', 'auto_approved') then
        outcome := format('not rolled back: the correction is %s', c.state);
        return next;
        return;
    end if;
    select * into cur from ops.correction_current(c."table", c.key, c."column");
    if cur.correction_id is null or cur.value is distinct from c.new_value then
        outcome := format('not rolled back: %s %s is now version %s with %s = %s, not the corrected value %s',
            c."table", c.key, cur.data_version, c."column", cur.value, c.new_value);
        return next;
        return;
    end if;
    v_new := ops.write_corrected_version(c."table", c.key, cur.data_version, c."column", c.old_value, c.id);
    update ops.correction as x
    set state = 'rolled_back', rolled_back_at = now(), rolled_back_by = p_by, rolled_back_version = v_new
    where x.id = c.id;
    outcome := 'rolled_back';
    rolled_back_version := v_new;
    return next;
end
$$;

CREATE FUNCTION ops.run_maintenance() RETURNS TABLE(table_name text, action text, ms integer, detail text)
    LANGUAGE plpgsql
    AS $$
declare
    t record;
    v_started timestamptz;
begin
    perform set_config('lock_timeout', '30s', true);
    for t in
        select c.oid::regclass::text as rel
        from pg_class as c
        where c.relnamespace in ('raw'::regnamespace, 'core'::regnamespace, 'agg'::regnamespace)
            and c.relkind in ('r', 'p')
            -- a partitioned table is analyzed whole (its partitions with it)
            and not c.relispartition
            -- a table that never held a row has nothing to sample
            and (c.relkind = 'p' or pg_relation_size(c.oid) > 0)
        order by 1
    loop
        v_started := clock_timestamp();
        begin
            execute format('analyze %s', t.rel);
            return query select t.rel, 'analyze'::text,
                (extract(epoch from clock_timestamp() - v_started) * 1000)::integer, null::text;
        exception when lock_not_available then
            return query select t.rel, 'skipped'::text,
                (extract(epoch from clock_timestamp() - v_started) * 1000)::integer,
                'busy: its lock was not granted within 30s; next week''s run takes it'::text;
        end;
    end loop;

    -- the yearly partitions of this year and the next, created ahead so a
    -- daily load never creates one (docs/SCALING.md)
    v_started := clock_timestamp();
    begin
        return query select a.table_name, 'partition'::text,
            (extract(epoch from clock_timestamp() - v_started) * 1000)::integer,
            format('%s partitions created', a.partitions_created)
        from core.create_partitions_ahead() as a;
    exception when lock_not_available then
        return query select 'core'::text, 'skipped'::text,
            (extract(epoch from clock_timestamp() - v_started) * 1000)::integer,
            'busy: a partitioned table''s lock was not granted within 30s; next week''s run takes it'::text;
    end;
end
$$;

CREATE FUNCTION ops.run_retention() RETURNS TABLE(what text, deleted bigint)
    LANGUAGE plpgsql
    AS $_$
declare
    v_call_days integer := (select s.value::integer from ops.setting as s where s.name = 'api_call_retention_days');
    v_raw_days integer := (select s.value::integer from ops.setting as s where s.name = 'raw_retention_days');
    v_run_days integer := (select s.value::integer from ops.setting as s where s.name = 'task_run_retention_days');
    v_issue_days integer := (select s.value::integer from ops.setting as s where s.name = 'quality_issue_retention_days');
    v_n bigint;
    v_name text;
begin
    if to_regclass('ops.fmp_api_call') is not null and coalesce(v_call_days, 0) > 0 then
        execute 'delete from ops.fmp_api_call as c where c.called_at < date_trunc(''minute'', now()) - make_interval(days => $1)'
            using v_call_days;
        get diagnostics v_n = row_count;
        return query select 'ops.fmp_api_call'::text, v_n;
    end if;

    if coalesce(v_run_days, 0) > 0 then
        -- child runs go with their parent (on delete cascade)
        delete from ops.task_run as t
        where t.started_at < now() - make_interval(days => v_run_days)
            and t.status <> 'running';
        get diagnostics v_n = row_count;
        return query select 'ops.task_run'::text, v_n;
    end if;

    if coalesce(v_issue_days, 0) > 0 then
        delete from ops.quality_issue as q
        where q.resolved_at < now() - make_interval(days => v_issue_days);
        get diagnostics v_n = row_count;
        return query select 'ops.quality_issue'::text, v_n;
    end if;

    if coalesce(v_raw_days, 0) > 0 then
        -- no transform may run (or rebuild) between the check and the delete
        for v_name in
            select d.name from ops.transform_definition as d where d.kind = 'transform' order by d.name
        loop
            perform pg_advisory_xact_lock(hashtext('sra.transform'), hashtext(v_name));
        end loop;

        if to_regclass('pg_temp._retired') is not null then
            drop table _retired;
        end if;
        create temp table _retired on commit drop as
        select b.batch_id
        from raw.batch as b
        where b.status = 'landed'
            and b.landed_at < now() - make_interval(days => v_raw_days)
            and exists (
                select 1 from ops.transform_definition as d
                where d.kind = 'transform' and b.dataset = any(d.datasets)
            )
            and not exists (
                select 1 from ops.transform_definition as d
                where d.kind = 'transform'
                    and b.dataset = any(d.datasets)
                    and (
                        d.needs_rebuild
                        or not exists (
                            select 1 from ops.transform_batch as t
                            where t.transform_name = d.name and t.batch_id = b.batch_id
                        )
                    )
            );
        alter table _retired add primary key (batch_id);
        analyze _retired;

        delete from raw.stored_record as r using _retired as x where r.batch_id = x.batch_id;
        get diagnostics v_n = row_count;
        return query select 'raw.record'::text, v_n;
        delete from raw.rejected_row as r using _retired as x where r.batch_id = x.batch_id;
        -- the ledgers (ops.transform_batch, ops.aggregate_batch) follow by cascade
        delete from raw.batch as b using _retired as x where b.batch_id = x.batch_id;
        get diagnostics v_n = row_count;
        return query select 'raw.batch'::text, v_n;
    end if;
end
$_$;

CREATE FUNCTION ops.run_transform(p_name text, p_wait boolean DEFAULT true) RETURNS TABLE(transform_name text, batches integer, rows_in bigint, rows_out bigint, issues bigint, quarantined bigint, skipped boolean, failed_batches bigint[], error text)
    LANGUAGE plpgsql
    AS $_$
declare
    d ops.transform_definition;
    v_batches bigint[];
    v_done bigint[] := '{}';
    v_failed bigint[] := '{}';
    v_batch bigint;
    v_run bigint;
    v_in bigint := 0;
    v_out bigint := 0;
    v_issues bigint := 0;
    v_quarantined bigint := 0;
    v_first_error text;
    v_state text;
    v_message text;
    v_detail text;
    v_context text;
    r record;
begin
    select * into d
    from ops.transform_definition as td
    where td.name = p_name and td.kind = 'transform';
    if not found then
        raise exception 'unknown transform "%"', p_name
            using hint = 'run "sra migrate" to apply the definitions in transforms/';
    end if;

    if p_wait then
        perform pg_advisory_xact_lock(hashtext('sra.transform'), hashtext(p_name));
    elsif not pg_try_advisory_xact_lock(hashtext('sra.transform'), hashtext(p_name)) then
        return query select p_name, 0, 0::bigint, 0::bigint, 0::bigint, 0::bigint, true, '{}'::bigint[], null::text;
        return;
    end if;

    -- schema drift: compare the new batches' fields with the known ones
    -- (held batches are left out of the pending ones)
    perform ops.check_schema(d.datasets);

    -- a fresh snapshot after the lock: a concurrent run that just committed is seen
    v_batches := ops.pending_batches(p_name);
    if cardinality(v_batches) = 0 then
        return query select p_name, 0, 0::bigint, 0::bigint, 0::bigint, 0::bigint, false, '{}'::bigint[], null::text;
        return;
    end if;

    -- bulk work: sorts and hashes of a large batch stay in memory
    perform set_config('work_mem', '256MB', true);
    perform set_config('jit', 'off', true);

    -- a large landing since raw was last analyzed: refresh its statistics so
    -- the typing is planned for its real size (parallel workers, hash joins)
    if (select coalesce(sum(b.row_count), 0) from raw.batch as b where b.batch_id = any(v_batches)) > 100000
        and exists (
            select 1 from pg_stat_user_tables as t
            where t.relid = 'raw.stored_record'::regclass
                and t.n_mod_since_analyze > 0.1 * greatest(t.n_live_tup, 1)
        )
    then
        perform raw.refresh_statistics();
    end if;

    insert into ops.transform_run (transform_name, version, batches)
    values (p_name, d.version, cardinality(v_batches))
    returning transform_run_id into v_run;

    -- every pending batch at once (a savepoint: a failure undoes only this)
    begin
        execute format('select * from core.%I($1, $2)', 'transform_' || p_name)
            using v_batches, v_run
            into r;
        v_in := r.rows_in;
        v_out := r.rows_out;
        v_issues := r.issues;
        v_quarantined := r.quarantined;
        v_done := v_batches;
    exception when others then
        get stacked diagnostics v_state = returned_sqlstate, v_message = message_text,
            v_detail = pg_exception_detail, v_context = pg_exception_context;
        if not core.is_data_error(v_state) then
            raise;
        end if;
        if cardinality(v_batches) = 1 then
            -- the only batch: its error is known
            v_failed := v_batches;
            perform ops.record_batch_failure(p_name, v_batches[1], v_state, v_message, v_detail, v_context);
        else
            -- one batch at a time, each in its own savepoint
            foreach v_batch in array v_batches loop
                begin
                    execute format('select * from core.%I($1, $2)', 'transform_' || p_name)
                        using array[v_batch], v_run
                        into r;
                    v_in := v_in + r.rows_in;
                    v_out := v_out + r.rows_out;
                    v_issues := v_issues + r.issues;
                    v_quarantined := v_quarantined + r.quarantined;
                    v_done := v_done || v_batch;
                exception when others then
                    get stacked diagnostics v_state = returned_sqlstate, v_message = message_text,
                        v_detail = pg_exception_detail, v_context = pg_exception_context;
                    if not core.is_data_error(v_state) then
                        raise;
                    end if;
                    v_failed := v_failed || v_batch;
                    perform ops.record_batch_failure(p_name, v_batch, v_state, v_message, v_detail, v_context);
                end;
            end loop;
        end if;
        select format('batch %s: %s', f.batch_id, f.error) into v_first_error
        from ops.transform_batch_failure as f
        where f.transform_name = p_name and f.batch_id = v_failed[1];
    end;

    insert into ops.transform_batch (transform_name, batch_id, version, transform_run_id)
    select p_name, b, d.version, v_run
    from unnest(v_done) as b;

    -- a re-queued batch that went through is no longer a failure
    delete from ops.transform_batch_failure as f
    where f.transform_name = p_name and f.batch_id = any(v_done);

    update ops.transform_run as tr
    set finished_at = clock_timestamp(),
        batches = cardinality(v_done),
        rows_in = v_in,
        rows_out = v_out,
        issues = v_issues,
        quarantined = v_quarantined,
        failed_batches = cardinality(v_failed),
        error = v_first_error
    where tr.transform_run_id = v_run;

    return query select p_name, cardinality(v_done), v_in, v_out, v_issues, v_quarantined, false, v_failed, v_first_error;
end
$_$;

CREATE FUNCTION ops.run_transforms(p_wait boolean DEFAULT true) RETURNS TABLE(transform_name text, batches integer, rows_in bigint, rows_out bigint, issues bigint, quarantined bigint, skipped boolean, failed_batches bigint[], error text)
    LANGUAGE plpgsql
    AS $$
declare
    v_name text;
    v_error text;
begin
    for v_name in
        select d.name
        from ops.transform_definition as d
        where d.kind = 'transform'
        order by d.file_path
    loop
        begin
            return query select * from ops.run_transform(v_name, p_wait);
        exception when others then
            get stacked diagnostics v_error = message_text;
            v_error := left(v_error, 1000);
            raise warning 'transform %: %', v_name, v_error;
            insert into ops.transform_run (transform_name, version, finished_at, error)
            select d.name, d.version, clock_timestamp(), v_error
            from ops.transform_definition as d
            where d.name = v_name;
            return query select v_name, 0, 0::bigint, 0::bigint, 0::bigint, 0::bigint, false, '{}'::bigint[], v_error;
        end;
    end loop;
end
$$;

CREATE FUNCTION ops.schedule_clashes() RETURNS TABLE(first_schedule text, second_schedule text, hours integer[])
    LANGUAGE sql STABLE
    AS $$
    with s as (
        select j.job_name as name, ops.cron_hours(j.schedule) as hours, true as is_job
        from ops.scheduled_job as j
        union all
        select st.name, ops.cron_hours(st.value), st.name = 'backfill_schedule'
        from ops.setting as st
        where st.name in ('refresh_schedule', 'weekly_schedule', 'backfill_schedule')
    ),
    fixed as (
        select * from s where cardinality(s.hours) < 24
    )
    select a.name, b.name,
        array(select x from unnest(a.hours) as x intersect select y from unnest(b.hours) as y order by 1)
    from fixed as a
    join fixed as b on a.name < b.name and (a.is_job or b.is_job)
    where a.hours && b.hours
    order by 1, 2
$$;

CREATE FUNCTION ops.sessions_behind(p_date date, p_last_session date DEFAULT NULL::date) RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    select count(*)::integer
    from core.exchange_calendar as c
    where c.exchange = 'NYSE' and c.is_open and c.date > p_date
        and c.date <= coalesce(p_last_session, core.last_completed_session('NYSE'))
$$;

CREATE FUNCTION ops.set_schema_policy(p_dataset text, p_policy text, p_reason text, p_by text DEFAULT CURRENT_USER) RETURNS void
    LANGUAGE sql
    AS $$
    insert into ops.schema_policy (dataset, policy, reason, decided_by)
    values (p_dataset, p_policy, p_reason, p_by)
    on conflict (dataset) do update
    set policy = excluded.policy, reason = excluded.reason, decided_by = excluded.decided_by, decided_at = now()
$$;

CREATE FUNCTION ops.settle_backfill(p_task_run_ids bigint[]) RETURNS TABLE(no_data integer, retried integer, failed integer)
    LANGUAGE plpgsql
    AS $$
#variable_conflict use_column
declare
    v_max integer := coalesce((select s.value::integer from ops.setting as s where s.name = 'backfill_max_attempts'), 3);
begin
    if to_regclass('pg_temp._settle') is not null then
        drop table _settle;
    end if;
    create temp table _settle on commit drop as
    select r.id,
        bool_or(c.outcome in ('landed', 'unchanged')) as answered,
        bool_or(c.outcome = 'failed') as errored,
        max(c.error) filter (where c.outcome = 'failed') as error
    from ops.backfill_request as r
    join ops.fmp_api_call as c
        on c.task_run_id = any(p_task_run_ids)
        and c.dataset = r.dataset
        and c.outcome <> 'retried'
        and (r.key = any(c.symbols) or (r.key = 'treasury' and cardinality(c.symbols) = 0))
        and (c.params ->> 'from')::date <= r.to_date
        and (c.params ->> 'to')::date >= r.from_date
    where r.state = 'open' and r.source = 'fmp'
    group by r.id;

    update ops.backfill_request as r
    set attempts = r.attempts + 1,
        last_error = coalesce(s.error, 'the call failed'),
        state = case when r.attempts + 1 >= v_max then 'failed' else 'open' end,
        closed_reason = case when r.attempts + 1 >= v_max then format('%s failed attempts', r.attempts + 1) end,
        closed_at = case when r.attempts + 1 >= v_max then now() end,
        updated_at = now()
    from _settle as s
    where s.id = r.id and s.errored;

    update ops.backfill_request as r
    set state = 'vendor_has_no_data', attempts = r.attempts + 1,
        closed_reason = 'the vendor answered the window without rows for these sessions',
        closed_at = now(), updated_at = now()
    from _settle as s
    where s.id = r.id and s.answered and not s.errored;

    return query
    select (count(*) filter (where s.answered and not s.errored))::integer,
        (count(*) filter (where s.errored and r.state = 'open'))::integer,
        (count(*) filter (where s.errored and r.state = 'failed'))::integer
    from _settle as s
    join ops.backfill_request as r on r.id = s.id;
end
$$;

CREATE FUNCTION ops.stage_aliases(p_transform text, p_fields text[]) RETURNS text[]
    LANGUAGE sql STABLE
    AS $$
    select coalesce(array_agg(
        f.line || coalesce((
            select string_agg('|' || c.field, '' order by c.schema_change_id)
            from ops.schema_change as c
            join ops.transform_definition as d on d.name = p_transform and c.dataset = any(d.datasets)
            where c.change = 'renamed'
                and c.state = 'accepted'
                and c.previous_field = any(string_to_array(split_part(f.line, ' ', 3), '|'))
                and not c.field = any(string_to_array(split_part(f.line, ' ', 3), '|'))
        ), '')
        order by f.o
    ), p_fields)
    from unnest(p_fields) with ordinality as f (line, o)
$$;

CREATE FUNCTION ops.stale_allowed_sessions(p_kind text, p_cadence_sessions integer DEFAULT 1) RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    select coalesce((select s.value::integer from ops.setting as s where s.name = 'stale_after_sessions'), 2)
        + case when p_kind = 'fund' then coalesce(p_cadence_sessions, 1) else 0 end
$$;

CREATE FUNCTION ops.stale_cutoff(p_kind text, p_cadence_sessions integer DEFAULT 1, p_last_session date DEFAULT NULL::date) RETURNS date
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    select c.date
    from core.exchange_calendar as c
    where c.exchange = 'NYSE' and c.is_open
        and c.date <= coalesce(p_last_session, core.last_completed_session('NYSE'))
    order by c.date desc
    offset ops.stale_allowed_sessions(p_kind, p_cadence_sessions)
    limit 1
$$;

CREATE FUNCTION ops.type_class(p_kind text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$
    select case
        when p_kind = 'text' then 'text'
        when p_kind = 'bool' then 'boolean'
        when p_kind = 'json' then 'object'
        when p_kind in ('day', 'ts', 'ts_new_york') then 'date'
        else 'number'
    end
$$;

CREATE FUNCTION ops.unit_factor(p_table text, p_column text, p_as_of timestamp with time zone) RETURNS numeric
    LANGUAGE sql STABLE
    AS $$
    -- the product of the factors of every cutover after the as-of (exact for one)
    select case count(*) when 0 then 1 when 1 then min(u.factor) else round(exp(sum(ln(u.factor))), 12) end
    from ops.unit_cutover as u
    where u."table" = p_table and u."column" = p_column and p_as_of < u.from_date
$$;

CREATE FUNCTION ops.value_class(v jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $_$
    select case jsonb_typeof(v)
        when 'null' then null
        when 'object' then 'object'
        when 'array' then 'array'
        when 'boolean' then 'boolean'
        when 'number' then 'number'
        else case
            when core.is_blank(v #>> '{}') then null
            when btrim(v #>> '{}') ~ '^[-+]?\$?([0-9][0-9,]*)?(\.[0-9]*)?([eE][-+]?[0-9]+)?%?$'
                and btrim(v #>> '{}') ~ '[0-9]' then 'number'
            when btrim(v #>> '{}') ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T].*)?$' then 'date'
            when lower(btrim(v #>> '{}')) in ('true', 'false') then 'boolean'
            else 'text'
        end
    end
$_$;

CREATE FUNCTION ops.value_number(v jsonb) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    AS $_$
    select case jsonb_typeof(v)
        when 'number' then (v #>> '{}')::numeric
        else translate(btrim(v #>> '{}'), '$,%', '')::numeric
    end
$_$;

CREATE FUNCTION ops.write_corrected_version(p_table text, p_key jsonb, p_from integer, p_column text, p_value numeric, p_correction bigint) RETURNS integer
    LANGUAGE plpgsql
    AS $_$
declare
    v_match text := ops.metric_key_match(p_table, 'h', '$1');
    v_new integer;
    v_cols text;
    v_sel text;
    v_rows bigint;
begin
    execute format('select max(h.data_version) + 1 from %s as h where %s', p_table, v_match)
        into v_new using p_key;
    select
        string_agg(format('%I', a.attname), ', ' order by a.attnum),
        string_agg(case a.attname
            when 'data_version' then '$2'
            when p_column then '$3'
            when 'correction_id' then '$4'
            when 'processed_at' then 'now()'
            else format('h.%I', a.attname) end, ', ' order by a.attnum)
    into v_cols, v_sel
    from pg_attribute as a
    where a.attrelid = p_table::regclass and a.attnum > 0 and not a.attisdropped
        and a.attidentity = '' and a.attgenerated = '';
    execute format('insert into %s (%s) select %s from %s as h where %s and h.data_version = $5',
        p_table, v_cols, v_sel, p_table, v_match)
        using p_key, v_new, p_value, p_correction, p_from;
    get diagnostics v_rows = row_count;
    if v_rows = 0 then
        raise exception 'no version % of % %', p_from, p_table, p_key;
    end if;
    execute format('update %s_current as h set data_version = $2 where %s', p_table, v_match)
        using p_key, v_new;
    return v_new;
end
$_$;

CREATE FUNCTION parse_careful.day(v text) RETURNS date
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    select core.parse_date(v)
$$;

CREATE FUNCTION parse_careful.dec12_2(v text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select core.to_dec12_2(v)
$$;

CREATE FUNCTION parse_careful.intg(v text) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select core.parse_bigint(v)
$$;

CREATE FUNCTION parse_careful.num(v text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select core.parse_decimal(v)
$$;

CREATE FUNCTION parse_careful.pct(v text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $_$
    select core.parse_decimal(regexp_replace(v, '\s*%\s*$', ''))
$_$;

CREATE FUNCTION parse_careful.ts(v text) RETURNS timestamp with time zone
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    select core.parse_timestamptz_slow(v)
$$;

CREATE FUNCTION parse_careful.ts_new_york(v text) RETURNS timestamp with time zone
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    select core.parse_timestamptz_new_york(v)
$$;

CREATE FUNCTION parse_fast.day(v text) RETURNS date
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    select case
        when v is null or v = '' then null
        when length(v) = 10 and substr(v, 5, 1) = '-' and substr(v, 8, 1) = '-'
            and (substr(v, 9, 2) <= '28'
                or (substr(v, 9, 2) <= '30' and substr(v, 6, 2) <> '02')
                or (substr(v, 9, 2) = '31' and substr(v, 6, 2) in ('01', '03', '05', '07', '08', '10', '12')))
            then v::date
        else core.parse_date_slow(v)
    end
$$;

CREATE FUNCTION parse_fast.dec12_2(v text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select case when v is null or v = '' then null else core.round_dec12_2(v::numeric) end
$$;

CREATE FUNCTION parse_fast.intg(v text) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select case when v is null or v = '' then null else round(v::numeric)::bigint end
$$;

CREATE FUNCTION parse_fast.num(v text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select case when v is null or v = '' then null
        else nullif(nullif(nullif(v::numeric, 'NaN'), 'Infinity'), '-Infinity') end
$$;

CREATE FUNCTION parse_fast.pct(v text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select case when v is null or v = '' then null
        else nullif(nullif(nullif(
            (case when right(v, 1) = '%' then left(v, -1) else v end)::numeric,
            'NaN'), 'Infinity'), '-Infinity') end
$$;

CREATE FUNCTION parse_fast.ts(v text) RETURNS timestamp with time zone
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    select core.parse_timestamptz_slow(v)
$$;

CREATE FUNCTION raw.batch_records(p_batch_id bigint) RETURNS TABLE(line integer, payload jsonb, csv text, stored_batch_id bigint, stored_line integer)
    LANGUAGE sql STABLE
    AS $$
    select r.line, coalesce(r.payload, raw.csv_record(r.header, r.csv)), r.csv, r.stored_batch_id, r.stored_line
    from raw.batch_rows(p_batch_id) as r
$$;

CREATE FUNCTION raw.batch_rows(p_batch_id bigint) RETURNS TABLE(line integer, stored_batch_id bigint, stored_line integer, payload jsonb, csv text, header text[])
    LANGUAGE sql STABLE
    AS $$
    select r.line, r.batch_id, r.line, r.payload, r.csv, (select b.header from raw.batch as b where b.batch_id = p_batch_id)
    from raw.stored_record as r
    where r.batch_id = p_batch_id
    union all
    -- each run's header looked up once, before its lines are spread out
    -- (offset 0), never once per row
    select l.line, r.batch_id, r.line, r.payload, r.csv, f.header
    from (
        select f.line_from, f.line_to, f.ref_batch_id, f.ref_line_from,
            (select b.header from raw.batch as b where b.batch_id = f.ref_batch_id) as header
        from raw.record_ref as f
        where f.batch_id = p_batch_id
        offset 0
    ) as f
    cross join lateral generate_series(f.line_from, f.line_to) as l (line)
    join raw.stored_record as r on r.batch_id = f.ref_batch_id and r.line = f.ref_line_from + l.line - f.line_from
$$;

CREATE FUNCTION raw.csv_field(p_csv text, p_n integer) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select case
        when strpos(p_csv, '"') > 0 then (raw.csv_fields_quoted(p_csv))[p_n]
        else split_part(p_csv, ',', p_n)
    end
$$;

CREATE FUNCTION raw.csv_fields(p_csv text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select case
        when strpos(p_csv, '"') > 0 then raw.csv_fields_quoted(p_csv)
        when p_csv = '' then array['']
        else string_to_array(p_csv, ',')
    end
$$;

CREATE FUNCTION raw.csv_fields_quoted(p_csv text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
    select array_agg(
        case when left(f.m[1], 1) = '"' then replace(substr(f.m[1], 2, length(f.m[1]) - 2), '""', '"') else f.m[1] end
        order by f.n)
    from regexp_matches(p_csv || ',', '("(?:[^"]|"")*"|[^,"]*),', 'g') with ordinality as f (m, n)
$$;

CREATE FUNCTION raw.csv_record(p_header text[], p_csv text) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select jsonb_object(p_header, raw.csv_fields(p_csv))
$$;

CREATE FUNCTION raw.land_referencing(p_batch_id bigint, p_ref_batch_id bigint) RETURNS TABLE(stored bigint, referenced bigint)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET work_mem TO '256MB'
    AS $$
declare
    v_stored bigint;
    v_referenced bigint;
    v_header text[];
begin
    if not exists (
        select 1 from raw.batch as b
        join raw.batch as r on r.dataset = b.dataset and r.batch_id < b.batch_id and r.status = 'landed'
        where b.batch_id = p_batch_id and b.xmin = pg_current_xact_id()::xid and r.batch_id = p_ref_batch_id
    ) then
        raise exception 'raw.land_referencing: batch % cannot refer to batch % (not a batch being landed, another dataset, or not an earlier landing)',
            p_batch_id, p_ref_batch_id;
    end if;

    -- the rows whose record is the earlier landing's at the same line: the
    -- same CSV line under the same header, else the same JSON record (a
    -- record stored as JSON, or a header in another order); each of the
    -- earlier rows is read under the header of the batch that stores it
    select b.header into v_header from raw.batch as b where b.batch_id = p_batch_id;
    analyze pg_temp._landing;
    drop table if exists pg_temp._landing_same;
    create temp table _landing_same on commit drop as
    select l.line, e.stored_batch_id, e.stored_line
    from pg_temp._landing as l
    join raw.batch_rows(p_ref_batch_id) as e on e.line = l.line
    where l.batch_id = p_batch_id
        and case
            when e.csv is not null and e.header = v_header then e.csv = l.csv
            else coalesce(e.payload, raw.csv_record(e.header, e.csv)) = raw.csv_record(v_header, l.csv)
        end;

    insert into raw.stored_record (batch_id, line, csv)
    select l.batch_id, l.line, l.csv
    from pg_temp._landing as l
    where l.batch_id = p_batch_id
        and not exists (select 1 from pg_temp._landing_same as s where s.line = l.line);
    get diagnostics v_stored = row_count;

    -- runs: consecutive physical lines stored at consecutive lines of one
    -- batch (a gap, a stored row or a row spanning several lines ends a run)
    insert into raw.record_ref (batch_id, line_from, line_to, ref_batch_id, ref_line_from)
    select p_batch_id, min(g.line), max(g.line), g.stored_batch_id, min(g.line) + g.shift
    from (
        select
            s.line,
            s.stored_batch_id,
            s.stored_line - s.line as shift,
            s.line - row_number() over (partition by s.stored_batch_id, s.stored_line - s.line order by s.line) as run
        from pg_temp._landing_same as s
    ) as g
    group by g.stored_batch_id, g.shift, g.run;
    select count(*) into v_referenced from pg_temp._landing_same;

    drop table pg_temp._landing_same;
    return query select v_stored, v_referenced;
end
$$;

CREATE FUNCTION raw.record_insert() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    insert into raw.stored_record (batch_id, line, payload) values (new.batch_id, new.line, new.payload);
    return new;
end
$$;

CREATE FUNCTION raw.refresh_statistics() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog'
    AS $$
begin
    analyze raw.batch;
    analyze raw.stored_record;
end
$$;

CREATE AGGREGATE core.product(double precision) (
    SFUNC = float8mul,
    STYPE = double precision,
    PARALLEL = safe
);

CREATE TABLE agg.analytics_batch (
    transform_name text NOT NULL,
    batch_id bigint NOT NULL,
    transform_run_id bigint NOT NULL,
    refreshed_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE core.equity_quotes (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    open numeric,
    high numeric,
    low numeric,
    close numeric,
    adj_close numeric,
    volume bigint,
    unadjusted_volume bigint,
    change numeric,
    change_percent numeric,
    vwap numeric,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT equity_quotes_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT equity_quotes_data_version_check CHECK ((data_version >= 1))
)
PARTITION BY RANGE (date);

CREATE TABLE core.etfs_quotes (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    open numeric,
    high numeric,
    low numeric,
    close numeric,
    adj_close numeric,
    volume bigint,
    unadjusted_volume bigint,
    change numeric,
    change_percent numeric,
    vwap numeric,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT etfs_quotes_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT etfs_quotes_data_version_check CHECK ((data_version >= 1))
)
PARTITION BY RANGE (date);

CREATE VIEW agg.analytics_price_input AS
 SELECT q.symbol,
    q.date,
    q.price AS close
   FROM ( SELECT DISTINCT ON (u.symbol, u.date) u.symbol,
            u.date,
            (COALESCE(u.adj_close, u.close))::double precision AS price
           FROM ( SELECT e.symbol,
                    e.date,
                    e.adj_close,
                    e.close,
                    e.data_version,
                    1 AS src
                   FROM core.equity_quotes e
                UNION ALL
                 SELECT f.symbol,
                    f.date,
                    f.adj_close,
                    f.close,
                    f.data_version,
                    2
                   FROM core.etfs_quotes f) u
          ORDER BY u.symbol, u.date, u.src, u.data_version DESC) q
  WHERE (q.price > (0)::double precision);

CREATE TABLE agg.analytics_state (
    id boolean DEFAULT true NOT NULL,
    as_of_date date,
    risk_free_rate double precision,
    refreshed_at timestamp with time zone,
    symbols integer,
    ms integer,
    history_from date,
    CONSTRAINT analytics_state_id_check CHECK (id)
);

CREATE TABLE agg.api_usage_minute (
    endpoint text NOT NULL,
    minute_at timestamp with time zone NOT NULL,
    calls integer NOT NULL,
    failed_calls integer NOT NULL,
    rate_limited_calls integer NOT NULL,
    avg_duration_ms numeric(12,1),
    max_duration_ms integer
);

CREATE TABLE agg.equity_ohlcv_monthly (
    symbol text NOT NULL,
    month_start_date date NOT NULL,
    first_date date NOT NULL,
    last_date date NOT NULL,
    open numeric,
    high numeric,
    low numeric,
    close numeric,
    volume numeric,
    trading_days integer NOT NULL
);

CREATE TABLE agg.equity_ohlcv_weekly (
    symbol text NOT NULL,
    week_start_date date NOT NULL,
    first_date date NOT NULL,
    last_date date NOT NULL,
    open numeric,
    high numeric,
    low numeric,
    close numeric,
    volume numeric,
    trading_days integer NOT NULL
);

CREATE TABLE agg.factor_comovement (
    factor_a text NOT NULL,
    factor_b text NOT NULL,
    correlation double precision,
    volatility_ratio double precision,
    n_obs integer NOT NULL,
    as_of_date date NOT NULL
);

CREATE TABLE agg.factor_exposure (
    symbol text NOT NULL COLLATE pg_catalog."C",
    factor text NOT NULL,
    factor_etf text NOT NULL,
    beta double precision,
    beta_uncapped double precision,
    r_squared double precision,
    n_obs integer NOT NULL,
    quality_flag text NOT NULL,
    capped boolean NOT NULL,
    as_of_date date NOT NULL
);

CREATE TABLE agg.fund_metrics (
    identifier text NOT NULL COLLATE pg_catalog."C",
    as_of_date date NOT NULL,
    navps double precision NOT NULL,
    return_1d double precision,
    return_21d double precision,
    return_63d double precision,
    return_252d double precision,
    return_ytd double precision,
    volatility_21d double precision,
    volatility_63d double precision,
    volatility_252d double precision,
    reported_as_of_date date,
    reported_one_month_return double precision,
    reported_three_month_return double precision,
    reported_ytd_return double precision,
    reported_one_year_return double precision
);

CREATE TABLE agg.fund_nav_monthly (
    identifier text NOT NULL,
    month_start_date date NOT NULL,
    first_date date NOT NULL,
    last_date date NOT NULL,
    opening_navps numeric(12,2) NOT NULL,
    closing_navps numeric(12,2) NOT NULL,
    max_navps numeric(12,2) NOT NULL,
    min_navps numeric(12,2) NOT NULL,
    avg_yield numeric(12,2),
    trading_days integer NOT NULL
);

CREATE TABLE agg.portfolio_history (
    portfolio text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    market_value double precision,
    exposure double precision,
    daily_pnl double precision,
    cumulative_pnl double precision,
    position_count integer NOT NULL
);

CREATE TABLE agg.position_analytics (
    portfolio text NOT NULL COLLATE pg_catalog."C",
    data_version integer NOT NULL,
    position_no integer NOT NULL,
    symbol text NOT NULL COLLATE pg_catalog."C",
    underlying text NOT NULL COLLATE pg_catalog."C",
    position_type text NOT NULL,
    quantity numeric NOT NULL,
    entry_price numeric NOT NULL,
    entry_date date,
    strike numeric,
    expiry date,
    tags text[] NOT NULL,
    multiplier integer NOT NULL,
    price double precision,
    price_source text,
    previous_price double precision,
    underlying_price double precision,
    volatility double precision,
    time_to_expiry double precision,
    risk_free_rate double precision,
    market_value double precision,
    exposure double precision,
    delta_adjusted_exposure double precision,
    cost_basis double precision NOT NULL,
    unrealized_pnl double precision,
    daily_pnl double precision,
    daily_return double precision,
    market_beta double precision,
    ir_beta double precision,
    delta double precision,
    gamma double precision,
    theta double precision,
    vega double precision,
    rho double precision,
    as_of_date date
);

CREATE TABLE agg.position_correlation (
    portfolio text NOT NULL COLLATE pg_catalog."C",
    symbol_a text NOT NULL COLLATE pg_catalog."C",
    symbol_b text NOT NULL COLLATE pg_catalog."C",
    correlation double precision,
    n_obs integer NOT NULL,
    as_of_date date NOT NULL
);

CREATE TABLE agg.security_metrics (
    symbol text NOT NULL COLLATE pg_catalog."C",
    as_of_date date NOT NULL,
    last_date date NOT NULL,
    close double precision NOT NULL,
    return_1d double precision,
    return_21d double precision,
    return_63d double precision,
    return_252d double precision,
    return_ytd double precision,
    volatility_21d double precision,
    volatility_63d double precision,
    volatility_252d double precision,
    sma_20 double precision,
    sma_50 double precision,
    sma_200 double precision,
    high_52w double precision,
    low_52w double precision,
    max_drawdown_252d double precision,
    market_beta double precision,
    market_beta_r_squared double precision,
    market_beta_n_obs integer NOT NULL,
    market_beta_flag text NOT NULL,
    ir_beta double precision,
    ir_beta_r_squared double precision,
    ir_beta_n_obs integer NOT NULL,
    ir_beta_flag text NOT NULL
);

CREATE TABLE agg.security_price (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    close double precision NOT NULL,
    daily_return double precision,
    volatility_63d double precision,
    return_count integer,
    return_sum double precision,
    return_sq_sum double precision
);

CREATE VIEW api.api_usage_minute AS
 SELECT u.endpoint,
    u.minute_at,
    u.calls,
    u.failed_calls,
    u.rate_limited_calls,
    u.avg_duration_ms,
    u.max_duration_ms
   FROM agg.api_usage_minute u;

CREATE TABLE ops.quality_score (
    quality_score_id bigint NOT NULL,
    "table" text NOT NULL,
    transform_name text NOT NULL,
    batch_id bigint NOT NULL,
    symbol text,
    values_checked bigint NOT NULL,
    values_passed bigint NOT NULL,
    values_untyped bigint NOT NULL,
    values_out_of_range bigint NOT NULL,
    values_quarantined bigint NOT NULL,
    score numeric,
    checked_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE raw.batch (
    batch_id bigint NOT NULL,
    source text NOT NULL,
    dataset text NOT NULL,
    origin text NOT NULL,
    format text DEFAULT 'csv_row'::text NOT NULL,
    request jsonb,
    file_name text,
    file_size bigint,
    sha256 text,
    http_status integer,
    row_count integer DEFAULT 0 NOT NULL,
    rejected_count integer DEFAULT 0 NOT NULL,
    status text DEFAULT 'landed'::text NOT NULL,
    error text,
    task_run_id bigint,
    started_at timestamp with time zone DEFAULT now() NOT NULL,
    landed_at timestamp with time zone DEFAULT now() NOT NULL,
    referenced_count integer DEFAULT 0 NOT NULL,
    header text[],
    CONSTRAINT batch_format_check CHECK ((format = ANY (ARRAY['csv_row'::text, 'json'::text]))),
    CONSTRAINT batch_origin_check CHECK ((origin = ANY (ARRAY['csv'::text, 'api'::text, 'file'::text]))),
    CONSTRAINT batch_source_check CHECK ((source = ANY (ARRAY['fundata'::text, 'fmp'::text, 'positions'::text]))),
    CONSTRAINT batch_status_check CHECK ((status = ANY (ARRAY['landed'::text, 'failed'::text])))
);

CREATE VIEW api.data_quality AS
 SELECT 'batch'::text AS scope,
    (s.batch_id)::text AS subject,
    s.batch_id,
    NULL::text AS symbol,
    s."table" AS table_name,
    b.dataset,
    (sum(s.values_checked))::bigint AS values_checked,
    (sum(s.values_passed))::bigint AS values_passed,
    (sum(s.values_untyped))::bigint AS values_untyped,
    (sum(s.values_out_of_range))::bigint AS values_out_of_range,
    (sum(s.values_quarantined))::bigint AS values_quarantined,
    round((sum(s.values_passed) / NULLIF(sum(s.values_checked), (0)::numeric)), 4) AS score,
    max(s.checked_at) AS checked_at
   FROM (ops.quality_score s
     JOIN raw.batch b ON ((b.batch_id = s.batch_id)))
  GROUP BY s.batch_id, s."table", b.dataset
UNION ALL
 SELECT 'symbol'::text AS scope,
    s.symbol AS subject,
    NULL::bigint AS batch_id,
    s.symbol,
    s."table" AS table_name,
    min(b.dataset) AS dataset,
    (sum(s.values_checked))::bigint AS values_checked,
    (sum(s.values_passed))::bigint AS values_passed,
    (sum(s.values_untyped))::bigint AS values_untyped,
    (sum(s.values_out_of_range))::bigint AS values_out_of_range,
    (sum(s.values_quarantined))::bigint AS values_quarantined,
    round((sum(s.values_passed) / NULLIF(sum(s.values_checked), (0)::numeric)), 4) AS score,
    max(s.checked_at) AS checked_at
   FROM (ops.quality_score s
     JOIN raw.batch b ON ((b.batch_id = s.batch_id)))
  WHERE (s.symbol IS NOT NULL)
  GROUP BY s.symbol, s."table";

CREATE TABLE core.equity_dividend (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    label text,
    dividend numeric,
    adj_dividend numeric,
    record_date date,
    payment_date date,
    declaration_date date,
    yield numeric,
    frequency text,
    extra jsonb,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT equity_dividend_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT equity_dividend_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.equity_dividend_current (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE TABLE raw.stored_record (
    batch_id bigint NOT NULL,
    line integer NOT NULL,
    payload jsonb,
    csv text,
    CONSTRAINT stored_record_one_form CHECK ((num_nonnulls(payload, csv) = 1))
);

CREATE VIEW raw.record AS
 SELECT r.batch_id,
    r.line,
    COALESCE(r.payload, raw.csv_record(( SELECT b.header
           FROM raw.batch b
          WHERE (b.batch_id = r.batch_id)), r.csv)) AS payload
   FROM raw.stored_record r;

CREATE VIEW core.equity_dividend_latest AS
 SELECT ( SELECT core.raw_document(r.payload, h.batch_elem) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.symbol,
    h.date,
    h.label,
    h.dividend,
    h.adj_dividend,
    h.record_date,
    h.payment_date,
    h.declaration_date,
    h.yield,
    h.frequency,
    h.extra,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.batch_elem,
    h.vendor_as_of
   FROM (core.equity_dividend_current c
     JOIN core.equity_dividend h ON (((h.symbol = c.symbol) AND (h.date = c.date) AND (h.data_version = c.data_version))));

CREATE VIEW api.equity_dividend AS
 SELECT d.symbol,
    d.date,
    d.dividend,
    d.adj_dividend,
    d.record_date,
    d.payment_date,
    d.declaration_date,
    d.yield,
    d.frequency,
    d.data_version,
    d.api_version,
    d.updated_at
   FROM core.equity_dividend_latest d;

CREATE TABLE core.equity_financial_scores (
    symbol text NOT NULL COLLATE pg_catalog."C",
    reported_currency text,
    altman_z_score numeric,
    piotroski_score integer,
    working_capital numeric,
    total_assets numeric,
    retained_earnings numeric,
    ebit numeric,
    market_cap numeric,
    total_liabilities numeric,
    revenue numeric,
    extra jsonb,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT equity_financial_scores_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT equity_financial_scores_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.equity_financial_scores_current (
    symbol text NOT NULL COLLATE pg_catalog."C",
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.equity_financial_scores_latest AS
 SELECT ( SELECT core.raw_document(r.payload, h.batch_elem) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.symbol,
    h.reported_currency,
    h.altman_z_score,
    h.piotroski_score,
    h.working_capital,
    h.total_assets,
    h.retained_earnings,
    h.ebit,
    h.market_cap,
    h.total_liabilities,
    h.revenue,
    h.extra,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.batch_elem,
    h.vendor_as_of
   FROM (core.equity_financial_scores_current c
     JOIN core.equity_financial_scores h ON (((h.symbol = c.symbol) AND (h.data_version = c.data_version))));

CREATE VIEW api.equity_financial_scores AS
 SELECT DISTINCT ON (s.symbol) s.symbol,
    s.altman_z_score,
    s.piotroski_score,
    s.working_capital,
    s.total_assets,
    s.retained_earnings,
    s.ebit,
    s.market_cap,
    s.total_liabilities,
    s.revenue,
    s.reported_currency,
    s.data_version,
    s.api_version,
    s.updated_at
   FROM core.equity_financial_scores_latest s
  ORDER BY s.symbol;

CREATE TABLE core.equity_balance (
    symbol text NOT NULL COLLATE pg_catalog."C",
    period text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    fiscal_year integer,
    reported_currency text,
    cik text,
    filing_date date,
    accepted_date timestamp with time zone,
    link text,
    final_link text,
    cash_and_cash_equivalents numeric,
    short_term_investments numeric,
    cash_and_short_term_investments numeric,
    net_receivables numeric,
    accounts_receivables numeric,
    other_receivables numeric,
    inventory numeric,
    prepaids numeric,
    other_current_assets numeric,
    total_current_assets numeric,
    property_plant_equipment_net numeric,
    goodwill numeric,
    intangible_assets numeric,
    goodwill_and_intangible_assets numeric,
    long_term_investments numeric,
    tax_assets numeric,
    other_non_current_assets numeric,
    total_non_current_assets numeric,
    other_assets numeric,
    total_assets numeric,
    total_payables numeric,
    account_payables numeric,
    other_payables numeric,
    accrued_expenses numeric,
    short_term_debt numeric,
    capital_lease_obligations_current numeric,
    tax_payables numeric,
    deferred_revenue numeric,
    other_current_liabilities numeric,
    total_current_liabilities numeric,
    long_term_debt numeric,
    capital_lease_obligations_non_current numeric,
    deferred_revenue_non_current numeric,
    deferred_tax_liabilities_non_current numeric,
    other_non_current_liabilities numeric,
    total_non_current_liabilities numeric,
    other_liabilities numeric,
    capital_lease_obligations numeric,
    total_liabilities numeric,
    treasury_stock numeric,
    preferred_stock numeric,
    common_stock numeric,
    retained_earnings numeric,
    additional_paid_in_capital numeric,
    accumulated_other_comprehensive_income_loss numeric,
    other_total_stockholders_equity numeric,
    total_stockholders_equity numeric,
    total_equity numeric,
    minority_interest numeric,
    total_liabilities_and_stockholders_equity numeric,
    total_liabilities_and_total_equity numeric,
    total_investments numeric,
    total_debt numeric,
    net_debt numeric,
    extra jsonb,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT equity_balance_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT equity_balance_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.equity_balance_current (
    symbol text NOT NULL COLLATE pg_catalog."C",
    period text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.equity_balance_latest AS
 SELECT ( SELECT core.raw_document(r.payload, h.batch_elem) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.symbol,
    h.period,
    h.date,
    h.fiscal_year,
    h.reported_currency,
    h.cik,
    h.filing_date,
    h.accepted_date,
    h.link,
    h.final_link,
    h.cash_and_cash_equivalents,
    h.short_term_investments,
    h.cash_and_short_term_investments,
    h.net_receivables,
    h.accounts_receivables,
    h.other_receivables,
    h.inventory,
    h.prepaids,
    h.other_current_assets,
    h.total_current_assets,
    h.property_plant_equipment_net,
    h.goodwill,
    h.intangible_assets,
    h.goodwill_and_intangible_assets,
    h.long_term_investments,
    h.tax_assets,
    h.other_non_current_assets,
    h.total_non_current_assets,
    h.other_assets,
    h.total_assets,
    h.total_payables,
    h.account_payables,
    h.other_payables,
    h.accrued_expenses,
    h.short_term_debt,
    h.capital_lease_obligations_current,
    h.tax_payables,
    h.deferred_revenue,
    h.other_current_liabilities,
    h.total_current_liabilities,
    h.long_term_debt,
    h.capital_lease_obligations_non_current,
    h.deferred_revenue_non_current,
    h.deferred_tax_liabilities_non_current,
    h.other_non_current_liabilities,
    h.total_non_current_liabilities,
    h.other_liabilities,
    h.capital_lease_obligations,
    h.total_liabilities,
    h.treasury_stock,
    h.preferred_stock,
    h.common_stock,
    h.retained_earnings,
    h.additional_paid_in_capital,
    h.accumulated_other_comprehensive_income_loss,
    h.other_total_stockholders_equity,
    h.total_stockholders_equity,
    h.total_equity,
    h.minority_interest,
    h.total_liabilities_and_stockholders_equity,
    h.total_liabilities_and_total_equity,
    h.total_investments,
    h.total_debt,
    h.net_debt,
    h.extra,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.batch_elem,
    h.vendor_as_of
   FROM (core.equity_balance_current c
     JOIN core.equity_balance h ON (((h.symbol = c.symbol) AND (h.period = c.period) AND (h.date = c.date) AND (h.data_version = c.data_version))));

CREATE TABLE core.equity_cash_flow (
    symbol text NOT NULL COLLATE pg_catalog."C",
    period text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    fiscal_year integer,
    reported_currency text,
    cik text,
    filing_date date,
    accepted_date timestamp with time zone,
    link text,
    final_link text,
    net_income numeric,
    depreciation_and_amortization numeric,
    deferred_income_tax numeric,
    stock_based_compensation numeric,
    change_in_working_capital numeric,
    accounts_receivables numeric,
    inventory numeric,
    accounts_payables numeric,
    other_working_capital numeric,
    other_non_cash_items numeric,
    net_cash_provided_by_operating_activities numeric,
    investments_in_property_plant_and_equipment numeric,
    acquisitions_net numeric,
    purchases_of_investments numeric,
    sales_maturities_of_investments numeric,
    other_investing_activities numeric,
    net_cash_provided_by_investing_activities numeric,
    debt_repayment numeric,
    net_debt_issuance numeric,
    long_term_net_debt_issuance numeric,
    short_term_net_debt_issuance numeric,
    net_stock_issuance numeric,
    net_common_stock_issuance numeric,
    common_stock_issuance numeric,
    common_stock_repurchased numeric,
    net_preferred_stock_issuance numeric,
    net_dividends_paid numeric,
    common_dividends_paid numeric,
    preferred_dividends_paid numeric,
    other_financing_activities numeric,
    net_cash_provided_by_financing_activities numeric,
    effect_of_forex_changes_on_cash numeric,
    net_change_in_cash numeric,
    cash_at_end_of_period numeric,
    cash_at_beginning_of_period numeric,
    operating_cash_flow numeric,
    capital_expenditure numeric,
    free_cash_flow numeric,
    income_taxes_paid numeric,
    interest_paid numeric,
    extra jsonb,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT equity_cash_flow_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT equity_cash_flow_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.equity_cash_flow_current (
    symbol text NOT NULL COLLATE pg_catalog."C",
    period text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.equity_cash_flow_latest AS
 SELECT ( SELECT core.raw_document(r.payload, h.batch_elem) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.symbol,
    h.period,
    h.date,
    h.fiscal_year,
    h.reported_currency,
    h.cik,
    h.filing_date,
    h.accepted_date,
    h.link,
    h.final_link,
    h.net_income,
    h.depreciation_and_amortization,
    h.deferred_income_tax,
    h.stock_based_compensation,
    h.change_in_working_capital,
    h.accounts_receivables,
    h.inventory,
    h.accounts_payables,
    h.other_working_capital,
    h.other_non_cash_items,
    h.net_cash_provided_by_operating_activities,
    h.investments_in_property_plant_and_equipment,
    h.acquisitions_net,
    h.purchases_of_investments,
    h.sales_maturities_of_investments,
    h.other_investing_activities,
    h.net_cash_provided_by_investing_activities,
    h.debt_repayment,
    h.net_debt_issuance,
    h.long_term_net_debt_issuance,
    h.short_term_net_debt_issuance,
    h.net_stock_issuance,
    h.net_common_stock_issuance,
    h.common_stock_issuance,
    h.common_stock_repurchased,
    h.net_preferred_stock_issuance,
    h.net_dividends_paid,
    h.common_dividends_paid,
    h.preferred_dividends_paid,
    h.other_financing_activities,
    h.net_cash_provided_by_financing_activities,
    h.effect_of_forex_changes_on_cash,
    h.net_change_in_cash,
    h.cash_at_end_of_period,
    h.cash_at_beginning_of_period,
    h.operating_cash_flow,
    h.capital_expenditure,
    h.free_cash_flow,
    h.income_taxes_paid,
    h.interest_paid,
    h.extra,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.batch_elem,
    h.vendor_as_of
   FROM (core.equity_cash_flow_current c
     JOIN core.equity_cash_flow h ON (((h.symbol = c.symbol) AND (h.period = c.period) AND (h.date = c.date) AND (h.data_version = c.data_version))));

CREATE TABLE core.equity_income (
    symbol text NOT NULL COLLATE pg_catalog."C",
    period text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    fiscal_year integer,
    reported_currency text,
    cik text,
    filing_date date,
    accepted_date timestamp with time zone,
    link text,
    final_link text,
    revenue numeric,
    cost_of_revenue numeric,
    gross_profit numeric,
    gross_profit_ratio numeric,
    research_and_development_expenses numeric,
    general_and_administrative_expenses numeric,
    selling_and_marketing_expenses numeric,
    selling_general_and_administrative_expenses numeric,
    other_expenses numeric,
    operating_expenses numeric,
    cost_and_expenses numeric,
    net_interest_income numeric,
    interest_income numeric,
    interest_expense numeric,
    depreciation_and_amortization numeric,
    ebitda numeric,
    ebitda_ratio numeric,
    ebit numeric,
    non_operating_income_excluding_interest numeric,
    operating_income numeric,
    operating_income_ratio numeric,
    total_other_income_expenses_net numeric,
    income_before_tax numeric,
    income_before_tax_ratio numeric,
    income_tax_expense numeric,
    net_income_from_continuing_operations numeric,
    net_income_from_discontinued_operations numeric,
    other_adjustments_to_net_income numeric,
    net_income numeric,
    net_income_deductions numeric,
    bottom_line_net_income numeric,
    net_income_ratio numeric,
    eps numeric,
    eps_diluted numeric,
    weighted_average_shs_out numeric,
    weighted_average_shs_out_dil numeric,
    extra jsonb,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT equity_income_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT equity_income_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.equity_income_current (
    symbol text NOT NULL COLLATE pg_catalog."C",
    period text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.equity_income_latest AS
 SELECT ( SELECT core.raw_document(r.payload, h.batch_elem) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.symbol,
    h.period,
    h.date,
    h.fiscal_year,
    h.reported_currency,
    h.cik,
    h.filing_date,
    h.accepted_date,
    h.link,
    h.final_link,
    h.revenue,
    h.cost_of_revenue,
    h.gross_profit,
    h.gross_profit_ratio,
    h.research_and_development_expenses,
    h.general_and_administrative_expenses,
    h.selling_and_marketing_expenses,
    h.selling_general_and_administrative_expenses,
    h.other_expenses,
    h.operating_expenses,
    h.cost_and_expenses,
    h.net_interest_income,
    h.interest_income,
    h.interest_expense,
    h.depreciation_and_amortization,
    h.ebitda,
    h.ebitda_ratio,
    h.ebit,
    h.non_operating_income_excluding_interest,
    h.operating_income,
    h.operating_income_ratio,
    h.total_other_income_expenses_net,
    h.income_before_tax,
    h.income_before_tax_ratio,
    h.income_tax_expense,
    h.net_income_from_continuing_operations,
    h.net_income_from_discontinued_operations,
    h.other_adjustments_to_net_income,
    h.net_income,
    h.net_income_deductions,
    h.bottom_line_net_income,
    h.net_income_ratio,
    h.eps,
    h.eps_diluted,
    h.weighted_average_shs_out,
    h.weighted_average_shs_out_dil,
    h.extra,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.batch_elem,
    h.vendor_as_of
   FROM (core.equity_income_current c
     JOIN core.equity_income h ON (((h.symbol = c.symbol) AND (h.period = c.period) AND (h.date = c.date) AND (h.data_version = c.data_version))));

CREATE TABLE core.equity_key_metrics (
    symbol text NOT NULL COLLATE pg_catalog."C",
    period text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    fiscal_year integer,
    reported_currency text,
    market_cap numeric,
    enterprise_value numeric,
    pe_ratio numeric,
    price_to_sales_ratio numeric,
    pocf_ratio numeric,
    pfcf_ratio numeric,
    pb_ratio numeric,
    ptb_ratio numeric,
    ev_to_sales numeric,
    ev_to_ebitda numeric,
    ev_to_operating_cash_flow numeric,
    ev_to_free_cash_flow numeric,
    earnings_yield numeric,
    free_cash_flow_yield numeric,
    graham_number numeric,
    graham_net_net numeric,
    revenue_per_share numeric,
    net_income_per_share numeric,
    operating_cash_flow_per_share numeric,
    free_cash_flow_per_share numeric,
    cash_per_share numeric,
    book_value_per_share numeric,
    tangible_book_value_per_share numeric,
    shareholders_equity_per_share numeric,
    interest_debt_per_share numeric,
    capex_per_share numeric,
    debt_to_equity numeric,
    debt_to_assets numeric,
    net_debt_to_ebitda numeric,
    current_ratio numeric,
    interest_coverage numeric,
    income_quality numeric,
    tax_burden numeric,
    interest_burden numeric,
    dividend_yield numeric,
    payout_ratio numeric,
    sales_general_and_administrative_to_revenue numeric,
    research_and_development_to_revenue numeric,
    intangibles_to_total_assets numeric,
    capex_to_operating_cash_flow numeric,
    capex_to_revenue numeric,
    capex_to_depreciation numeric,
    stock_based_compensation_to_revenue numeric,
    return_on_equity numeric,
    return_on_invested_capital numeric,
    return_on_assets numeric,
    operating_return_on_assets numeric,
    return_on_tangible_assets numeric,
    return_on_capital_employed numeric,
    working_capital numeric,
    tangible_asset_value numeric,
    net_current_asset_value numeric,
    invested_capital numeric,
    average_receivables numeric,
    average_payables numeric,
    average_inventory numeric,
    days_of_sales_outstanding numeric,
    days_of_payables_outstanding numeric,
    days_of_inventory_outstanding numeric,
    receivables_turnover numeric,
    payables_turnover numeric,
    inventory_turnover numeric,
    operating_cycle numeric,
    cash_conversion_cycle numeric,
    free_cash_flow_to_equity numeric,
    free_cash_flow_to_firm numeric,
    extra jsonb,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    correction_id bigint,
    CONSTRAINT equity_key_metrics_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT equity_key_metrics_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.equity_key_metrics_current (
    symbol text NOT NULL COLLATE pg_catalog."C",
    period text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.equity_key_metrics_latest AS
 SELECT ( SELECT core.raw_document(r.payload, h.batch_elem) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.symbol,
    h.period,
    h.date,
    h.fiscal_year,
    h.reported_currency,
    h.market_cap,
    h.enterprise_value,
    h.pe_ratio,
    h.price_to_sales_ratio,
    h.pocf_ratio,
    h.pfcf_ratio,
    h.pb_ratio,
    h.ptb_ratio,
    h.ev_to_sales,
    h.ev_to_ebitda,
    h.ev_to_operating_cash_flow,
    h.ev_to_free_cash_flow,
    h.earnings_yield,
    h.free_cash_flow_yield,
    h.graham_number,
    h.graham_net_net,
    h.revenue_per_share,
    h.net_income_per_share,
    h.operating_cash_flow_per_share,
    h.free_cash_flow_per_share,
    h.cash_per_share,
    h.book_value_per_share,
    h.tangible_book_value_per_share,
    h.shareholders_equity_per_share,
    h.interest_debt_per_share,
    h.capex_per_share,
    h.debt_to_equity,
    h.debt_to_assets,
    h.net_debt_to_ebitda,
    h.current_ratio,
    h.interest_coverage,
    h.income_quality,
    h.tax_burden,
    h.interest_burden,
    h.dividend_yield,
    h.payout_ratio,
    h.sales_general_and_administrative_to_revenue,
    h.research_and_development_to_revenue,
    h.intangibles_to_total_assets,
    h.capex_to_operating_cash_flow,
    h.capex_to_revenue,
    h.capex_to_depreciation,
    h.stock_based_compensation_to_revenue,
    h.return_on_equity,
    h.return_on_invested_capital,
    h.return_on_assets,
    h.operating_return_on_assets,
    h.return_on_tangible_assets,
    h.return_on_capital_employed,
    h.working_capital,
    h.tangible_asset_value,
    h.net_current_asset_value,
    h.invested_capital,
    h.average_receivables,
    h.average_payables,
    h.average_inventory,
    h.days_of_sales_outstanding,
    h.days_of_payables_outstanding,
    h.days_of_inventory_outstanding,
    h.receivables_turnover,
    h.payables_turnover,
    h.inventory_turnover,
    h.operating_cycle,
    h.cash_conversion_cycle,
    h.free_cash_flow_to_equity,
    h.free_cash_flow_to_firm,
    h.extra,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.batch_elem,
    h.vendor_as_of,
    h.correction_id
   FROM (core.equity_key_metrics_current c
     JOIN core.equity_key_metrics h ON (((h.symbol = c.symbol) AND (h.period = c.period) AND (h.date = c.date) AND (h.data_version = c.data_version))));

CREATE TABLE core.equity_ratios (
    symbol text NOT NULL COLLATE pg_catalog."C",
    period text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    fiscal_year integer,
    reported_currency text,
    current_ratio numeric,
    quick_ratio numeric,
    cash_ratio numeric,
    solvency_ratio numeric,
    days_of_sales_outstanding numeric,
    days_of_inventory_outstanding numeric,
    operating_cycle numeric,
    days_of_payables_outstanding numeric,
    cash_conversion_cycle numeric,
    gross_profit_margin numeric,
    ebit_margin numeric,
    ebitda_margin numeric,
    operating_profit_margin numeric,
    pretax_profit_margin numeric,
    continuous_operations_profit_margin numeric,
    net_profit_margin numeric,
    bottom_line_profit_margin numeric,
    effective_tax_rate numeric,
    return_on_assets numeric,
    return_on_equity numeric,
    return_on_capital_employed numeric,
    net_income_per_ebt numeric,
    ebt_per_ebit numeric,
    ebit_per_revenue numeric,
    debt_to_assets_ratio numeric,
    debt_to_equity_ratio numeric,
    debt_to_capital_ratio numeric,
    long_term_debt_to_capital_ratio numeric,
    interest_coverage_ratio numeric,
    cash_flow_to_debt_ratio numeric,
    financial_leverage_ratio numeric,
    debt_to_market_cap numeric,
    receivables_turnover numeric,
    payables_turnover numeric,
    inventory_turnover numeric,
    fixed_asset_turnover numeric,
    asset_turnover numeric,
    working_capital_turnover_ratio numeric,
    revenue_per_share numeric,
    net_income_per_share numeric,
    interest_debt_per_share numeric,
    cash_per_share numeric,
    book_value_per_share numeric,
    tangible_book_value_per_share numeric,
    shareholders_equity_per_share numeric,
    operating_cash_flow_per_share numeric,
    capex_per_share numeric,
    free_cash_flow_per_share numeric,
    operating_cash_flow_ratio numeric,
    operating_cash_flow_sales_ratio numeric,
    free_cash_flow_operating_cash_flow_ratio numeric,
    operating_cash_flow_coverage_ratio numeric,
    short_term_operating_cash_flow_coverage_ratio numeric,
    capital_expenditure_coverage_ratio numeric,
    dividend_paid_and_capex_coverage_ratio numeric,
    debt_service_coverage_ratio numeric,
    payout_ratio numeric,
    dividend_payout_ratio numeric,
    dividend_yield numeric,
    dividend_yield_percentage numeric,
    dividend_per_share numeric,
    price_to_earnings_ratio numeric,
    price_to_earnings_growth_ratio numeric,
    forward_price_to_earnings_growth_ratio numeric,
    price_to_book_ratio numeric,
    price_to_sales_ratio numeric,
    price_to_free_cash_flow_ratio numeric,
    price_to_operating_cash_flow_ratio numeric,
    price_cash_flow_ratio numeric,
    enterprise_value_multiple numeric,
    price_to_fair_value numeric,
    extra jsonb,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    correction_id bigint,
    CONSTRAINT equity_ratios_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT equity_ratios_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.equity_ratios_current (
    symbol text NOT NULL COLLATE pg_catalog."C",
    period text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.equity_ratios_latest AS
 SELECT ( SELECT core.raw_document(r.payload, h.batch_elem) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.symbol,
    h.period,
    h.date,
    h.fiscal_year,
    h.reported_currency,
    h.current_ratio,
    h.quick_ratio,
    h.cash_ratio,
    h.solvency_ratio,
    h.days_of_sales_outstanding,
    h.days_of_inventory_outstanding,
    h.operating_cycle,
    h.days_of_payables_outstanding,
    h.cash_conversion_cycle,
    h.gross_profit_margin,
    h.ebit_margin,
    h.ebitda_margin,
    h.operating_profit_margin,
    h.pretax_profit_margin,
    h.continuous_operations_profit_margin,
    h.net_profit_margin,
    h.bottom_line_profit_margin,
    h.effective_tax_rate,
    h.return_on_assets,
    h.return_on_equity,
    h.return_on_capital_employed,
    h.net_income_per_ebt,
    h.ebt_per_ebit,
    h.ebit_per_revenue,
    h.debt_to_assets_ratio,
    h.debt_to_equity_ratio,
    h.debt_to_capital_ratio,
    h.long_term_debt_to_capital_ratio,
    h.interest_coverage_ratio,
    h.cash_flow_to_debt_ratio,
    h.financial_leverage_ratio,
    h.debt_to_market_cap,
    h.receivables_turnover,
    h.payables_turnover,
    h.inventory_turnover,
    h.fixed_asset_turnover,
    h.asset_turnover,
    h.working_capital_turnover_ratio,
    h.revenue_per_share,
    h.net_income_per_share,
    h.interest_debt_per_share,
    h.cash_per_share,
    h.book_value_per_share,
    h.tangible_book_value_per_share,
    h.shareholders_equity_per_share,
    h.operating_cash_flow_per_share,
    h.capex_per_share,
    h.free_cash_flow_per_share,
    h.operating_cash_flow_ratio,
    h.operating_cash_flow_sales_ratio,
    h.free_cash_flow_operating_cash_flow_ratio,
    h.operating_cash_flow_coverage_ratio,
    h.short_term_operating_cash_flow_coverage_ratio,
    h.capital_expenditure_coverage_ratio,
    h.dividend_paid_and_capex_coverage_ratio,
    h.debt_service_coverage_ratio,
    h.payout_ratio,
    h.dividend_payout_ratio,
    h.dividend_yield,
    h.dividend_yield_percentage,
    h.dividend_per_share,
    h.price_to_earnings_ratio,
    h.price_to_earnings_growth_ratio,
    h.forward_price_to_earnings_growth_ratio,
    h.price_to_book_ratio,
    h.price_to_sales_ratio,
    h.price_to_free_cash_flow_ratio,
    h.price_to_operating_cash_flow_ratio,
    h.price_cash_flow_ratio,
    h.enterprise_value_multiple,
    h.price_to_fair_value,
    h.extra,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.batch_elem,
    h.vendor_as_of,
    h.correction_id
   FROM (core.equity_ratios_current c
     JOIN core.equity_ratios h ON (((h.symbol = c.symbol) AND (h.period = c.period) AND (h.date = c.date) AND (h.data_version = c.data_version))));

CREATE VIEW api.equity_fundamentals AS
 SELECT k.symbol,
    k.period,
    k.date,
    COALESCE(i.fiscal_year, b.fiscal_year, c.fiscal_year, r.fiscal_year, m.fiscal_year) AS fiscal_year,
    COALESCE(i.reported_currency, b.reported_currency, c.reported_currency, r.reported_currency, m.reported_currency) AS reported_currency,
    COALESCE(i.filing_date, b.filing_date, c.filing_date) AS filing_date,
    COALESCE(i.accepted_date, b.accepted_date, c.accepted_date) AS accepted_date,
    i.revenue,
    i.cost_of_revenue,
    i.gross_profit,
    i.gross_profit_ratio,
    i.research_and_development_expenses,
    i.general_and_administrative_expenses,
    i.selling_and_marketing_expenses,
    i.selling_general_and_administrative_expenses,
    i.other_expenses,
    i.operating_expenses,
    i.cost_and_expenses,
    i.net_interest_income,
    i.interest_income,
    i.interest_expense,
    i.depreciation_and_amortization,
    i.ebitda,
    i.ebitda_ratio,
    i.ebit,
    i.non_operating_income_excluding_interest,
    i.operating_income,
    i.operating_income_ratio,
    i.total_other_income_expenses_net,
    i.income_before_tax,
    i.income_before_tax_ratio,
    i.income_tax_expense,
    i.net_income_from_continuing_operations,
    i.net_income_from_discontinued_operations,
    i.other_adjustments_to_net_income,
    i.net_income,
    i.net_income_deductions,
    i.bottom_line_net_income,
    i.net_income_ratio,
    i.eps,
    i.eps_diluted,
    i.weighted_average_shs_out,
    i.weighted_average_shs_out_dil,
    b.cash_and_cash_equivalents,
    b.short_term_investments,
    b.cash_and_short_term_investments,
    b.net_receivables,
    b.accounts_receivables,
    b.other_receivables,
    b.inventory,
    b.prepaids,
    b.other_current_assets,
    b.total_current_assets,
    b.property_plant_equipment_net,
    b.goodwill,
    b.intangible_assets,
    b.goodwill_and_intangible_assets,
    b.long_term_investments,
    b.tax_assets,
    b.other_non_current_assets,
    b.total_non_current_assets,
    b.other_assets,
    b.total_assets,
    b.total_payables,
    b.account_payables,
    b.other_payables,
    b.accrued_expenses,
    b.short_term_debt,
    b.capital_lease_obligations_current,
    b.tax_payables,
    b.deferred_revenue,
    b.other_current_liabilities,
    b.total_current_liabilities,
    b.long_term_debt,
    b.capital_lease_obligations_non_current,
    b.deferred_revenue_non_current,
    b.deferred_tax_liabilities_non_current,
    b.other_non_current_liabilities,
    b.total_non_current_liabilities,
    b.other_liabilities,
    b.capital_lease_obligations,
    b.total_liabilities,
    b.treasury_stock,
    b.preferred_stock,
    b.common_stock,
    b.retained_earnings,
    b.additional_paid_in_capital,
    b.accumulated_other_comprehensive_income_loss,
    b.other_total_stockholders_equity,
    b.total_stockholders_equity,
    b.total_equity,
    b.minority_interest,
    b.total_liabilities_and_stockholders_equity,
    b.total_liabilities_and_total_equity,
    b.total_investments,
    b.total_debt,
    b.net_debt,
    c.net_income AS cash_flow_net_income,
    c.depreciation_and_amortization AS cash_flow_depreciation_and_amortization,
    c.deferred_income_tax,
    c.stock_based_compensation,
    c.change_in_working_capital,
    c.accounts_receivables AS cash_flow_accounts_receivables,
    c.inventory AS cash_flow_inventory,
    c.accounts_payables AS cash_flow_accounts_payables,
    c.other_working_capital,
    c.other_non_cash_items,
    c.net_cash_provided_by_operating_activities,
    c.investments_in_property_plant_and_equipment,
    c.acquisitions_net,
    c.purchases_of_investments,
    c.sales_maturities_of_investments,
    c.other_investing_activities,
    c.net_cash_provided_by_investing_activities,
    c.debt_repayment,
    c.net_debt_issuance,
    c.long_term_net_debt_issuance,
    c.short_term_net_debt_issuance,
    c.net_stock_issuance,
    c.net_common_stock_issuance,
    c.common_stock_issuance,
    c.common_stock_repurchased,
    c.net_preferred_stock_issuance,
    c.net_dividends_paid,
    c.common_dividends_paid,
    c.preferred_dividends_paid,
    c.other_financing_activities,
    c.net_cash_provided_by_financing_activities,
    c.effect_of_forex_changes_on_cash,
    c.net_change_in_cash,
    c.cash_at_end_of_period,
    c.cash_at_beginning_of_period,
    c.operating_cash_flow,
    c.capital_expenditure,
    c.free_cash_flow,
    c.income_taxes_paid,
    c.interest_paid,
    COALESCE(r.current_ratio, m.current_ratio) AS current_ratio,
    r.quick_ratio,
    r.cash_ratio,
    r.solvency_ratio,
    COALESCE(r.days_of_sales_outstanding, m.days_of_sales_outstanding) AS days_of_sales_outstanding,
    COALESCE(r.days_of_inventory_outstanding, m.days_of_inventory_outstanding) AS days_of_inventory_outstanding,
    COALESCE(r.operating_cycle, m.operating_cycle) AS operating_cycle,
    COALESCE(r.days_of_payables_outstanding, m.days_of_payables_outstanding) AS days_of_payables_outstanding,
    COALESCE(r.cash_conversion_cycle, m.cash_conversion_cycle) AS cash_conversion_cycle,
    r.gross_profit_margin,
    r.ebit_margin,
    r.ebitda_margin,
    r.operating_profit_margin,
    r.pretax_profit_margin,
    r.continuous_operations_profit_margin,
    r.net_profit_margin,
    r.bottom_line_profit_margin,
    r.effective_tax_rate,
    COALESCE(r.return_on_assets, m.return_on_assets) AS return_on_assets,
    COALESCE(r.return_on_equity, m.return_on_equity) AS return_on_equity,
    COALESCE(r.return_on_capital_employed, m.return_on_capital_employed) AS return_on_capital_employed,
    r.net_income_per_ebt,
    r.ebt_per_ebit,
    r.ebit_per_revenue,
    r.debt_to_assets_ratio,
    r.debt_to_equity_ratio,
    r.debt_to_capital_ratio,
    r.long_term_debt_to_capital_ratio,
    r.interest_coverage_ratio,
    r.cash_flow_to_debt_ratio,
    r.financial_leverage_ratio,
    r.debt_to_market_cap,
    COALESCE(r.receivables_turnover, m.receivables_turnover) AS receivables_turnover,
    COALESCE(r.payables_turnover, m.payables_turnover) AS payables_turnover,
    COALESCE(r.inventory_turnover, m.inventory_turnover) AS inventory_turnover,
    r.fixed_asset_turnover,
    r.asset_turnover,
    r.working_capital_turnover_ratio,
    COALESCE(r.revenue_per_share, m.revenue_per_share) AS revenue_per_share,
    COALESCE(r.net_income_per_share, m.net_income_per_share) AS net_income_per_share,
    COALESCE(r.interest_debt_per_share, m.interest_debt_per_share) AS interest_debt_per_share,
    COALESCE(r.cash_per_share, m.cash_per_share) AS cash_per_share,
    COALESCE(r.book_value_per_share, m.book_value_per_share) AS book_value_per_share,
    COALESCE(r.tangible_book_value_per_share, m.tangible_book_value_per_share) AS tangible_book_value_per_share,
    COALESCE(r.shareholders_equity_per_share, m.shareholders_equity_per_share) AS shareholders_equity_per_share,
    COALESCE(r.operating_cash_flow_per_share, m.operating_cash_flow_per_share) AS operating_cash_flow_per_share,
    COALESCE(r.capex_per_share, m.capex_per_share) AS capex_per_share,
    COALESCE(r.free_cash_flow_per_share, m.free_cash_flow_per_share) AS free_cash_flow_per_share,
    r.operating_cash_flow_ratio,
    r.operating_cash_flow_sales_ratio,
    r.free_cash_flow_operating_cash_flow_ratio,
    r.operating_cash_flow_coverage_ratio,
    r.short_term_operating_cash_flow_coverage_ratio,
    r.capital_expenditure_coverage_ratio,
    r.dividend_paid_and_capex_coverage_ratio,
    r.debt_service_coverage_ratio,
    COALESCE(r.payout_ratio, m.payout_ratio) AS payout_ratio,
    r.dividend_payout_ratio,
    COALESCE(r.dividend_yield, m.dividend_yield) AS dividend_yield,
    r.dividend_yield_percentage,
    r.dividend_per_share,
    r.price_to_earnings_ratio,
    r.price_to_earnings_growth_ratio,
    r.forward_price_to_earnings_growth_ratio,
    r.price_to_book_ratio,
    COALESCE(r.price_to_sales_ratio, m.price_to_sales_ratio) AS price_to_sales_ratio,
    r.price_to_free_cash_flow_ratio,
    r.price_to_operating_cash_flow_ratio,
    r.price_cash_flow_ratio,
    r.enterprise_value_multiple,
    r.price_to_fair_value,
    m.market_cap,
    m.enterprise_value,
    m.pe_ratio,
    m.pocf_ratio,
    m.pfcf_ratio,
    m.pb_ratio,
    m.ptb_ratio,
    m.ev_to_sales,
    m.ev_to_ebitda,
    m.ev_to_operating_cash_flow,
    m.ev_to_free_cash_flow,
    m.earnings_yield,
    m.free_cash_flow_yield,
    m.graham_number,
    m.graham_net_net,
    m.debt_to_equity,
    m.debt_to_assets,
    m.net_debt_to_ebitda,
    m.interest_coverage,
    m.income_quality,
    m.tax_burden,
    m.interest_burden,
    m.sales_general_and_administrative_to_revenue,
    m.research_and_development_to_revenue,
    m.intangibles_to_total_assets,
    m.capex_to_operating_cash_flow,
    m.capex_to_revenue,
    m.capex_to_depreciation,
    m.stock_based_compensation_to_revenue,
    m.return_on_invested_capital,
    m.operating_return_on_assets,
    m.return_on_tangible_assets,
    m.working_capital,
    m.tangible_asset_value,
    m.net_current_asset_value,
    m.invested_capital,
    m.average_receivables,
    m.average_payables,
    m.average_inventory,
    m.free_cash_flow_to_equity,
    m.free_cash_flow_to_firm,
    GREATEST(i.updated_at, b.updated_at, c.updated_at, r.updated_at, m.updated_at) AS updated_at
   FROM (((((( SELECT i_1.symbol,
            i_1.period,
            i_1.date
           FROM core.equity_income_current i_1
        UNION
         SELECT b_1.symbol,
            b_1.period,
            b_1.date
           FROM core.equity_balance_current b_1
        UNION
         SELECT c_1.symbol,
            c_1.period,
            c_1.date
           FROM core.equity_cash_flow_current c_1
        UNION
         SELECT r_1.symbol,
            r_1.period,
            r_1.date
           FROM core.equity_ratios_current r_1
        UNION
         SELECT m_1.symbol,
            m_1.period,
            m_1.date
           FROM core.equity_key_metrics_current m_1) k
     LEFT JOIN ( SELECT DISTINCT ON (x.symbol, x.period, x.date) x.raw_json,
            x.symbol,
            x.period,
            x.date,
            x.fiscal_year,
            x.reported_currency,
            x.cik,
            x.filing_date,
            x.accepted_date,
            x.link,
            x.final_link,
            x.revenue,
            x.cost_of_revenue,
            x.gross_profit,
            x.gross_profit_ratio,
            x.research_and_development_expenses,
            x.general_and_administrative_expenses,
            x.selling_and_marketing_expenses,
            x.selling_general_and_administrative_expenses,
            x.other_expenses,
            x.operating_expenses,
            x.cost_and_expenses,
            x.net_interest_income,
            x.interest_income,
            x.interest_expense,
            x.depreciation_and_amortization,
            x.ebitda,
            x.ebitda_ratio,
            x.ebit,
            x.non_operating_income_excluding_interest,
            x.operating_income,
            x.operating_income_ratio,
            x.total_other_income_expenses_net,
            x.income_before_tax,
            x.income_before_tax_ratio,
            x.income_tax_expense,
            x.net_income_from_continuing_operations,
            x.net_income_from_discontinued_operations,
            x.other_adjustments_to_net_income,
            x.net_income,
            x.net_income_deductions,
            x.bottom_line_net_income,
            x.net_income_ratio,
            x.eps,
            x.eps_diluted,
            x.weighted_average_shs_out,
            x.weighted_average_shs_out_dil,
            x.extra,
            x.array_source_field,
            x.array_element_index,
            x.array_element_value,
            x.data_source,
            x.source_file,
            x.api_version,
            x.data_version,
            x.content_hash,
            x.processed_at,
            x.updated_at,
            x.batch_id,
            x.batch_line,
            x.batch_elem,
            x.vendor_as_of
           FROM core.equity_income_latest x
          ORDER BY x.symbol, x.period, x.date) i ON (((i.symbol = k.symbol) AND (i.period = k.period) AND (i.date = k.date))))
     LEFT JOIN ( SELECT DISTINCT ON (x.symbol, x.period, x.date) x.raw_json,
            x.symbol,
            x.period,
            x.date,
            x.fiscal_year,
            x.reported_currency,
            x.cik,
            x.filing_date,
            x.accepted_date,
            x.link,
            x.final_link,
            x.cash_and_cash_equivalents,
            x.short_term_investments,
            x.cash_and_short_term_investments,
            x.net_receivables,
            x.accounts_receivables,
            x.other_receivables,
            x.inventory,
            x.prepaids,
            x.other_current_assets,
            x.total_current_assets,
            x.property_plant_equipment_net,
            x.goodwill,
            x.intangible_assets,
            x.goodwill_and_intangible_assets,
            x.long_term_investments,
            x.tax_assets,
            x.other_non_current_assets,
            x.total_non_current_assets,
            x.other_assets,
            x.total_assets,
            x.total_payables,
            x.account_payables,
            x.other_payables,
            x.accrued_expenses,
            x.short_term_debt,
            x.capital_lease_obligations_current,
            x.tax_payables,
            x.deferred_revenue,
            x.other_current_liabilities,
            x.total_current_liabilities,
            x.long_term_debt,
            x.capital_lease_obligations_non_current,
            x.deferred_revenue_non_current,
            x.deferred_tax_liabilities_non_current,
            x.other_non_current_liabilities,
            x.total_non_current_liabilities,
            x.other_liabilities,
            x.capital_lease_obligations,
            x.total_liabilities,
            x.treasury_stock,
            x.preferred_stock,
            x.common_stock,
            x.retained_earnings,
            x.additional_paid_in_capital,
            x.accumulated_other_comprehensive_income_loss,
            x.other_total_stockholders_equity,
            x.total_stockholders_equity,
            x.total_equity,
            x.minority_interest,
            x.total_liabilities_and_stockholders_equity,
            x.total_liabilities_and_total_equity,
            x.total_investments,
            x.total_debt,
            x.net_debt,
            x.extra,
            x.array_source_field,
            x.array_element_index,
            x.array_element_value,
            x.data_source,
            x.source_file,
            x.api_version,
            x.data_version,
            x.content_hash,
            x.processed_at,
            x.updated_at,
            x.batch_id,
            x.batch_line,
            x.batch_elem,
            x.vendor_as_of
           FROM core.equity_balance_latest x
          ORDER BY x.symbol, x.period, x.date) b ON (((b.symbol = k.symbol) AND (b.period = k.period) AND (b.date = k.date))))
     LEFT JOIN ( SELECT DISTINCT ON (x.symbol, x.period, x.date) x.raw_json,
            x.symbol,
            x.period,
            x.date,
            x.fiscal_year,
            x.reported_currency,
            x.cik,
            x.filing_date,
            x.accepted_date,
            x.link,
            x.final_link,
            x.net_income,
            x.depreciation_and_amortization,
            x.deferred_income_tax,
            x.stock_based_compensation,
            x.change_in_working_capital,
            x.accounts_receivables,
            x.inventory,
            x.accounts_payables,
            x.other_working_capital,
            x.other_non_cash_items,
            x.net_cash_provided_by_operating_activities,
            x.investments_in_property_plant_and_equipment,
            x.acquisitions_net,
            x.purchases_of_investments,
            x.sales_maturities_of_investments,
            x.other_investing_activities,
            x.net_cash_provided_by_investing_activities,
            x.debt_repayment,
            x.net_debt_issuance,
            x.long_term_net_debt_issuance,
            x.short_term_net_debt_issuance,
            x.net_stock_issuance,
            x.net_common_stock_issuance,
            x.common_stock_issuance,
            x.common_stock_repurchased,
            x.net_preferred_stock_issuance,
            x.net_dividends_paid,
            x.common_dividends_paid,
            x.preferred_dividends_paid,
            x.other_financing_activities,
            x.net_cash_provided_by_financing_activities,
            x.effect_of_forex_changes_on_cash,
            x.net_change_in_cash,
            x.cash_at_end_of_period,
            x.cash_at_beginning_of_period,
            x.operating_cash_flow,
            x.capital_expenditure,
            x.free_cash_flow,
            x.income_taxes_paid,
            x.interest_paid,
            x.extra,
            x.array_source_field,
            x.array_element_index,
            x.array_element_value,
            x.data_source,
            x.source_file,
            x.api_version,
            x.data_version,
            x.content_hash,
            x.processed_at,
            x.updated_at,
            x.batch_id,
            x.batch_line,
            x.batch_elem,
            x.vendor_as_of
           FROM core.equity_cash_flow_latest x
          ORDER BY x.symbol, x.period, x.date) c ON (((c.symbol = k.symbol) AND (c.period = k.period) AND (c.date = k.date))))
     LEFT JOIN ( SELECT DISTINCT ON (x.symbol, x.period, x.date) x.raw_json,
            x.symbol,
            x.period,
            x.date,
            x.fiscal_year,
            x.reported_currency,
            x.current_ratio,
            x.quick_ratio,
            x.cash_ratio,
            x.solvency_ratio,
            x.days_of_sales_outstanding,
            x.days_of_inventory_outstanding,
            x.operating_cycle,
            x.days_of_payables_outstanding,
            x.cash_conversion_cycle,
            x.gross_profit_margin,
            x.ebit_margin,
            x.ebitda_margin,
            x.operating_profit_margin,
            x.pretax_profit_margin,
            x.continuous_operations_profit_margin,
            x.net_profit_margin,
            x.bottom_line_profit_margin,
            x.effective_tax_rate,
            x.return_on_assets,
            x.return_on_equity,
            x.return_on_capital_employed,
            x.net_income_per_ebt,
            x.ebt_per_ebit,
            x.ebit_per_revenue,
            x.debt_to_assets_ratio,
            x.debt_to_equity_ratio,
            x.debt_to_capital_ratio,
            x.long_term_debt_to_capital_ratio,
            x.interest_coverage_ratio,
            x.cash_flow_to_debt_ratio,
            x.financial_leverage_ratio,
            x.debt_to_market_cap,
            x.receivables_turnover,
            x.payables_turnover,
            x.inventory_turnover,
            x.fixed_asset_turnover,
            x.asset_turnover,
            x.working_capital_turnover_ratio,
            x.revenue_per_share,
            x.net_income_per_share,
            x.interest_debt_per_share,
            x.cash_per_share,
            x.book_value_per_share,
            x.tangible_book_value_per_share,
            x.shareholders_equity_per_share,
            x.operating_cash_flow_per_share,
            x.capex_per_share,
            x.free_cash_flow_per_share,
            x.operating_cash_flow_ratio,
            x.operating_cash_flow_sales_ratio,
            x.free_cash_flow_operating_cash_flow_ratio,
            x.operating_cash_flow_coverage_ratio,
            x.short_term_operating_cash_flow_coverage_ratio,
            x.capital_expenditure_coverage_ratio,
            x.dividend_paid_and_capex_coverage_ratio,
            x.debt_service_coverage_ratio,
            x.payout_ratio,
            x.dividend_payout_ratio,
            x.dividend_yield,
            x.dividend_yield_percentage,
            x.dividend_per_share,
            x.price_to_earnings_ratio,
            x.price_to_earnings_growth_ratio,
            x.forward_price_to_earnings_growth_ratio,
            x.price_to_book_ratio,
            x.price_to_sales_ratio,
            x.price_to_free_cash_flow_ratio,
            x.price_to_operating_cash_flow_ratio,
            x.price_cash_flow_ratio,
            x.enterprise_value_multiple,
            x.price_to_fair_value,
            x.extra,
            x.array_source_field,
            x.array_element_index,
            x.array_element_value,
            x.data_source,
            x.source_file,
            x.api_version,
            x.data_version,
            x.content_hash,
            x.processed_at,
            x.updated_at,
            x.batch_id,
            x.batch_line,
            x.batch_elem,
            x.vendor_as_of,
            x.correction_id
           FROM core.equity_ratios_latest x
          ORDER BY x.symbol, x.period, x.date) r ON (((r.symbol = k.symbol) AND (r.period = k.period) AND (r.date = k.date))))
     LEFT JOIN ( SELECT DISTINCT ON (x.symbol, x.period, x.date) x.raw_json,
            x.symbol,
            x.period,
            x.date,
            x.fiscal_year,
            x.reported_currency,
            x.market_cap,
            x.enterprise_value,
            x.pe_ratio,
            x.price_to_sales_ratio,
            x.pocf_ratio,
            x.pfcf_ratio,
            x.pb_ratio,
            x.ptb_ratio,
            x.ev_to_sales,
            x.ev_to_ebitda,
            x.ev_to_operating_cash_flow,
            x.ev_to_free_cash_flow,
            x.earnings_yield,
            x.free_cash_flow_yield,
            x.graham_number,
            x.graham_net_net,
            x.revenue_per_share,
            x.net_income_per_share,
            x.operating_cash_flow_per_share,
            x.free_cash_flow_per_share,
            x.cash_per_share,
            x.book_value_per_share,
            x.tangible_book_value_per_share,
            x.shareholders_equity_per_share,
            x.interest_debt_per_share,
            x.capex_per_share,
            x.debt_to_equity,
            x.debt_to_assets,
            x.net_debt_to_ebitda,
            x.current_ratio,
            x.interest_coverage,
            x.income_quality,
            x.tax_burden,
            x.interest_burden,
            x.dividend_yield,
            x.payout_ratio,
            x.sales_general_and_administrative_to_revenue,
            x.research_and_development_to_revenue,
            x.intangibles_to_total_assets,
            x.capex_to_operating_cash_flow,
            x.capex_to_revenue,
            x.capex_to_depreciation,
            x.stock_based_compensation_to_revenue,
            x.return_on_equity,
            x.return_on_invested_capital,
            x.return_on_assets,
            x.operating_return_on_assets,
            x.return_on_tangible_assets,
            x.return_on_capital_employed,
            x.working_capital,
            x.tangible_asset_value,
            x.net_current_asset_value,
            x.invested_capital,
            x.average_receivables,
            x.average_payables,
            x.average_inventory,
            x.days_of_sales_outstanding,
            x.days_of_payables_outstanding,
            x.days_of_inventory_outstanding,
            x.receivables_turnover,
            x.payables_turnover,
            x.inventory_turnover,
            x.operating_cycle,
            x.cash_conversion_cycle,
            x.free_cash_flow_to_equity,
            x.free_cash_flow_to_firm,
            x.extra,
            x.array_source_field,
            x.array_element_index,
            x.array_element_value,
            x.data_source,
            x.source_file,
            x.api_version,
            x.data_version,
            x.content_hash,
            x.processed_at,
            x.updated_at,
            x.batch_id,
            x.batch_line,
            x.batch_elem,
            x.vendor_as_of,
            x.correction_id
           FROM core.equity_key_metrics_latest x
          ORDER BY x.symbol, x.period, x.date) m ON (((m.symbol = k.symbol) AND (m.period = k.period) AND (m.date = k.date))));

CREATE TABLE core.equity_balance_growth (
    symbol text NOT NULL COLLATE pg_catalog."C",
    period text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    fiscal_year integer,
    reported_currency text,
    growth_cash_and_cash_equivalents numeric,
    growth_short_term_investments numeric,
    growth_cash_and_short_term_investments numeric,
    growth_net_receivables numeric,
    growth_accounts_receivables numeric,
    growth_other_receivables numeric,
    growth_inventory numeric,
    growth_prepaids numeric,
    growth_other_current_assets numeric,
    growth_total_current_assets numeric,
    growth_property_plant_equipment_net numeric,
    growth_goodwill numeric,
    growth_intangible_assets numeric,
    growth_goodwill_and_intangible_assets numeric,
    growth_long_term_investments numeric,
    growth_tax_assets numeric,
    growth_other_non_current_assets numeric,
    growth_total_non_current_assets numeric,
    growth_other_assets numeric,
    growth_total_assets numeric,
    growth_account_payables numeric,
    growth_total_payables numeric,
    growth_other_payables numeric,
    growth_accrued_expenses numeric,
    growth_short_term_debt numeric,
    growth_capital_lease_obligations_current numeric,
    growth_tax_payables numeric,
    growth_deferred_revenue numeric,
    growth_other_current_liabilities numeric,
    growth_total_current_liabilities numeric,
    growth_long_term_debt numeric,
    growth_capital_lease_obligations_non_current numeric,
    growth_deferred_revenue_non_current numeric,
    growth_deferred_tax_liabilities_non_current numeric,
    growth_other_non_current_liabilities numeric,
    growth_total_non_current_liabilities numeric,
    growth_other_liabilities numeric,
    growth_total_liabilities numeric,
    growth_treasury_stock numeric,
    growth_preferred_stock numeric,
    growth_common_stock numeric,
    growth_retained_earnings numeric,
    growth_additional_paid_in_capital numeric,
    growth_accumulated_other_comprehensive_income_loss numeric,
    growth_other_total_stockholders_equity numeric,
    growth_total_stockholders_equity numeric,
    growth_minority_interest numeric,
    growth_total_equity numeric,
    growth_total_liabilities_and_stockholders_equity numeric,
    growth_total_liabilities_and_total_equity numeric,
    growth_total_investments numeric,
    growth_total_debt numeric,
    growth_net_debt numeric,
    extra jsonb,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT equity_balance_growth_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT equity_balance_growth_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.equity_balance_growth_current (
    symbol text NOT NULL COLLATE pg_catalog."C",
    period text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.equity_balance_growth_latest AS
 SELECT ( SELECT core.raw_document(r.payload, h.batch_elem) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.symbol,
    h.period,
    h.date,
    h.fiscal_year,
    h.reported_currency,
    h.growth_cash_and_cash_equivalents,
    h.growth_short_term_investments,
    h.growth_cash_and_short_term_investments,
    h.growth_net_receivables,
    h.growth_accounts_receivables,
    h.growth_other_receivables,
    h.growth_inventory,
    h.growth_prepaids,
    h.growth_other_current_assets,
    h.growth_total_current_assets,
    h.growth_property_plant_equipment_net,
    h.growth_goodwill,
    h.growth_intangible_assets,
    h.growth_goodwill_and_intangible_assets,
    h.growth_long_term_investments,
    h.growth_tax_assets,
    h.growth_other_non_current_assets,
    h.growth_total_non_current_assets,
    h.growth_other_assets,
    h.growth_total_assets,
    h.growth_account_payables,
    h.growth_total_payables,
    h.growth_other_payables,
    h.growth_accrued_expenses,
    h.growth_short_term_debt,
    h.growth_capital_lease_obligations_current,
    h.growth_tax_payables,
    h.growth_deferred_revenue,
    h.growth_other_current_liabilities,
    h.growth_total_current_liabilities,
    h.growth_long_term_debt,
    h.growth_capital_lease_obligations_non_current,
    h.growth_deferred_revenue_non_current,
    h.growth_deferred_tax_liabilities_non_current,
    h.growth_other_non_current_liabilities,
    h.growth_total_non_current_liabilities,
    h.growth_other_liabilities,
    h.growth_total_liabilities,
    h.growth_treasury_stock,
    h.growth_preferred_stock,
    h.growth_common_stock,
    h.growth_retained_earnings,
    h.growth_additional_paid_in_capital,
    h.growth_accumulated_other_comprehensive_income_loss,
    h.growth_other_total_stockholders_equity,
    h.growth_total_stockholders_equity,
    h.growth_minority_interest,
    h.growth_total_equity,
    h.growth_total_liabilities_and_stockholders_equity,
    h.growth_total_liabilities_and_total_equity,
    h.growth_total_investments,
    h.growth_total_debt,
    h.growth_net_debt,
    h.extra,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.batch_elem,
    h.vendor_as_of
   FROM (core.equity_balance_growth_current c
     JOIN core.equity_balance_growth h ON (((h.symbol = c.symbol) AND (h.period = c.period) AND (h.date = c.date) AND (h.data_version = c.data_version))));

CREATE TABLE core.equity_cashflow_growth (
    symbol text NOT NULL COLLATE pg_catalog."C",
    period text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    fiscal_year integer,
    reported_currency text,
    growth_net_income numeric,
    growth_depreciation_and_amortization numeric,
    growth_deferred_income_tax numeric,
    growth_stock_based_compensation numeric,
    growth_change_in_working_capital numeric,
    growth_accounts_receivables numeric,
    growth_inventory numeric,
    growth_accounts_payables numeric,
    growth_other_working_capital numeric,
    growth_other_non_cash_items numeric,
    growth_net_cash_provided_by_operating_activities numeric,
    growth_investments_in_property_plant_and_equipment numeric,
    growth_acquisitions_net numeric,
    growth_purchases_of_investments numeric,
    growth_sales_maturities_of_investments numeric,
    growth_other_investing_activities numeric,
    growth_net_cash_provided_by_investing_activities numeric,
    growth_debt_repayment numeric,
    growth_net_debt_issuance numeric,
    growth_long_term_net_debt_issuance numeric,
    growth_short_term_net_debt_issuance numeric,
    growth_net_stock_issuance numeric,
    growth_common_stock_issuance numeric,
    growth_common_stock_repurchased numeric,
    growth_net_dividends_paid numeric,
    growth_common_dividends_paid numeric,
    growth_preferred_dividends_paid numeric,
    growth_other_financing_activities numeric,
    growth_net_cash_provided_by_financing_activities numeric,
    growth_effect_of_forex_changes_on_cash numeric,
    growth_net_change_in_cash numeric,
    growth_cash_at_end_of_period numeric,
    growth_cash_at_beginning_of_period numeric,
    growth_operating_cash_flow numeric,
    growth_capital_expenditure numeric,
    growth_free_cash_flow numeric,
    growth_income_taxes_paid numeric,
    growth_interest_paid numeric,
    extra jsonb,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT equity_cashflow_growth_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT equity_cashflow_growth_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.equity_cashflow_growth_current (
    symbol text NOT NULL COLLATE pg_catalog."C",
    period text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.equity_cashflow_growth_latest AS
 SELECT ( SELECT core.raw_document(r.payload, h.batch_elem) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.symbol,
    h.period,
    h.date,
    h.fiscal_year,
    h.reported_currency,
    h.growth_net_income,
    h.growth_depreciation_and_amortization,
    h.growth_deferred_income_tax,
    h.growth_stock_based_compensation,
    h.growth_change_in_working_capital,
    h.growth_accounts_receivables,
    h.growth_inventory,
    h.growth_accounts_payables,
    h.growth_other_working_capital,
    h.growth_other_non_cash_items,
    h.growth_net_cash_provided_by_operating_activities,
    h.growth_investments_in_property_plant_and_equipment,
    h.growth_acquisitions_net,
    h.growth_purchases_of_investments,
    h.growth_sales_maturities_of_investments,
    h.growth_other_investing_activities,
    h.growth_net_cash_provided_by_investing_activities,
    h.growth_debt_repayment,
    h.growth_net_debt_issuance,
    h.growth_long_term_net_debt_issuance,
    h.growth_short_term_net_debt_issuance,
    h.growth_net_stock_issuance,
    h.growth_common_stock_issuance,
    h.growth_common_stock_repurchased,
    h.growth_net_dividends_paid,
    h.growth_common_dividends_paid,
    h.growth_preferred_dividends_paid,
    h.growth_other_financing_activities,
    h.growth_net_cash_provided_by_financing_activities,
    h.growth_effect_of_forex_changes_on_cash,
    h.growth_net_change_in_cash,
    h.growth_cash_at_end_of_period,
    h.growth_cash_at_beginning_of_period,
    h.growth_operating_cash_flow,
    h.growth_capital_expenditure,
    h.growth_free_cash_flow,
    h.growth_income_taxes_paid,
    h.growth_interest_paid,
    h.extra,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.batch_elem,
    h.vendor_as_of
   FROM (core.equity_cashflow_growth_current c
     JOIN core.equity_cashflow_growth h ON (((h.symbol = c.symbol) AND (h.period = c.period) AND (h.date = c.date) AND (h.data_version = c.data_version))));

CREATE TABLE core.equity_financial_growth (
    symbol text NOT NULL COLLATE pg_catalog."C",
    period text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    fiscal_year integer,
    reported_currency text,
    revenue_growth numeric,
    gross_profit_growth numeric,
    ebit_growth numeric,
    ebitda_growth numeric,
    operating_income_growth numeric,
    net_income_growth numeric,
    eps_growth numeric,
    eps_diluted_growth numeric,
    weighted_average_shares_growth numeric,
    weighted_average_shares_diluted_growth numeric,
    dividends_per_share_growth numeric,
    operating_cash_flow_growth numeric,
    free_cash_flow_growth numeric,
    receivables_growth numeric,
    inventory_growth numeric,
    asset_growth numeric,
    book_value_per_share_growth numeric,
    debt_growth numeric,
    rd_expense_growth numeric,
    sga_expenses_growth numeric,
    growth_capital_expenditure numeric,
    ten_y_revenue_growth_per_share numeric,
    five_y_revenue_growth_per_share numeric,
    three_y_revenue_growth_per_share numeric,
    ten_y_operating_cf_growth_per_share numeric,
    five_y_operating_cf_growth_per_share numeric,
    three_y_operating_cf_growth_per_share numeric,
    ten_y_net_income_growth_per_share numeric,
    five_y_net_income_growth_per_share numeric,
    three_y_net_income_growth_per_share numeric,
    ten_y_shareholders_equity_growth_per_share numeric,
    five_y_shareholders_equity_growth_per_share numeric,
    three_y_shareholders_equity_growth_per_share numeric,
    ten_y_dividend_per_share_growth_per_share numeric,
    five_y_dividend_per_share_growth_per_share numeric,
    three_y_dividend_per_share_growth_per_share numeric,
    ten_y_bottom_line_net_income_growth_per_share numeric,
    five_y_bottom_line_net_income_growth_per_share numeric,
    three_y_bottom_line_net_income_growth_per_share numeric,
    extra jsonb,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT equity_financial_growth_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT equity_financial_growth_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.equity_financial_growth_current (
    symbol text NOT NULL COLLATE pg_catalog."C",
    period text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.equity_financial_growth_latest AS
 SELECT ( SELECT core.raw_document(r.payload, h.batch_elem) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.symbol,
    h.period,
    h.date,
    h.fiscal_year,
    h.reported_currency,
    h.revenue_growth,
    h.gross_profit_growth,
    h.ebit_growth,
    h.ebitda_growth,
    h.operating_income_growth,
    h.net_income_growth,
    h.eps_growth,
    h.eps_diluted_growth,
    h.weighted_average_shares_growth,
    h.weighted_average_shares_diluted_growth,
    h.dividends_per_share_growth,
    h.operating_cash_flow_growth,
    h.free_cash_flow_growth,
    h.receivables_growth,
    h.inventory_growth,
    h.asset_growth,
    h.book_value_per_share_growth,
    h.debt_growth,
    h.rd_expense_growth,
    h.sga_expenses_growth,
    h.growth_capital_expenditure,
    h.ten_y_revenue_growth_per_share,
    h.five_y_revenue_growth_per_share,
    h.three_y_revenue_growth_per_share,
    h.ten_y_operating_cf_growth_per_share,
    h.five_y_operating_cf_growth_per_share,
    h.three_y_operating_cf_growth_per_share,
    h.ten_y_net_income_growth_per_share,
    h.five_y_net_income_growth_per_share,
    h.three_y_net_income_growth_per_share,
    h.ten_y_shareholders_equity_growth_per_share,
    h.five_y_shareholders_equity_growth_per_share,
    h.three_y_shareholders_equity_growth_per_share,
    h.ten_y_dividend_per_share_growth_per_share,
    h.five_y_dividend_per_share_growth_per_share,
    h.three_y_dividend_per_share_growth_per_share,
    h.ten_y_bottom_line_net_income_growth_per_share,
    h.five_y_bottom_line_net_income_growth_per_share,
    h.three_y_bottom_line_net_income_growth_per_share,
    h.extra,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.batch_elem,
    h.vendor_as_of
   FROM (core.equity_financial_growth_current c
     JOIN core.equity_financial_growth h ON (((h.symbol = c.symbol) AND (h.period = c.period) AND (h.date = c.date) AND (h.data_version = c.data_version))));

CREATE TABLE core.equity_income_growth (
    symbol text NOT NULL COLLATE pg_catalog."C",
    period text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    fiscal_year integer,
    reported_currency text,
    growth_revenue numeric,
    growth_cost_of_revenue numeric,
    growth_gross_profit numeric,
    growth_gross_profit_ratio numeric,
    growth_research_and_development_expenses numeric,
    growth_general_and_administrative_expenses numeric,
    growth_selling_and_marketing_expenses numeric,
    growth_other_expenses numeric,
    growth_operating_expenses numeric,
    growth_cost_and_expenses numeric,
    growth_interest_income numeric,
    growth_interest_expense numeric,
    growth_net_interest_income numeric,
    growth_depreciation_and_amortization numeric,
    growth_ebitda numeric,
    growth_ebitda_ratio numeric,
    growth_ebit numeric,
    growth_operating_income numeric,
    growth_operating_income_ratio numeric,
    growth_non_operating_income_excluding_interest numeric,
    growth_total_other_income_expenses_net numeric,
    growth_income_before_tax numeric,
    growth_income_before_tax_ratio numeric,
    growth_income_tax_expense numeric,
    growth_net_income_from_continuing_operations numeric,
    growth_net_income_deductions numeric,
    growth_other_adjustments_to_net_income numeric,
    growth_net_income numeric,
    growth_net_income_ratio numeric,
    growth_bottom_line_net_income numeric,
    growth_eps numeric,
    growth_eps_diluted numeric,
    growth_weighted_average_shs_out numeric,
    growth_weighted_average_shs_out_dil numeric,
    extra jsonb,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT equity_income_growth_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT equity_income_growth_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.equity_income_growth_current (
    symbol text NOT NULL COLLATE pg_catalog."C",
    period text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.equity_income_growth_latest AS
 SELECT ( SELECT core.raw_document(r.payload, h.batch_elem) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.symbol,
    h.period,
    h.date,
    h.fiscal_year,
    h.reported_currency,
    h.growth_revenue,
    h.growth_cost_of_revenue,
    h.growth_gross_profit,
    h.growth_gross_profit_ratio,
    h.growth_research_and_development_expenses,
    h.growth_general_and_administrative_expenses,
    h.growth_selling_and_marketing_expenses,
    h.growth_other_expenses,
    h.growth_operating_expenses,
    h.growth_cost_and_expenses,
    h.growth_interest_income,
    h.growth_interest_expense,
    h.growth_net_interest_income,
    h.growth_depreciation_and_amortization,
    h.growth_ebitda,
    h.growth_ebitda_ratio,
    h.growth_ebit,
    h.growth_operating_income,
    h.growth_operating_income_ratio,
    h.growth_non_operating_income_excluding_interest,
    h.growth_total_other_income_expenses_net,
    h.growth_income_before_tax,
    h.growth_income_before_tax_ratio,
    h.growth_income_tax_expense,
    h.growth_net_income_from_continuing_operations,
    h.growth_net_income_deductions,
    h.growth_other_adjustments_to_net_income,
    h.growth_net_income,
    h.growth_net_income_ratio,
    h.growth_bottom_line_net_income,
    h.growth_eps,
    h.growth_eps_diluted,
    h.growth_weighted_average_shs_out,
    h.growth_weighted_average_shs_out_dil,
    h.extra,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.batch_elem,
    h.vendor_as_of
   FROM (core.equity_income_growth_current c
     JOIN core.equity_income_growth h ON (((h.symbol = c.symbol) AND (h.period = c.period) AND (h.date = c.date) AND (h.data_version = c.data_version))));

CREATE VIEW api.equity_growth AS
 SELECT k.symbol,
    k.period,
    k.date,
    COALESCE(i.fiscal_year, b.fiscal_year, f.fiscal_year, c.fiscal_year) AS fiscal_year,
    COALESCE(i.reported_currency, b.reported_currency, f.reported_currency, c.reported_currency) AS reported_currency,
    i.growth_revenue,
    i.growth_cost_of_revenue,
    i.growth_gross_profit,
    i.growth_gross_profit_ratio,
    i.growth_research_and_development_expenses,
    i.growth_general_and_administrative_expenses,
    i.growth_selling_and_marketing_expenses,
    i.growth_other_expenses,
    i.growth_operating_expenses,
    i.growth_cost_and_expenses,
    i.growth_interest_income,
    i.growth_interest_expense,
    i.growth_net_interest_income,
    i.growth_depreciation_and_amortization,
    i.growth_ebitda,
    i.growth_ebitda_ratio,
    i.growth_ebit,
    i.growth_operating_income,
    i.growth_operating_income_ratio,
    i.growth_non_operating_income_excluding_interest,
    i.growth_total_other_income_expenses_net,
    i.growth_income_before_tax,
    i.growth_income_before_tax_ratio,
    i.growth_income_tax_expense,
    i.growth_net_income_from_continuing_operations,
    i.growth_net_income_deductions,
    i.growth_other_adjustments_to_net_income,
    i.growth_net_income,
    i.growth_net_income_ratio,
    i.growth_bottom_line_net_income,
    i.growth_eps,
    i.growth_eps_diluted,
    i.growth_weighted_average_shs_out,
    i.growth_weighted_average_shs_out_dil,
    b.growth_cash_and_cash_equivalents,
    b.growth_short_term_investments,
    b.growth_cash_and_short_term_investments,
    b.growth_net_receivables,
    b.growth_accounts_receivables,
    b.growth_other_receivables,
    b.growth_inventory,
    b.growth_prepaids,
    b.growth_other_current_assets,
    b.growth_total_current_assets,
    b.growth_property_plant_equipment_net,
    b.growth_goodwill,
    b.growth_intangible_assets,
    b.growth_goodwill_and_intangible_assets,
    b.growth_long_term_investments,
    b.growth_tax_assets,
    b.growth_other_non_current_assets,
    b.growth_total_non_current_assets,
    b.growth_other_assets,
    b.growth_total_assets,
    b.growth_account_payables,
    b.growth_total_payables,
    b.growth_other_payables,
    b.growth_accrued_expenses,
    b.growth_short_term_debt,
    b.growth_capital_lease_obligations_current,
    b.growth_tax_payables,
    b.growth_deferred_revenue,
    b.growth_other_current_liabilities,
    b.growth_total_current_liabilities,
    b.growth_long_term_debt,
    b.growth_capital_lease_obligations_non_current,
    b.growth_deferred_revenue_non_current,
    b.growth_deferred_tax_liabilities_non_current,
    b.growth_other_non_current_liabilities,
    b.growth_total_non_current_liabilities,
    b.growth_other_liabilities,
    b.growth_total_liabilities,
    b.growth_treasury_stock,
    b.growth_preferred_stock,
    b.growth_common_stock,
    b.growth_retained_earnings,
    b.growth_additional_paid_in_capital,
    b.growth_accumulated_other_comprehensive_income_loss,
    b.growth_other_total_stockholders_equity,
    b.growth_total_stockholders_equity,
    b.growth_minority_interest,
    b.growth_total_equity,
    b.growth_total_liabilities_and_stockholders_equity,
    b.growth_total_liabilities_and_total_equity,
    b.growth_total_investments,
    b.growth_total_debt,
    b.growth_net_debt,
    f.revenue_growth,
    f.gross_profit_growth,
    f.ebit_growth,
    f.ebitda_growth,
    f.operating_income_growth,
    f.net_income_growth,
    f.eps_growth,
    f.eps_diluted_growth,
    f.weighted_average_shares_growth,
    f.weighted_average_shares_diluted_growth,
    f.dividends_per_share_growth,
    f.operating_cash_flow_growth,
    f.free_cash_flow_growth,
    f.receivables_growth,
    f.inventory_growth,
    f.asset_growth,
    f.book_value_per_share_growth,
    f.debt_growth,
    f.rd_expense_growth,
    f.sga_expenses_growth,
    f.growth_capital_expenditure,
    f.ten_y_revenue_growth_per_share,
    f.five_y_revenue_growth_per_share,
    f.three_y_revenue_growth_per_share,
    f.ten_y_operating_cf_growth_per_share,
    f.five_y_operating_cf_growth_per_share,
    f.three_y_operating_cf_growth_per_share,
    f.ten_y_net_income_growth_per_share,
    f.five_y_net_income_growth_per_share,
    f.three_y_net_income_growth_per_share,
    f.ten_y_shareholders_equity_growth_per_share,
    f.five_y_shareholders_equity_growth_per_share,
    f.three_y_shareholders_equity_growth_per_share,
    f.ten_y_dividend_per_share_growth_per_share,
    f.five_y_dividend_per_share_growth_per_share,
    f.three_y_dividend_per_share_growth_per_share,
    f.ten_y_bottom_line_net_income_growth_per_share,
    f.five_y_bottom_line_net_income_growth_per_share,
    f.three_y_bottom_line_net_income_growth_per_share,
    c.growth_net_income AS cash_flow_growth_net_income,
    c.growth_depreciation_and_amortization AS cash_flow_growth_depreciation_and_amortization,
    c.growth_deferred_income_tax,
    c.growth_stock_based_compensation,
    c.growth_change_in_working_capital,
    c.growth_accounts_receivables AS cash_flow_growth_accounts_receivables,
    c.growth_inventory AS cash_flow_growth_inventory,
    c.growth_accounts_payables,
    c.growth_other_working_capital,
    c.growth_other_non_cash_items,
    c.growth_net_cash_provided_by_operating_activities,
    c.growth_investments_in_property_plant_and_equipment,
    c.growth_acquisitions_net,
    c.growth_purchases_of_investments,
    c.growth_sales_maturities_of_investments,
    c.growth_other_investing_activities,
    c.growth_net_cash_provided_by_investing_activities,
    c.growth_debt_repayment,
    c.growth_net_debt_issuance,
    c.growth_long_term_net_debt_issuance,
    c.growth_short_term_net_debt_issuance,
    c.growth_net_stock_issuance,
    c.growth_common_stock_issuance,
    c.growth_common_stock_repurchased,
    c.growth_net_dividends_paid,
    c.growth_common_dividends_paid,
    c.growth_preferred_dividends_paid,
    c.growth_other_financing_activities,
    c.growth_net_cash_provided_by_financing_activities,
    c.growth_effect_of_forex_changes_on_cash,
    c.growth_net_change_in_cash,
    c.growth_cash_at_end_of_period,
    c.growth_cash_at_beginning_of_period,
    c.growth_operating_cash_flow,
    c.growth_capital_expenditure AS cash_flow_growth_capital_expenditure,
    c.growth_free_cash_flow,
    c.growth_income_taxes_paid,
    c.growth_interest_paid,
    GREATEST(i.updated_at, b.updated_at, f.updated_at, c.updated_at) AS updated_at
   FROM ((((( SELECT i_1.symbol,
            i_1.period,
            i_1.date
           FROM core.equity_income_growth_current i_1
        UNION
         SELECT b_1.symbol,
            b_1.period,
            b_1.date
           FROM core.equity_balance_growth_current b_1
        UNION
         SELECT f_1.symbol,
            f_1.period,
            f_1.date
           FROM core.equity_financial_growth_current f_1
        UNION
         SELECT c_1.symbol,
            c_1.period,
            c_1.date
           FROM core.equity_cashflow_growth_current c_1) k
     LEFT JOIN ( SELECT DISTINCT ON (x.symbol, x.period, x.date) x.raw_json,
            x.symbol,
            x.period,
            x.date,
            x.fiscal_year,
            x.reported_currency,
            x.growth_revenue,
            x.growth_cost_of_revenue,
            x.growth_gross_profit,
            x.growth_gross_profit_ratio,
            x.growth_research_and_development_expenses,
            x.growth_general_and_administrative_expenses,
            x.growth_selling_and_marketing_expenses,
            x.growth_other_expenses,
            x.growth_operating_expenses,
            x.growth_cost_and_expenses,
            x.growth_interest_income,
            x.growth_interest_expense,
            x.growth_net_interest_income,
            x.growth_depreciation_and_amortization,
            x.growth_ebitda,
            x.growth_ebitda_ratio,
            x.growth_ebit,
            x.growth_operating_income,
            x.growth_operating_income_ratio,
            x.growth_non_operating_income_excluding_interest,
            x.growth_total_other_income_expenses_net,
            x.growth_income_before_tax,
            x.growth_income_before_tax_ratio,
            x.growth_income_tax_expense,
            x.growth_net_income_from_continuing_operations,
            x.growth_net_income_deductions,
            x.growth_other_adjustments_to_net_income,
            x.growth_net_income,
            x.growth_net_income_ratio,
            x.growth_bottom_line_net_income,
            x.growth_eps,
            x.growth_eps_diluted,
            x.growth_weighted_average_shs_out,
            x.growth_weighted_average_shs_out_dil,
            x.extra,
            x.array_source_field,
            x.array_element_index,
            x.array_element_value,
            x.data_source,
            x.source_file,
            x.api_version,
            x.data_version,
            x.content_hash,
            x.processed_at,
            x.updated_at,
            x.batch_id,
            x.batch_line,
            x.batch_elem,
            x.vendor_as_of
           FROM core.equity_income_growth_latest x
          ORDER BY x.symbol, x.period, x.date) i ON (((i.symbol = k.symbol) AND (i.period = k.period) AND (i.date = k.date))))
     LEFT JOIN ( SELECT DISTINCT ON (x.symbol, x.period, x.date) x.raw_json,
            x.symbol,
            x.period,
            x.date,
            x.fiscal_year,
            x.reported_currency,
            x.growth_cash_and_cash_equivalents,
            x.growth_short_term_investments,
            x.growth_cash_and_short_term_investments,
            x.growth_net_receivables,
            x.growth_accounts_receivables,
            x.growth_other_receivables,
            x.growth_inventory,
            x.growth_prepaids,
            x.growth_other_current_assets,
            x.growth_total_current_assets,
            x.growth_property_plant_equipment_net,
            x.growth_goodwill,
            x.growth_intangible_assets,
            x.growth_goodwill_and_intangible_assets,
            x.growth_long_term_investments,
            x.growth_tax_assets,
            x.growth_other_non_current_assets,
            x.growth_total_non_current_assets,
            x.growth_other_assets,
            x.growth_total_assets,
            x.growth_account_payables,
            x.growth_total_payables,
            x.growth_other_payables,
            x.growth_accrued_expenses,
            x.growth_short_term_debt,
            x.growth_capital_lease_obligations_current,
            x.growth_tax_payables,
            x.growth_deferred_revenue,
            x.growth_other_current_liabilities,
            x.growth_total_current_liabilities,
            x.growth_long_term_debt,
            x.growth_capital_lease_obligations_non_current,
            x.growth_deferred_revenue_non_current,
            x.growth_deferred_tax_liabilities_non_current,
            x.growth_other_non_current_liabilities,
            x.growth_total_non_current_liabilities,
            x.growth_other_liabilities,
            x.growth_total_liabilities,
            x.growth_treasury_stock,
            x.growth_preferred_stock,
            x.growth_common_stock,
            x.growth_retained_earnings,
            x.growth_additional_paid_in_capital,
            x.growth_accumulated_other_comprehensive_income_loss,
            x.growth_other_total_stockholders_equity,
            x.growth_total_stockholders_equity,
            x.growth_minority_interest,
            x.growth_total_equity,
            x.growth_total_liabilities_and_stockholders_equity,
            x.growth_total_liabilities_and_total_equity,
            x.growth_total_investments,
            x.growth_total_debt,
            x.growth_net_debt,
            x.extra,
            x.array_source_field,
            x.array_element_index,
            x.array_element_value,
            x.data_source,
            x.source_file,
            x.api_version,
            x.data_version,
            x.content_hash,
            x.processed_at,
            x.updated_at,
            x.batch_id,
            x.batch_line,
            x.batch_elem,
            x.vendor_as_of
           FROM core.equity_balance_growth_latest x
          ORDER BY x.symbol, x.period, x.date) b ON (((b.symbol = k.symbol) AND (b.period = k.period) AND (b.date = k.date))))
     LEFT JOIN ( SELECT DISTINCT ON (x.symbol, x.period, x.date) x.raw_json,
            x.symbol,
            x.period,
            x.date,
            x.fiscal_year,
            x.reported_currency,
            x.revenue_growth,
            x.gross_profit_growth,
            x.ebit_growth,
            x.ebitda_growth,
            x.operating_income_growth,
            x.net_income_growth,
            x.eps_growth,
            x.eps_diluted_growth,
            x.weighted_average_shares_growth,
            x.weighted_average_shares_diluted_growth,
            x.dividends_per_share_growth,
            x.operating_cash_flow_growth,
            x.free_cash_flow_growth,
            x.receivables_growth,
            x.inventory_growth,
            x.asset_growth,
            x.book_value_per_share_growth,
            x.debt_growth,
            x.rd_expense_growth,
            x.sga_expenses_growth,
            x.growth_capital_expenditure,
            x.ten_y_revenue_growth_per_share,
            x.five_y_revenue_growth_per_share,
            x.three_y_revenue_growth_per_share,
            x.ten_y_operating_cf_growth_per_share,
            x.five_y_operating_cf_growth_per_share,
            x.three_y_operating_cf_growth_per_share,
            x.ten_y_net_income_growth_per_share,
            x.five_y_net_income_growth_per_share,
            x.three_y_net_income_growth_per_share,
            x.ten_y_shareholders_equity_growth_per_share,
            x.five_y_shareholders_equity_growth_per_share,
            x.three_y_shareholders_equity_growth_per_share,
            x.ten_y_dividend_per_share_growth_per_share,
            x.five_y_dividend_per_share_growth_per_share,
            x.three_y_dividend_per_share_growth_per_share,
            x.ten_y_bottom_line_net_income_growth_per_share,
            x.five_y_bottom_line_net_income_growth_per_share,
            x.three_y_bottom_line_net_income_growth_per_share,
            x.extra,
            x.array_source_field,
            x.array_element_index,
            x.array_element_value,
            x.data_source,
            x.source_file,
            x.api_version,
            x.data_version,
            x.content_hash,
            x.processed_at,
            x.updated_at,
            x.batch_id,
            x.batch_line,
            x.batch_elem,
            x.vendor_as_of
           FROM core.equity_financial_growth_latest x
          ORDER BY x.symbol, x.period, x.date) f ON (((f.symbol = k.symbol) AND (f.period = k.period) AND (f.date = k.date))))
     LEFT JOIN ( SELECT DISTINCT ON (x.symbol, x.period, x.date) x.raw_json,
            x.symbol,
            x.period,
            x.date,
            x.fiscal_year,
            x.reported_currency,
            x.growth_net_income,
            x.growth_depreciation_and_amortization,
            x.growth_deferred_income_tax,
            x.growth_stock_based_compensation,
            x.growth_change_in_working_capital,
            x.growth_accounts_receivables,
            x.growth_inventory,
            x.growth_accounts_payables,
            x.growth_other_working_capital,
            x.growth_other_non_cash_items,
            x.growth_net_cash_provided_by_operating_activities,
            x.growth_investments_in_property_plant_and_equipment,
            x.growth_acquisitions_net,
            x.growth_purchases_of_investments,
            x.growth_sales_maturities_of_investments,
            x.growth_other_investing_activities,
            x.growth_net_cash_provided_by_investing_activities,
            x.growth_debt_repayment,
            x.growth_net_debt_issuance,
            x.growth_long_term_net_debt_issuance,
            x.growth_short_term_net_debt_issuance,
            x.growth_net_stock_issuance,
            x.growth_common_stock_issuance,
            x.growth_common_stock_repurchased,
            x.growth_net_dividends_paid,
            x.growth_common_dividends_paid,
            x.growth_preferred_dividends_paid,
            x.growth_other_financing_activities,
            x.growth_net_cash_provided_by_financing_activities,
            x.growth_effect_of_forex_changes_on_cash,
            x.growth_net_change_in_cash,
            x.growth_cash_at_end_of_period,
            x.growth_cash_at_beginning_of_period,
            x.growth_operating_cash_flow,
            x.growth_capital_expenditure,
            x.growth_free_cash_flow,
            x.growth_income_taxes_paid,
            x.growth_interest_paid,
            x.extra,
            x.array_source_field,
            x.array_element_index,
            x.array_element_value,
            x.data_source,
            x.source_file,
            x.api_version,
            x.data_version,
            x.content_hash,
            x.processed_at,
            x.updated_at,
            x.batch_id,
            x.batch_line,
            x.batch_elem,
            x.vendor_as_of
           FROM core.equity_cashflow_growth_latest x
          ORDER BY x.symbol, x.period, x.date) c ON (((c.symbol = k.symbol) AND (c.period = k.period) AND (c.date = k.date))));

CREATE TABLE core.equity_quotes_current_date (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    open numeric,
    high numeric,
    low numeric,
    close numeric,
    adj_close numeric,
    volume bigint,
    unadjusted_volume bigint,
    change numeric,
    change_percent numeric,
    vwap numeric,
    api_version text,
    updated_at timestamp with time zone NOT NULL
);

CREATE VIEW api.equity_latest_price AS
 SELECT d.symbol,
    d.date,
    d.open,
    d.high,
    d.low,
    d.close,
    d.adj_close,
    d.volume,
    d.unadjusted_volume,
    d.change,
    d.change_percent,
    d.vwap,
    d.data_version,
    d.api_version,
    d.updated_at,
    d.date AS as_of_date,
    (d.date < ( SELECT ops.stale_cutoff('equity'::text) AS stale_cutoff)) AS is_stale
   FROM core.equity_quotes_current_date d;

CREATE VIEW api.equity_ohlcv_monthly AS
 SELECT m.symbol,
    m.month_start_date,
    m.first_date,
    m.last_date,
    m.open,
    m.high,
    m.low,
    m.close,
    m.volume,
    m.trading_days
   FROM agg.equity_ohlcv_monthly m;

CREATE VIEW api.equity_ohlcv_weekly AS
 SELECT w.symbol,
    w.week_start_date,
    w.first_date,
    w.last_date,
    w.open,
    w.high,
    w.low,
    w.close,
    w.volume,
    w.trading_days
   FROM agg.equity_ohlcv_weekly w;

CREATE TABLE core.equity_peers (
    symbol text NOT NULL COLLATE pg_catalog."C",
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT equity_peers_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT equity_peers_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.equity_peers_current (
    symbol text NOT NULL COLLATE pg_catalog."C",
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.equity_peers_latest AS
 SELECT ( SELECT core.raw_document(r.payload, h.batch_elem) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.symbol,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.batch_elem,
    h.vendor_as_of
   FROM (core.equity_peers_current c
     JOIN core.equity_peers h ON (((h.symbol = c.symbol) AND (h.data_version = c.data_version))));

CREATE VIEW api.equity_peers AS
 SELECT p.symbol,
    COALESCE((o.peer ->> 'symbol'::text), p.array_element_value) AS peer_symbol,
    (p.array_element_index + 1) AS peer_rank,
    (o.peer ->> 'companyName'::text) AS peer_company_name,
        CASE
            WHEN (jsonb_typeof((o.peer -> 'price'::text)) = 'number'::text) THEN ((o.peer ->> 'price'::text))::numeric
            ELSE NULL::numeric
        END AS peer_price,
        CASE
            WHEN (jsonb_typeof((o.peer -> 'mktCap'::text)) = 'number'::text) THEN ((o.peer ->> 'mktCap'::text))::numeric
            ELSE NULL::numeric
        END AS peer_market_cap,
    p.data_version,
    p.api_version,
    p.updated_at
   FROM (core.equity_peers_latest p
     CROSS JOIN LATERAL ( SELECT
                CASE
                    WHEN ((p.array_source_field = 'peers'::text) AND ("left"(p.array_element_value, 1) = '{'::text)) THEN (p.array_element_value)::jsonb
                    ELSE NULL::jsonb
                END AS peer) o)
  WHERE (p.array_source_field = ANY (ARRAY['peers'::text, 'peersList'::text]));

CREATE TABLE core.equity_quotes_current (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
)
PARTITION BY RANGE (date);

CREATE VIEW api.equity_price AS
 SELECT c.symbol,
    c.date,
    q.open,
    q.high,
    q.low,
    q.close,
    q.adj_close,
    q.volume,
    q.unadjusted_volume,
    q.change,
    q.change_percent,
    q.vwap,
    q.data_version,
    q.api_version,
    q.updated_at
   FROM (core.equity_quotes_current c
     CROSS JOIN LATERAL ( SELECT h.symbol,
            h.date,
            h.open,
            h.high,
            h.low,
            h.close,
            h.adj_close,
            h.volume,
            h.unadjusted_volume,
            h.change,
            h.change_percent,
            h.vwap,
            h.array_source_field,
            h.array_element_index,
            h.array_element_value,
            h.data_source,
            h.source_file,
            h.api_version,
            h.data_version,
            h.content_hash,
            h.processed_at,
            h.updated_at,
            h.batch_id,
            h.batch_line,
            h.batch_elem,
            h.vendor_as_of
           FROM core.equity_quotes h
          WHERE ((h.symbol = c.symbol) AND (h.date = c.date) AND (h.data_version = c.data_version))
          ORDER BY h.array_source_field NULLS FIRST, h.array_element_index NULLS FIRST
         LIMIT 1) q);

CREATE VIEW core.equity_quotes_latest AS
 SELECT ( SELECT core.raw_document(r.payload, h.batch_elem) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.symbol,
    h.date,
    h.open,
    h.high,
    h.low,
    h.close,
    h.adj_close,
    h.volume,
    h.unadjusted_volume,
    h.change,
    h.change_percent,
    h.vwap,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.batch_elem,
    h.vendor_as_of
   FROM (core.equity_quotes_current c
     JOIN core.equity_quotes h ON (((h.symbol = c.symbol) AND (h.date = c.date) AND (h.data_version = c.data_version))));

CREATE TABLE core.equity_split (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    label text,
    numerator numeric,
    denominator numeric,
    split_type text,
    extra jsonb,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT equity_split_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT equity_split_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.equity_split_current (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.equity_split_latest AS
 SELECT ( SELECT core.raw_document(r.payload, h.batch_elem) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.symbol,
    h.date,
    h.label,
    h.numerator,
    h.denominator,
    h.split_type,
    h.extra,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.batch_elem,
    h.vendor_as_of
   FROM (core.equity_split_current c
     JOIN core.equity_split h ON (((h.symbol = c.symbol) AND (h.date = c.date) AND (h.data_version = c.data_version))));

CREATE TABLE core.etfs_dividend (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    label text,
    dividend numeric,
    adj_dividend numeric,
    record_date date,
    payment_date date,
    declaration_date date,
    yield numeric,
    frequency text,
    extra jsonb,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT etfs_dividend_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT etfs_dividend_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.etfs_dividend_current (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.etfs_dividend_latest AS
 SELECT ( SELECT core.raw_document(r.payload, h.batch_elem) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.symbol,
    h.date,
    h.label,
    h.dividend,
    h.adj_dividend,
    h.record_date,
    h.payment_date,
    h.declaration_date,
    h.yield,
    h.frequency,
    h.extra,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.batch_elem,
    h.vendor_as_of
   FROM (core.etfs_dividend_current c
     JOIN core.etfs_dividend h ON (((h.symbol = c.symbol) AND (h.date = c.date) AND (h.data_version = c.data_version))));

CREATE TABLE core.etfs_quotes_current (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
)
PARTITION BY RANGE (date);

CREATE VIEW core.etfs_quotes_latest AS
 SELECT ( SELECT core.raw_document(r.payload, h.batch_elem) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.symbol,
    h.date,
    h.open,
    h.high,
    h.low,
    h.close,
    h.adj_close,
    h.volume,
    h.unadjusted_volume,
    h.change,
    h.change_percent,
    h.vwap,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.batch_elem,
    h.vendor_as_of
   FROM (core.etfs_quotes_current c
     JOIN core.etfs_quotes h ON (((h.symbol = c.symbol) AND (h.date = c.date) AND (h.data_version = c.data_version))));

CREATE TABLE core.etfs_split (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    label text,
    numerator numeric,
    denominator numeric,
    split_type text,
    extra jsonb,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT etfs_split_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT etfs_split_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.etfs_split_current (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.etfs_split_latest AS
 SELECT ( SELECT core.raw_document(r.payload, h.batch_elem) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.symbol,
    h.date,
    h.label,
    h.numerator,
    h.denominator,
    h.split_type,
    h.extra,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.batch_elem,
    h.vendor_as_of
   FROM (core.etfs_split_current c
     JOIN core.etfs_split h ON (((h.symbol = c.symbol) AND (h.date = c.date) AND (h.data_version = c.data_version))));

CREATE VIEW core.price_adjustment_event AS
 SELECT 'equity'::text AS kind,
    'split'::text AS action,
    s.symbol,
    s.date,
    s.numerator,
    s.denominator,
    NULL::numeric AS dividend,
    NULL::date AS previous_date,
    NULL::numeric AS previous_close,
        CASE
            WHEN ((s.numerator > (0)::numeric) AND (s.denominator > (0)::numeric)) THEN ((s.denominator / s.numerator))::double precision
            ELSE NULL::double precision
        END AS split_event_factor,
    NULL::double precision AS dividend_event_factor
   FROM core.equity_split_latest s
UNION ALL
 SELECT 'etf'::text AS kind,
    'split'::text AS action,
    s.symbol,
    s.date,
    s.numerator,
    s.denominator,
    NULL::numeric AS dividend,
    NULL::date AS previous_date,
    NULL::numeric AS previous_close,
        CASE
            WHEN ((s.numerator > (0)::numeric) AND (s.denominator > (0)::numeric)) THEN ((s.denominator / s.numerator))::double precision
            ELSE NULL::double precision
        END AS split_event_factor,
    NULL::double precision AS dividend_event_factor
   FROM core.etfs_split_latest s
UNION ALL
 SELECT 'equity'::text AS kind,
    'dividend'::text AS action,
    d.symbol,
    d.date,
    NULL::numeric AS numerator,
    NULL::numeric AS denominator,
    d.dividend,
    p.date AS previous_date,
    p.close AS previous_close,
    NULL::double precision AS split_event_factor,
        CASE
            WHEN ((d.dividend > (0)::numeric) AND (p.close > d.dividend)) THEN (((1)::numeric - (d.dividend / p.close)))::double precision
            ELSE NULL::double precision
        END AS dividend_event_factor
   FROM (core.equity_dividend_latest d
     LEFT JOIN LATERAL ( SELECT c.date,
            c.close
           FROM core.equity_quotes_latest c
          WHERE ((c.symbol = d.symbol) AND (c.date < d.date))
          ORDER BY c.date DESC
         LIMIT 1) p ON (true))
UNION ALL
 SELECT 'etf'::text AS kind,
    'dividend'::text AS action,
    d.symbol,
    d.date,
    NULL::numeric AS numerator,
    NULL::numeric AS denominator,
    d.dividend,
    p.date AS previous_date,
    p.close AS previous_close,
    NULL::double precision AS split_event_factor,
        CASE
            WHEN ((d.dividend > (0)::numeric) AND (p.close > d.dividend)) THEN (((1)::numeric - (d.dividend / p.close)))::double precision
            ELSE NULL::double precision
        END AS dividend_event_factor
   FROM (core.etfs_dividend_latest d
     LEFT JOIN LATERAL ( SELECT c.date,
            c.close
           FROM core.etfs_quotes_latest c
          WHERE ((c.symbol = d.symbol) AND (c.date < d.date))
          ORDER BY c.date DESC
         LIMIT 1) p ON (true));

CREATE VIEW core.total_return_price AS
 WITH prices AS (
         SELECT 'equity'::text AS kind,
            q.symbol,
            q.date,
            q.close
           FROM core.equity_quotes_latest q
        UNION ALL
         SELECT 'etf'::text,
            q.symbol,
            q.date,
            q.close
           FROM core.etfs_quotes_latest q
        ), events AS NOT MATERIALIZED (
         SELECT e.kind,
            e.symbol,
            e.date,
            COALESCE(core.product(e.split_event_factor), (1)::double precision) AS split_f,
            COALESCE(core.product(e.dividend_event_factor), (1)::double precision) AS dividend_f
           FROM core.price_adjustment_event e
          GROUP BY e.kind, e.symbol, e.date
        ), spans AS (
         SELECT e.kind,
            e.symbol,
            lead(e.date) OVER w AS from_date,
            e.date AS to_date,
            core.product(e.split_f) OVER w AS split_factor,
            core.product(e.dividend_f) OVER w AS dividend_factor
           FROM events e
          WINDOW w AS (PARTITION BY e.kind, e.symbol ORDER BY e.date DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
        UNION ALL
         SELECT e.kind,
            e.symbol,
            max(e.date) AS max,
            NULL::date,
            1,
            1
           FROM events e
          GROUP BY e.kind, e.symbol
        )
 SELECT p.kind,
    p.symbol,
    p.date,
    p.close,
    round((p.close * (COALESCE(s.split_factor, (1)::double precision))::numeric), 6) AS split_adjusted_close,
    round((p.close * (COALESCE((s.split_factor * s.dividend_factor), (1)::double precision))::numeric), 6) AS total_return_close,
    COALESCE(s.split_factor, (1)::double precision) AS split_factor,
    COALESCE(s.dividend_factor, (1)::double precision) AS dividend_factor,
        CASE
            WHEN (s.symbol IS NOT NULL) THEN 'adjusted'::text
            ELSE 'unadjusted'::text
        END AS basis
   FROM (prices p
     LEFT JOIN spans s ON (((s.kind = p.kind) AND (s.symbol = p.symbol) AND ((s.from_date IS NULL) OR (p.date >= s.from_date)) AND ((s.to_date IS NULL) OR (p.date < s.to_date)))));

CREATE VIEW api.equity_price_adjusted AS
 SELECT p.symbol,
    p.date,
    p.close,
    p.split_adjusted_close,
    p.total_return_close,
    p.split_factor,
    p.dividend_factor,
    p.basis
   FROM core.total_return_price p
  WHERE (p.kind = 'equity'::text);

CREATE TABLE core.equity_profile (
    symbol text NOT NULL COLLATE pg_catalog."C",
    company_name text,
    exchange text,
    exchange_full_name text,
    sector text,
    industry text,
    country text,
    currency text,
    cik text,
    isin text,
    cusip text,
    ceo text,
    employees bigint,
    website text,
    description text,
    phone text,
    address text,
    city text,
    state text,
    zip text,
    image text,
    default_image boolean,
    ipo_date date,
    is_etf boolean,
    is_actively_trading boolean,
    is_adr boolean,
    is_fund boolean,
    price numeric,
    beta numeric,
    market_cap numeric,
    average_volume bigint,
    volume bigint,
    last_dividend numeric,
    price_range text,
    change numeric,
    change_percent numeric,
    dcf numeric,
    dcf_diff numeric,
    extra jsonb,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT equity_profile_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT equity_profile_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.equity_profile_current (
    symbol text NOT NULL COLLATE pg_catalog."C",
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.equity_profile_latest AS
 SELECT ( SELECT core.raw_document(r.payload, h.batch_elem) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.symbol,
    h.company_name,
    h.exchange,
    h.exchange_full_name,
    h.sector,
    h.industry,
    h.country,
    h.currency,
    h.cik,
    h.isin,
    h.cusip,
    h.ceo,
    h.employees,
    h.website,
    h.description,
    h.phone,
    h.address,
    h.city,
    h.state,
    h.zip,
    h.image,
    h.default_image,
    h.ipo_date,
    h.is_etf,
    h.is_actively_trading,
    h.is_adr,
    h.is_fund,
    h.price,
    h.beta,
    h.market_cap,
    h.average_volume,
    h.volume,
    h.last_dividend,
    h.price_range,
    h.change,
    h.change_percent,
    h.dcf,
    h.dcf_diff,
    h.extra,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.batch_elem,
    h.vendor_as_of
   FROM (core.equity_profile_current c
     JOIN core.equity_profile h ON (((h.symbol = c.symbol) AND (h.data_version = c.data_version))));

CREATE VIEW api.equity_profile AS
 SELECT DISTINCT ON (p.symbol) p.symbol,
    p.company_name,
    p.exchange,
    p.exchange_full_name,
    p.sector,
    p.industry,
    p.country,
    p.currency,
    p.market_cap,
    p.employees,
    p.description,
    p.website,
    p.ceo,
    p.is_etf,
    p.is_actively_trading,
    p.is_adr,
    p.is_fund,
    p.cik,
    p.isin,
    p.cusip,
    p.phone,
    p.address,
    p.city,
    p.state,
    p.zip,
    p.image,
    p.ipo_date,
    p.price,
    p.beta,
    p.average_volume,
    p.volume,
    p.last_dividend,
    p.price_range,
    p.change,
    p.change_percent,
    p.dcf,
    p.dcf_diff,
    p.data_version,
    p.api_version,
    p.updated_at
   FROM core.equity_profile_latest p
  ORDER BY p.symbol;

CREATE VIEW api.equity_split AS
 SELECT s.symbol,
    s.date,
    s.numerator,
    s.denominator,
    (s.numerator / NULLIF(s.denominator, (0)::numeric)) AS ratio,
    s.split_type,
    s.data_version,
    s.api_version,
    s.updated_at
   FROM core.equity_split_latest s;

CREATE TABLE core.etfs_country_weightings (
    symbol text NOT NULL COLLATE pg_catalog."C",
    country text NOT NULL COLLATE pg_catalog."C",
    weight_percentage numeric,
    is_listed boolean DEFAULT true NOT NULL,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT etfs_country_weightings_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT etfs_country_weightings_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.etfs_country_weightings_current (
    symbol text NOT NULL COLLATE pg_catalog."C",
    country text NOT NULL COLLATE pg_catalog."C",
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.etfs_country_weightings_latest AS
 SELECT ( SELECT core.raw_document(r.payload, h.batch_elem) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.symbol,
    h.country,
    h.weight_percentage,
    h.is_listed,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.batch_elem,
    h.vendor_as_of
   FROM (core.etfs_country_weightings_current c
     JOIN core.etfs_country_weightings h ON (((h.symbol = c.symbol) AND (h.country = c.country) AND (h.data_version = c.data_version))));

CREATE VIEW api.etf_country_weighting AS
 SELECT w.symbol,
    w.country,
    w.weight_percentage,
    w.data_version,
    w.api_version,
    w.updated_at
   FROM core.etfs_country_weightings_latest w
  WHERE w.is_listed;

CREATE VIEW api.etf_dividend AS
 SELECT d.symbol,
    d.date,
    d.dividend,
    d.adj_dividend,
    d.record_date,
    d.payment_date,
    d.declaration_date,
    d.yield,
    d.frequency,
    d.data_version,
    d.api_version,
    d.updated_at
   FROM core.etfs_dividend_latest d;

CREATE TABLE core.etfs_holdings (
    symbol text NOT NULL COLLATE pg_catalog."C",
    asset text,
    name text,
    isin text,
    cusip text,
    shares_number numeric,
    weight_percentage numeric,
    market_value numeric,
    holding_updated_at timestamp with time zone,
    report_date date,
    cik text,
    acceptance_time timestamp with time zone,
    lei text,
    title text,
    units text,
    currency text,
    payoff_profile text,
    asset_category text,
    issuer_category text,
    investment_country text,
    is_restricted_security boolean,
    fair_value_level smallint,
    holding_key text NOT NULL COLLATE pg_catalog."C",
    is_listed boolean DEFAULT true NOT NULL,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    is_cash_collateral boolean,
    is_non_cash_collateral boolean,
    is_loan_by_fund boolean,
    vendor_as_of timestamp with time zone,
    CONSTRAINT etfs_holdings_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT etfs_holdings_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.etfs_holdings_current (
    symbol text NOT NULL COLLATE pg_catalog."C",
    holding_key text NOT NULL COLLATE pg_catalog."C",
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.etfs_holdings_latest AS
 SELECT ( SELECT core.raw_document(r.payload, h.batch_elem) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.symbol,
    h.asset,
    h.name,
    h.isin,
    h.cusip,
    h.shares_number,
    h.weight_percentage,
    h.market_value,
    h.holding_updated_at,
    h.report_date,
    h.cik,
    h.acceptance_time,
    h.lei,
    h.title,
    h.units,
    h.currency,
    h.payoff_profile,
    h.asset_category,
    h.issuer_category,
    h.investment_country,
    h.is_restricted_security,
    h.fair_value_level,
    h.holding_key,
    h.is_listed,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.batch_elem,
    h.is_cash_collateral,
    h.is_non_cash_collateral,
    h.is_loan_by_fund,
    h.vendor_as_of
   FROM (core.etfs_holdings_current c
     JOIN core.etfs_holdings h ON (((h.symbol = c.symbol) AND (h.holding_key = c.holding_key) AND (h.data_version = c.data_version))));

CREATE VIEW api.etf_holding AS
 SELECT h.symbol,
    h.holding_key,
    h.asset,
    h.name,
    h.isin,
    h.cusip,
    h.shares_number,
    h.weight_percentage,
    h.market_value,
    h.holding_updated_at,
    h.report_date,
    h.currency,
    h.asset_category,
    h.issuer_category,
    h.investment_country,
    h.acceptance_time,
    h.is_restricted_security,
    h.fair_value_level,
    h.is_cash_collateral,
    h.is_non_cash_collateral,
    h.is_loan_by_fund,
    h.data_version,
    h.api_version,
    h.updated_at
   FROM core.etfs_holdings_latest h
  WHERE h.is_listed;

CREATE TABLE core.etfs_quotes_current_date (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    open numeric,
    high numeric,
    low numeric,
    close numeric,
    adj_close numeric,
    volume bigint,
    unadjusted_volume bigint,
    change numeric,
    change_percent numeric,
    vwap numeric,
    api_version text,
    updated_at timestamp with time zone NOT NULL
);

CREATE VIEW api.etf_latest_price AS
 SELECT d.symbol,
    d.date,
    d.open,
    d.high,
    d.low,
    d.close,
    d.adj_close,
    d.volume,
    d.unadjusted_volume,
    d.change,
    d.change_percent,
    d.vwap,
    d.data_version,
    d.api_version,
    d.updated_at,
    d.date AS as_of_date,
    (d.date < ( SELECT ops.stale_cutoff('etf'::text) AS stale_cutoff)) AS is_stale
   FROM core.etfs_quotes_current_date d;

CREATE TABLE core.etfs_peers (
    symbol text NOT NULL COLLATE pg_catalog."C",
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT etfs_peers_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT etfs_peers_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.etfs_peers_current (
    symbol text NOT NULL COLLATE pg_catalog."C",
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.etfs_peers_latest AS
 SELECT ( SELECT core.raw_document(r.payload, h.batch_elem) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.symbol,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.batch_elem,
    h.vendor_as_of
   FROM (core.etfs_peers_current c
     JOIN core.etfs_peers h ON (((h.symbol = c.symbol) AND (h.data_version = c.data_version))));

CREATE VIEW api.etf_peers AS
 SELECT p.symbol,
    COALESCE((o.peer ->> 'symbol'::text), p.array_element_value) AS peer_symbol,
    (p.array_element_index + 1) AS peer_rank,
    (o.peer ->> 'companyName'::text) AS peer_company_name,
        CASE
            WHEN (jsonb_typeof((o.peer -> 'price'::text)) = 'number'::text) THEN ((o.peer ->> 'price'::text))::numeric
            ELSE NULL::numeric
        END AS peer_price,
        CASE
            WHEN (jsonb_typeof((o.peer -> 'mktCap'::text)) = 'number'::text) THEN ((o.peer ->> 'mktCap'::text))::numeric
            ELSE NULL::numeric
        END AS peer_market_cap,
    p.data_version,
    p.api_version,
    p.updated_at
   FROM (core.etfs_peers_latest p
     CROSS JOIN LATERAL ( SELECT
                CASE
                    WHEN ((p.array_source_field = 'peers'::text) AND ("left"(p.array_element_value, 1) = '{'::text)) THEN (p.array_element_value)::jsonb
                    ELSE NULL::jsonb
                END AS peer) o)
  WHERE (p.array_source_field = ANY (ARRAY['peers'::text, 'peersList'::text]));

CREATE VIEW api.etf_price AS
 SELECT c.symbol,
    c.date,
    q.open,
    q.high,
    q.low,
    q.close,
    q.adj_close,
    q.volume,
    q.unadjusted_volume,
    q.change,
    q.change_percent,
    q.vwap,
    q.data_version,
    q.api_version,
    q.updated_at
   FROM (core.etfs_quotes_current c
     CROSS JOIN LATERAL ( SELECT h.symbol,
            h.date,
            h.open,
            h.high,
            h.low,
            h.close,
            h.adj_close,
            h.volume,
            h.unadjusted_volume,
            h.change,
            h.change_percent,
            h.vwap,
            h.array_source_field,
            h.array_element_index,
            h.array_element_value,
            h.data_source,
            h.source_file,
            h.api_version,
            h.data_version,
            h.content_hash,
            h.processed_at,
            h.updated_at,
            h.batch_id,
            h.batch_line,
            h.batch_elem,
            h.vendor_as_of
           FROM core.etfs_quotes h
          WHERE ((h.symbol = c.symbol) AND (h.date = c.date) AND (h.data_version = c.data_version))
          ORDER BY h.array_source_field NULLS FIRST, h.array_element_index NULLS FIRST
         LIMIT 1) q);

CREATE VIEW api.etf_price_adjusted AS
 SELECT p.symbol,
    p.date,
    p.close,
    p.split_adjusted_close,
    p.total_return_close,
    p.split_factor,
    p.dividend_factor,
    p.basis
   FROM core.total_return_price p
  WHERE (p.kind = 'etf'::text);

CREATE TABLE core.etfs_profile (
    symbol text NOT NULL COLLATE pg_catalog."C",
    name text,
    description text,
    isin text,
    cusip text,
    asset_class text,
    domicile text,
    website text,
    etf_company text,
    inception_date date,
    nav_currency text,
    info_updated_at timestamp with time zone,
    expense_ratio numeric,
    assets_under_management numeric,
    nav numeric,
    avg_volume bigint,
    holdings_count integer,
    extra jsonb,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT etfs_profile_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT etfs_profile_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.etfs_profile_current (
    symbol text NOT NULL COLLATE pg_catalog."C",
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.etfs_profile_latest AS
 SELECT ( SELECT core.raw_document(r.payload, h.batch_elem) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.symbol,
    h.name,
    h.description,
    h.isin,
    h.cusip,
    h.asset_class,
    h.domicile,
    h.website,
    h.etf_company,
    h.inception_date,
    h.nav_currency,
    h.info_updated_at,
    h.expense_ratio,
    h.assets_under_management,
    h.nav,
    h.avg_volume,
    h.holdings_count,
    h.extra,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.batch_elem,
    h.vendor_as_of
   FROM (core.etfs_profile_current c
     JOIN core.etfs_profile h ON (((h.symbol = c.symbol) AND (h.data_version = c.data_version))));

CREATE VIEW api.etf_profile AS
 SELECT DISTINCT ON (e.symbol) e.symbol,
    e.name,
    e.etf_company,
    e.asset_class,
    e.description,
    e.isin,
    e.cusip,
    e.domicile,
    e.website,
    e.inception_date,
    e.expense_ratio,
    e.assets_under_management,
    e.nav,
    e.nav_currency,
    e.avg_volume,
    e.holdings_count,
    e.info_updated_at,
    e.data_version,
    e.api_version,
    e.updated_at
   FROM core.etfs_profile_latest e
  ORDER BY e.symbol, e.array_element_index NULLS FIRST;

CREATE VIEW api.etf_sector_weighting AS
 SELECT e.symbol,
    (s.element ->> 'industry'::text) AS sector,
        CASE
            WHEN (jsonb_typeof((s.element -> 'exposure'::text)) = 'number'::text) THEN ((s.element ->> 'exposure'::text))::numeric
            WHEN (btrim((s.element ->> 'exposure'::text)) ~ '^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?\s*%?$'::text) THEN (rtrim(rtrim(btrim((s.element ->> 'exposure'::text)), '%'::text)))::numeric
            ELSE NULL::numeric
        END AS exposure_percentage,
    e.data_version,
    e.api_version,
    e.updated_at
   FROM (core.etfs_profile_latest e
     CROSS JOIN LATERAL ( SELECT
                CASE
                    WHEN ((e.array_source_field = 'sectorsList'::text) AND ("left"(e.array_element_value, 1) = '{'::text)) THEN (e.array_element_value)::jsonb
                    ELSE NULL::jsonb
                END AS element) s)
  WHERE ((e.array_source_field = 'sectorsList'::text) AND (jsonb_typeof(s.element) = 'object'::text));

CREATE VIEW api.etf_split AS
 SELECT s.symbol,
    s.date,
    s.numerator,
    s.denominator,
    (s.numerator / NULLIF(s.denominator, (0)::numeric)) AS ratio,
    s.split_type,
    s.data_version,
    s.api_version,
    s.updated_at
   FROM core.etfs_split_latest s;

CREATE VIEW api.factor_exposure AS
 SELECT e.symbol,
    e.factor,
    e.factor_etf,
    e.beta,
    e.beta_uncapped,
    e.r_squared,
    e.n_obs,
    e.quality_flag,
    e.capped,
    e.as_of_date
   FROM agg.factor_exposure e;

CREATE TABLE core.fundata_data (
    identifier text NOT NULL COLLATE pg_catalog."C",
    record_id text,
    language text,
    legal_name text,
    family_name text,
    series_name text,
    company text,
    inception_date date,
    currency text,
    record_state text,
    change_date date,
    management_fee numeric(12,2),
    expense_ratio numeric(12,2),
    minimum_investment numeric(12,2),
    nav_value numeric(12,2),
    yield_rate numeric(12,2),
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT fundata_data_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT fundata_data_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.fundata_data_current (
    identifier text NOT NULL COLLATE pg_catalog."C",
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.fundata_data_latest AS
 SELECT ( SELECT core.raw_document(r.payload, NULL::integer) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.identifier,
    h.record_id,
    h.language,
    h.legal_name,
    h.family_name,
    h.series_name,
    h.company,
    h.inception_date,
    h.currency,
    h.record_state,
    h.change_date,
    h.management_fee,
    h.expense_ratio,
    h.minimum_investment,
    h.nav_value,
    h.yield_rate,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.vendor_as_of
   FROM (core.fundata_data_current c
     JOIN core.fundata_data h ON (((h.identifier = c.identifier) AND (h.data_version = c.data_version))));

CREATE VIEW api.fund AS
 SELECT d.identifier,
    d.record_id,
    d.language,
    d.legal_name,
    d.family_name,
    d.series_name,
    d.company,
    d.inception_date,
    d.currency,
    d.record_state,
    d.change_date,
    d.management_fee,
    d.expense_ratio,
    d.minimum_investment,
    d.nav_value,
    d.yield_rate,
    d.data_version,
    d.data_source,
    d.updated_at
   FROM core.fundata_data_latest d
  WHERE (NOT (EXISTS ( SELECT 1
           FROM core.fundata_data e
          WHERE ((e.identifier = d.identifier) AND (e.data_version = d.data_version) AND (ROW(e.array_source_field, e.array_element_index) < ROW(d.array_source_field, d.array_element_index))))));

CREATE TABLE core.fundata_advanced_performance (
    identifier text NOT NULL COLLATE pg_catalog."C",
    record_id text,
    as_of_date date,
    two_year_return numeric(12,2),
    four_year_return numeric(12,2),
    fifteen_year_return numeric(12,2),
    twenty_year_return numeric(12,2),
    standard_deviation_3y numeric(12,2),
    sharpe_ratio_3y numeric(12,2),
    alpha_3y numeric(12,2),
    beta_3y numeric(12,2),
    r_squared_3y numeric(12,2),
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT fundata_advanced_performance_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT fundata_advanced_performance_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.fundata_advanced_performance_current (
    identifier text NOT NULL COLLATE pg_catalog."C",
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.fundata_advanced_performance_latest AS
 SELECT ( SELECT core.raw_document(r.payload, NULL::integer) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.identifier,
    h.record_id,
    h.as_of_date,
    h.two_year_return,
    h.four_year_return,
    h.fifteen_year_return,
    h.twenty_year_return,
    h.standard_deviation_3y,
    h.sharpe_ratio_3y,
    h.alpha_3y,
    h.beta_3y,
    h.r_squared_3y,
    h.record_state,
    h.change_date,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.vendor_as_of
   FROM (core.fundata_advanced_performance_current c
     JOIN core.fundata_advanced_performance h ON (((h.identifier = c.identifier) AND (h.data_version = c.data_version))));

CREATE VIEW api.fund_advanced_performance AS
 SELECT DISTINCT ON (a.identifier) a.identifier,
    a.as_of_date,
    a.two_year_return,
    a.four_year_return,
    a.fifteen_year_return,
    a.twenty_year_return,
    a.standard_deviation_3y,
    a.sharpe_ratio_3y,
    a.alpha_3y,
    a.beta_3y,
    a.r_squared_3y,
    a.record_state,
    a.change_date,
    a.data_version,
    a.data_source,
    a.updated_at
   FROM core.fundata_advanced_performance_latest a
  ORDER BY a.identifier, a.array_source_field NULLS FIRST, a.array_element_index NULLS FIRST;

CREATE TABLE core.fundata_allocations (
    identifier text NOT NULL COLLATE pg_catalog."C",
    allocation_date date NOT NULL,
    allocation_type text NOT NULL,
    allocation_name text NOT NULL,
    record_id text,
    weight numeric(12,2),
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT fundata_allocations_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT fundata_allocations_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.fundata_allocations_current (
    identifier text NOT NULL COLLATE pg_catalog."C",
    allocation_date date NOT NULL,
    allocation_type text NOT NULL,
    allocation_name text NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.fundata_allocations_latest AS
 SELECT ( SELECT core.raw_document(r.payload, NULL::integer) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.identifier,
    h.allocation_date,
    h.allocation_type,
    h.allocation_name,
    h.record_id,
    h.weight,
    h.record_state,
    h.change_date,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.vendor_as_of
   FROM (core.fundata_allocations_current c
     JOIN core.fundata_allocations h ON (((h.identifier = c.identifier) AND (h.allocation_date = c.allocation_date) AND (h.allocation_type = c.allocation_type) AND (h.allocation_name = c.allocation_name) AND (h.data_version = c.data_version))));

CREATE VIEW api.fund_allocations AS
 SELECT a.identifier,
    a.allocation_type,
    a.allocation_name,
    a.allocation_date,
    a.weight,
    a.record_state,
    a.change_date,
    a.data_version,
    a.data_source,
    a.updated_at
   FROM ( SELECT DISTINCT ON (t.identifier, t.allocation_type, t.allocation_date, t.allocation_name) t.raw_json,
            t.identifier,
            t.allocation_date,
            t.allocation_type,
            t.allocation_name,
            t.record_id,
            t.weight,
            t.record_state,
            t.change_date,
            t.array_source_field,
            t.array_element_index,
            t.array_element_value,
            t.data_source,
            t.source_file,
            t.api_version,
            t.data_version,
            t.content_hash,
            t.processed_at,
            t.updated_at,
            t.batch_id,
            t.batch_line,
            t.vendor_as_of,
            max(t.allocation_date) OVER (PARTITION BY t.identifier, t.allocation_type) AS latest_allocation_date
           FROM core.fundata_allocations_latest t
          ORDER BY t.identifier, t.allocation_type, t.allocation_date, t.allocation_name, t.array_source_field NULLS FIRST, t.array_element_index NULLS FIRST) a
  WHERE (a.allocation_date = a.latest_allocation_date);

CREATE TABLE core.fundata_assets (
    identifier text NOT NULL COLLATE pg_catalog."C",
    assets_date date NOT NULL,
    record_id text,
    total_net_assets numeric(12,2),
    series_net_assets numeric(12,2),
    currency text,
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT fundata_assets_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT fundata_assets_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.fundata_assets_current (
    identifier text NOT NULL COLLATE pg_catalog."C",
    assets_date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.fundata_assets_latest AS
 SELECT ( SELECT core.raw_document(r.payload, NULL::integer) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.identifier,
    h.assets_date,
    h.record_id,
    h.total_net_assets,
    h.series_net_assets,
    h.currency,
    h.record_state,
    h.change_date,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.vendor_as_of
   FROM (core.fundata_assets_current c
     JOIN core.fundata_assets h ON (((h.identifier = c.identifier) AND (h.assets_date = c.assets_date) AND (h.data_version = c.data_version))));

CREATE VIEW api.fund_assets AS
 SELECT DISTINCT ON (a.identifier, a.assets_date) a.identifier,
    a.assets_date,
    a.total_net_assets,
    a.series_net_assets,
    a.currency,
    a.record_state,
    a.change_date,
    a.data_version,
    a.data_source,
    a.updated_at
   FROM core.fundata_assets_latest a
  ORDER BY a.identifier, a.assets_date, a.array_source_field NULLS FIRST, a.array_element_index NULLS FIRST;

CREATE TABLE core.fundata_associated_benchmarks (
    identifier text NOT NULL COLLATE pg_catalog."C",
    benchmark_identifier text NOT NULL COLLATE pg_catalog."C",
    record_id text,
    benchmark_name text,
    benchmark_type text,
    weight numeric(12,2),
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT fundata_associated_benchmarks_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT fundata_associated_benchmarks_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.fundata_associated_benchmarks_current (
    identifier text NOT NULL COLLATE pg_catalog."C",
    benchmark_identifier text NOT NULL COLLATE pg_catalog."C",
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.fundata_associated_benchmarks_latest AS
 SELECT ( SELECT core.raw_document(r.payload, NULL::integer) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.identifier,
    h.benchmark_identifier,
    h.record_id,
    h.benchmark_name,
    h.benchmark_type,
    h.weight,
    h.record_state,
    h.change_date,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.vendor_as_of
   FROM (core.fundata_associated_benchmarks_current c
     JOIN core.fundata_associated_benchmarks h ON (((h.identifier = c.identifier) AND (h.benchmark_identifier = c.benchmark_identifier) AND (h.data_version = c.data_version))));

CREATE VIEW api.fund_associated_benchmark AS
 SELECT DISTINCT ON (b.identifier, b.benchmark_identifier) b.identifier,
    b.benchmark_identifier,
    b.benchmark_name,
    b.benchmark_type,
    b.weight,
    b.record_state,
    b.change_date,
    b.data_version,
    b.data_source,
    b.updated_at
   FROM core.fundata_associated_benchmarks_latest b
  ORDER BY b.identifier, b.benchmark_identifier, b.array_source_field NULLS FIRST, b.array_element_index NULLS FIRST;

CREATE TABLE core.fundata_distributions (
    identifier text NOT NULL COLLATE pg_catalog."C",
    distribution_date date NOT NULL,
    record_id text,
    pay_date date,
    total_amount numeric(12,2),
    income_amount numeric(12,2),
    capital_gains_amount numeric(12,2),
    return_of_capital_amount numeric(12,2),
    reinvestment_price numeric(12,2),
    currency text,
    frequency text,
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT fundata_distributions_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT fundata_distributions_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.fundata_distributions_current (
    identifier text NOT NULL COLLATE pg_catalog."C",
    distribution_date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.fundata_distributions_latest AS
 SELECT ( SELECT core.raw_document(r.payload, NULL::integer) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.identifier,
    h.distribution_date,
    h.record_id,
    h.pay_date,
    h.total_amount,
    h.income_amount,
    h.capital_gains_amount,
    h.return_of_capital_amount,
    h.reinvestment_price,
    h.currency,
    h.frequency,
    h.record_state,
    h.change_date,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.vendor_as_of
   FROM (core.fundata_distributions_current c
     JOIN core.fundata_distributions h ON (((h.identifier = c.identifier) AND (h.distribution_date = c.distribution_date) AND (h.data_version = c.data_version))));

CREATE VIEW api.fund_distributions AS
 SELECT DISTINCT ON (d.identifier, d.distribution_date) d.identifier,
    d.distribution_date,
    d.pay_date,
    d.total_amount,
    d.income_amount,
    d.capital_gains_amount,
    d.return_of_capital_amount,
    d.reinvestment_price,
    d.currency,
    d.frequency,
    d.record_state,
    d.change_date,
    d.data_version,
    d.data_source,
    d.updated_at
   FROM core.fundata_distributions_latest d
  ORDER BY d.identifier, d.distribution_date, d.array_source_field NULLS FIRST, d.array_element_index NULLS FIRST;

CREATE TABLE core.fundata_equity_style (
    identifier text NOT NULL COLLATE pg_catalog."C",
    record_id text,
    style_date date,
    market_cap_style text,
    investment_style text,
    average_market_cap numeric(12,2),
    price_to_earnings numeric(12,2),
    price_to_book numeric(12,2),
    dividend_yield numeric(12,2),
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT fundata_equity_style_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT fundata_equity_style_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.fundata_equity_style_current (
    identifier text NOT NULL COLLATE pg_catalog."C",
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.fundata_equity_style_latest AS
 SELECT ( SELECT core.raw_document(r.payload, NULL::integer) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.identifier,
    h.record_id,
    h.style_date,
    h.market_cap_style,
    h.investment_style,
    h.average_market_cap,
    h.price_to_earnings,
    h.price_to_book,
    h.dividend_yield,
    h.record_state,
    h.change_date,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.vendor_as_of
   FROM (core.fundata_equity_style_current c
     JOIN core.fundata_equity_style h ON (((h.identifier = c.identifier) AND (h.data_version = c.data_version))));

CREATE VIEW api.fund_equity_style AS
 SELECT DISTINCT ON (e.identifier) e.identifier,
    e.style_date,
    e.market_cap_style,
    e.investment_style,
    e.average_market_cap,
    e.price_to_earnings,
    e.price_to_book,
    e.dividend_yield,
    e.record_state,
    e.change_date,
    e.data_version,
    e.data_source,
    e.updated_at
   FROM core.fundata_equity_style_latest e
  ORDER BY e.identifier, e.array_source_field NULLS FIRST, e.array_element_index NULLS FIRST;

CREATE TABLE core.fundata_expenses (
    identifier text NOT NULL COLLATE pg_catalog."C",
    record_id text,
    mer_date date,
    mer numeric(12,2),
    management_fee numeric(12,2),
    trading_expense_ratio numeric(12,2),
    total_expense_ratio numeric(12,2),
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT fundata_expenses_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT fundata_expenses_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.fundata_expenses_current (
    identifier text NOT NULL COLLATE pg_catalog."C",
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.fundata_expenses_latest AS
 SELECT ( SELECT core.raw_document(r.payload, NULL::integer) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.identifier,
    h.record_id,
    h.mer_date,
    h.mer,
    h.management_fee,
    h.trading_expense_ratio,
    h.total_expense_ratio,
    h.record_state,
    h.change_date,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.vendor_as_of
   FROM (core.fundata_expenses_current c
     JOIN core.fundata_expenses h ON (((h.identifier = c.identifier) AND (h.data_version = c.data_version))));

CREATE VIEW api.fund_expenses AS
 SELECT DISTINCT ON (e.identifier) e.identifier,
    e.mer_date,
    e.mer,
    e.management_fee,
    e.trading_expense_ratio,
    e.total_expense_ratio,
    e.record_state,
    e.change_date,
    e.data_version,
    e.data_source,
    e.updated_at
   FROM core.fundata_expenses_latest e
  ORDER BY e.identifier, e.array_source_field NULLS FIRST, e.array_element_index NULLS FIRST;

CREATE TABLE core.fundata_fixed_income_style (
    identifier text NOT NULL COLLATE pg_catalog."C",
    record_id text,
    style_date date,
    credit_quality text,
    interest_rate_sensitivity text,
    average_credit_rating text,
    average_duration numeric(12,2),
    average_maturity numeric(12,2),
    average_coupon numeric(12,2),
    yield_to_maturity numeric(12,2),
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT fundata_fixed_income_style_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT fundata_fixed_income_style_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.fundata_fixed_income_style_current (
    identifier text NOT NULL COLLATE pg_catalog."C",
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.fundata_fixed_income_style_latest AS
 SELECT ( SELECT core.raw_document(r.payload, NULL::integer) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.identifier,
    h.record_id,
    h.style_date,
    h.credit_quality,
    h.interest_rate_sensitivity,
    h.average_credit_rating,
    h.average_duration,
    h.average_maturity,
    h.average_coupon,
    h.yield_to_maturity,
    h.record_state,
    h.change_date,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.vendor_as_of
   FROM (core.fundata_fixed_income_style_current c
     JOIN core.fundata_fixed_income_style h ON (((h.identifier = c.identifier) AND (h.data_version = c.data_version))));

CREATE VIEW api.fund_fixed_income_style AS
 SELECT DISTINCT ON (f.identifier) f.identifier,
    f.style_date,
    f.credit_quality,
    f.interest_rate_sensitivity,
    f.average_credit_rating,
    f.average_duration,
    f.average_maturity,
    f.average_coupon,
    f.yield_to_maturity,
    f.record_state,
    f.change_date,
    f.data_version,
    f.data_source,
    f.updated_at
   FROM core.fundata_fixed_income_style_latest f
  ORDER BY f.identifier, f.array_source_field NULLS FIRST, f.array_element_index NULLS FIRST;

CREATE VIEW api.fund_history AS
 SELECT d.identifier,
    d.data_version,
    d.record_id,
    d.language,
    d.legal_name,
    d.family_name,
    d.series_name,
    d.company,
    d.inception_date,
    d.currency,
    d.record_state,
    d.change_date,
    d.management_fee,
    d.expense_ratio,
    d.minimum_investment,
    d.nav_value,
    d.yield_rate,
    d.array_source_field,
    d.array_element_index,
    d.array_element_value,
    d.data_source,
    d.source_file,
    d.updated_at,
    (c.identifier IS NOT NULL) AS is_latest
   FROM (core.fundata_data d
     LEFT JOIN core.fundata_data_current c ON (((c.identifier = d.identifier) AND (c.data_version = d.data_version))));

CREATE TABLE core.fundata_quotes_current_date (
    identifier text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer,
    navps numeric(12,2),
    previous_date date,
    previous_navps numeric(12,2),
    navps_penny_change numeric(12,2),
    navps_percent_change numeric(12,2),
    current_yield numeric(12,2),
    updated_at timestamp with time zone
);

CREATE VIEW api.fund_latest_nav AS
 SELECT d.identifier,
    f.legal_name,
    f.currency,
    d.date AS nav_date,
    d.navps,
    d.previous_date,
    d.previous_navps,
    d.navps_penny_change,
    d.navps_percent_change,
    d.current_yield,
    d.data_version,
    d.updated_at,
    d.date AS as_of_date,
    ops.is_stale('fund'::text, d.identifier, d.date, ( SELECT ops.last_session() AS last_session)) AS is_stale
   FROM (core.fundata_quotes_current_date d
     LEFT JOIN LATERAL ( SELECT h.legal_name,
            h.currency
           FROM (core.fundata_data_current c
             JOIN core.fundata_data h ON (((h.identifier = c.identifier) AND (h.data_version = c.data_version))))
          WHERE (c.identifier = d.identifier)
          ORDER BY h.array_source_field NULLS FIRST, h.array_element_index NULLS FIRST
         LIMIT 1) f ON (true));

CREATE TABLE core.fundata_loads (
    identifier text NOT NULL COLLATE pg_catalog."C",
    load_type text NOT NULL,
    breakpoint_sequence integer NOT NULL,
    record_id text,
    breakpoint_from numeric(12,2),
    breakpoint_to numeric(12,2),
    breakpoint_unit text,
    load_percent numeric(12,2),
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT fundata_loads_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT fundata_loads_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.fundata_loads_current (
    identifier text NOT NULL COLLATE pg_catalog."C",
    load_type text NOT NULL,
    breakpoint_sequence integer NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.fundata_loads_latest AS
 SELECT ( SELECT core.raw_document(r.payload, NULL::integer) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.identifier,
    h.load_type,
    h.breakpoint_sequence,
    h.record_id,
    h.breakpoint_from,
    h.breakpoint_to,
    h.breakpoint_unit,
    h.load_percent,
    h.record_state,
    h.change_date,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.vendor_as_of
   FROM (core.fundata_loads_current c
     JOIN core.fundata_loads h ON (((h.identifier = c.identifier) AND (h.load_type = c.load_type) AND (h.breakpoint_sequence = c.breakpoint_sequence) AND (h.data_version = c.data_version))));

CREATE VIEW api.fund_load AS
 SELECT DISTINCT ON (l.identifier, l.load_type, l.breakpoint_sequence) l.identifier,
    l.load_type,
    l.breakpoint_sequence,
    l.breakpoint_from,
    l.breakpoint_to,
    l.breakpoint_unit,
    l.load_percent,
    l.record_state,
    l.change_date,
    l.data_version,
    l.data_source,
    l.updated_at
   FROM core.fundata_loads_latest l
  ORDER BY l.identifier, l.load_type, l.breakpoint_sequence, l.array_source_field NULLS FIRST, l.array_element_index NULLS FIRST;

CREATE VIEW api.fund_metrics AS
 SELECT m.identifier,
    m.as_of_date,
    m.navps,
    m.return_1d,
    m.return_21d,
    m.return_63d,
    m.return_252d,
    m.return_ytd,
    m.volatility_21d,
    m.volatility_63d,
    m.volatility_252d,
    m.reported_as_of_date,
    m.reported_one_month_return,
    m.reported_three_month_return,
    m.reported_ytd_return,
    m.reported_one_year_return,
    ((m.return_21d * (100)::double precision) - m.reported_one_month_return) AS one_month_difference,
    ((m.return_63d * (100)::double precision) - m.reported_three_month_return) AS three_month_difference,
    ((m.return_ytd * (100)::double precision) - m.reported_ytd_return) AS ytd_difference,
    ((m.return_252d * (100)::double precision) - m.reported_one_year_return) AS one_year_difference
   FROM agg.fund_metrics m;

CREATE TABLE core.fundata_quotes (
    identifier text NOT NULL COLLATE pg_catalog."C",
    record_id text,
    date date NOT NULL,
    navps numeric(12,2),
    navps_penny_change numeric(12,2),
    navps_percent_change numeric(12,2),
    previous_date date,
    previous_navps numeric(12,2),
    current_yield numeric(12,2),
    current_yield_percent_change numeric(12,2),
    price numeric(12,2),
    volume_weighted_price numeric(12,2),
    bid_price numeric(12,2),
    ask_price numeric(12,2),
    split numeric(12,2),
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT fundata_quotes_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT fundata_quotes_data_version_check CHECK ((data_version >= 1))
)
PARTITION BY RANGE (date);

CREATE TABLE core.fundata_quotes_current (
    identifier text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
)
PARTITION BY RANGE (date);

CREATE VIEW api.fund_nav AS
 SELECT c.identifier,
    c.date,
    q.navps,
    q.navps_penny_change,
    q.navps_percent_change,
    q.previous_date,
    q.previous_navps,
    q.current_yield,
    q.current_yield_percent_change,
    q.split,
    q.record_state,
    q.data_version,
    q.data_source,
    q.updated_at
   FROM (core.fundata_quotes_current c
     CROSS JOIN LATERAL ( SELECT h.identifier,
            h.record_id,
            h.date,
            h.navps,
            h.navps_penny_change,
            h.navps_percent_change,
            h.previous_date,
            h.previous_navps,
            h.current_yield,
            h.current_yield_percent_change,
            h.price,
            h.volume_weighted_price,
            h.bid_price,
            h.ask_price,
            h.split,
            h.record_state,
            h.change_date,
            h.array_source_field,
            h.array_element_index,
            h.array_element_value,
            h.data_source,
            h.source_file,
            h.api_version,
            h.data_version,
            h.content_hash,
            h.processed_at,
            h.updated_at,
            h.batch_id,
            h.batch_line,
            h.vendor_as_of
           FROM core.fundata_quotes h
          WHERE ((h.identifier = c.identifier) AND (h.date = c.date) AND (h.data_version = c.data_version))
          ORDER BY h.array_source_field NULLS FIRST, h.array_element_index NULLS FIRST
         LIMIT 1) q);

CREATE VIEW api.fund_nav_monthly AS
 SELECT m.identifier,
    m.month_start_date,
    m.first_date,
    m.last_date,
    m.opening_navps,
    m.closing_navps,
    m.max_navps,
    m.min_navps,
    m.avg_yield,
    m.trading_days
   FROM agg.fund_nav_monthly m;

CREATE TABLE core.fundata_other_fees (
    identifier text NOT NULL COLLATE pg_catalog."C",
    fee_type text NOT NULL,
    record_id text,
    fee_amount numeric(12,2),
    fee_percent numeric(12,2),
    currency text,
    description text,
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT fundata_other_fees_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT fundata_other_fees_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.fundata_other_fees_current (
    identifier text NOT NULL COLLATE pg_catalog."C",
    fee_type text NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.fundata_other_fees_latest AS
 SELECT ( SELECT core.raw_document(r.payload, NULL::integer) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.identifier,
    h.fee_type,
    h.record_id,
    h.fee_amount,
    h.fee_percent,
    h.currency,
    h.description,
    h.record_state,
    h.change_date,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.vendor_as_of
   FROM (core.fundata_other_fees_current c
     JOIN core.fundata_other_fees h ON (((h.identifier = c.identifier) AND (h.fee_type = c.fee_type) AND (h.data_version = c.data_version))));

CREATE VIEW api.fund_other_fees AS
 SELECT DISTINCT ON (o.identifier, o.fee_type) o.identifier,
    o.fee_type,
    o.fee_amount,
    o.fee_percent,
    o.currency,
    o.description,
    o.record_state,
    o.change_date,
    o.data_version,
    o.data_source,
    o.updated_at
   FROM core.fundata_other_fees_latest o
  ORDER BY o.identifier, o.fee_type, o.array_source_field NULLS FIRST, o.array_element_index NULLS FIRST;

CREATE TABLE core.fundata_performance_summary (
    identifier text NOT NULL COLLATE pg_catalog."C",
    record_id text,
    as_of_date date,
    one_month_return numeric(12,2),
    three_month_return numeric(12,2),
    six_month_return numeric(12,2),
    ytd_return numeric(12,2),
    one_year_return numeric(12,2),
    three_year_return numeric(12,2),
    five_year_return numeric(12,2),
    ten_year_return numeric(12,2),
    inception_return numeric(12,2),
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT fundata_performance_summary_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT fundata_performance_summary_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.fundata_performance_summary_current (
    identifier text NOT NULL COLLATE pg_catalog."C",
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.fundata_performance_summary_latest AS
 SELECT ( SELECT core.raw_document(r.payload, NULL::integer) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.identifier,
    h.record_id,
    h.as_of_date,
    h.one_month_return,
    h.three_month_return,
    h.six_month_return,
    h.ytd_return,
    h.one_year_return,
    h.three_year_return,
    h.five_year_return,
    h.ten_year_return,
    h.inception_return,
    h.record_state,
    h.change_date,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.vendor_as_of
   FROM (core.fundata_performance_summary_current c
     JOIN core.fundata_performance_summary h ON (((h.identifier = c.identifier) AND (h.data_version = c.data_version))));

CREATE VIEW api.fund_performance AS
 SELECT DISTINCT ON (p.identifier) p.identifier,
    p.as_of_date,
    p.one_month_return,
    p.three_month_return,
    p.six_month_return,
    p.ytd_return,
    p.one_year_return,
    p.three_year_return,
    p.five_year_return,
    p.ten_year_return,
    p.inception_return,
    p.record_state,
    p.change_date,
    p.data_version,
    p.data_source,
    p.updated_at
   FROM core.fundata_performance_summary_latest p
  ORDER BY p.identifier, p.array_source_field NULLS FIRST, p.array_element_index NULLS FIRST;

CREATE TABLE core.fundata_top_holdings (
    identifier text NOT NULL COLLATE pg_catalog."C",
    holdings_date date NOT NULL,
    holding_rank integer NOT NULL,
    record_id text,
    holding_name text,
    holding_symbol text,
    weight numeric(12,2),
    market_value numeric(12,2),
    sector text,
    country text,
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT fundata_top_holdings_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT fundata_top_holdings_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.fundata_top_holdings_current (
    identifier text NOT NULL COLLATE pg_catalog."C",
    holdings_date date NOT NULL,
    holding_rank integer NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.fundata_top_holdings_latest AS
 SELECT ( SELECT core.raw_document(r.payload, NULL::integer) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.identifier,
    h.holdings_date,
    h.holding_rank,
    h.record_id,
    h.holding_name,
    h.holding_symbol,
    h.weight,
    h.market_value,
    h.sector,
    h.country,
    h.record_state,
    h.change_date,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.vendor_as_of
   FROM (core.fundata_top_holdings_current c
     JOIN core.fundata_top_holdings h ON (((h.identifier = c.identifier) AND (h.holdings_date = c.holdings_date) AND (h.holding_rank = c.holding_rank) AND (h.data_version = c.data_version))));

CREATE VIEW api.fund_top_holdings AS
 SELECT h.identifier,
    h.holdings_date,
    h.holding_rank,
    h.holding_name,
    h.holding_symbol,
    h.weight,
    h.market_value,
    h.sector,
    h.country,
    h.record_state,
    h.change_date,
    h.data_version,
    h.data_source,
    h.updated_at
   FROM ( SELECT DISTINCT ON (t.identifier, t.holdings_date, t.holding_rank) t.raw_json,
            t.identifier,
            t.holdings_date,
            t.holding_rank,
            t.record_id,
            t.holding_name,
            t.holding_symbol,
            t.weight,
            t.market_value,
            t.sector,
            t.country,
            t.record_state,
            t.change_date,
            t.array_source_field,
            t.array_element_index,
            t.array_element_value,
            t.data_source,
            t.source_file,
            t.api_version,
            t.data_version,
            t.content_hash,
            t.processed_at,
            t.updated_at,
            t.batch_id,
            t.batch_line,
            t.vendor_as_of,
            max(t.holdings_date) OVER (PARTITION BY t.identifier) AS latest_holdings_date
           FROM core.fundata_top_holdings_latest t
          ORDER BY t.identifier, t.holdings_date, t.holding_rank, t.array_source_field NULLS FIRST, t.array_element_index NULLS FIRST) h
  WHERE (h.holdings_date = h.latest_holdings_date);

CREATE TABLE core.fundata_trailer_schedules (
    identifier text NOT NULL COLLATE pg_catalog."C",
    load_type text NOT NULL,
    from_year integer NOT NULL,
    record_id text,
    to_year integer,
    trailer_fee numeric(12,2),
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT fundata_trailer_schedules_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT fundata_trailer_schedules_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.fundata_trailer_schedules_current (
    identifier text NOT NULL COLLATE pg_catalog."C",
    load_type text NOT NULL,
    from_year integer NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.fundata_trailer_schedules_latest AS
 SELECT ( SELECT core.raw_document(r.payload, NULL::integer) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.identifier,
    h.load_type,
    h.from_year,
    h.record_id,
    h.to_year,
    h.trailer_fee,
    h.record_state,
    h.change_date,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.vendor_as_of
   FROM (core.fundata_trailer_schedules_current c
     JOIN core.fundata_trailer_schedules h ON (((h.identifier = c.identifier) AND (h.load_type = c.load_type) AND (h.from_year = c.from_year) AND (h.data_version = c.data_version))));

CREATE VIEW api.fund_trailer_schedule AS
 SELECT DISTINCT ON (t.identifier, t.load_type, t.from_year) t.identifier,
    t.load_type,
    t.from_year,
    t.to_year,
    t.trailer_fee,
    t.record_state,
    t.change_date,
    t.data_version,
    t.data_source,
    t.updated_at
   FROM core.fundata_trailer_schedules_latest t
  ORDER BY t.identifier, t.load_type, t.from_year, t.array_source_field NULLS FIRST, t.array_element_index NULLS FIRST;

CREATE TABLE core.fundata_yearly_performance (
    identifier text NOT NULL COLLATE pg_catalog."C",
    performance_year integer NOT NULL,
    record_id text,
    annual_return numeric(12,2),
    category_return numeric(12,2),
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT fundata_yearly_performance_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT fundata_yearly_performance_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.fundata_yearly_performance_current (
    identifier text NOT NULL COLLATE pg_catalog."C",
    performance_year integer NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.fundata_yearly_performance_latest AS
 SELECT ( SELECT core.raw_document(r.payload, NULL::integer) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.identifier,
    h.performance_year,
    h.record_id,
    h.annual_return,
    h.category_return,
    h.record_state,
    h.change_date,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.vendor_as_of
   FROM (core.fundata_yearly_performance_current c
     JOIN core.fundata_yearly_performance h ON (((h.identifier = c.identifier) AND (h.performance_year = c.performance_year) AND (h.data_version = c.data_version))));

CREATE VIEW api.fund_yearly_performance AS
 SELECT DISTINCT ON (y.identifier, y.performance_year) y.identifier,
    y.performance_year,
    y.annual_return,
    y.category_return,
    y.record_state,
    y.change_date,
    y.data_version,
    y.data_source,
    y.updated_at
   FROM core.fundata_yearly_performance_latest y
  ORDER BY y.identifier, y.performance_year, y.array_source_field NULLS FIRST, y.array_element_index NULLS FIRST;

CREATE TABLE core.fundata_yearly_performance_ranking (
    identifier text NOT NULL COLLATE pg_catalog."C",
    performance_year integer NOT NULL,
    record_id text,
    quartile integer,
    category_rank integer,
    category_count integer,
    percentile_rank integer,
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT fundata_yearly_performance_ranking_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT fundata_yearly_performance_ranking_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.fundata_yearly_performance_ranking_current (
    identifier text NOT NULL COLLATE pg_catalog."C",
    performance_year integer NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.fundata_yearly_performance_ranking_latest AS
 SELECT ( SELECT core.raw_document(r.payload, NULL::integer) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.identifier,
    h.performance_year,
    h.record_id,
    h.quartile,
    h.category_rank,
    h.category_count,
    h.percentile_rank,
    h.record_state,
    h.change_date,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.vendor_as_of
   FROM (core.fundata_yearly_performance_ranking_current c
     JOIN core.fundata_yearly_performance_ranking h ON (((h.identifier = c.identifier) AND (h.performance_year = c.performance_year) AND (h.data_version = c.data_version))));

CREATE VIEW api.fund_yearly_performance_ranking AS
 SELECT DISTINCT ON (r.identifier, r.performance_year) r.identifier,
    r.performance_year,
    r.quartile,
    r.category_rank,
    r.category_count,
    r.percentile_rank,
    r.record_state,
    r.change_date,
    r.data_version,
    r.data_source,
    r.updated_at
   FROM core.fundata_yearly_performance_ranking_latest r
  ORDER BY r.identifier, r.performance_year, r.array_source_field NULLS FIRST, r.array_element_index NULLS FIRST;

CREATE TABLE core.fundata_yearly_performance_risk (
    identifier text NOT NULL COLLATE pg_catalog."C",
    performance_year integer NOT NULL,
    record_id text,
    standard_deviation numeric(12,2),
    sharpe_ratio numeric(12,2),
    max_drawdown numeric(12,2),
    best_month_return numeric(12,2),
    worst_month_return numeric(12,2),
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT fundata_yearly_performance_risk_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT fundata_yearly_performance_risk_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.fundata_yearly_performance_risk_current (
    identifier text NOT NULL COLLATE pg_catalog."C",
    performance_year integer NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.fundata_yearly_performance_risk_latest AS
 SELECT ( SELECT core.raw_document(r.payload, NULL::integer) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.identifier,
    h.performance_year,
    h.record_id,
    h.standard_deviation,
    h.sharpe_ratio,
    h.max_drawdown,
    h.best_month_return,
    h.worst_month_return,
    h.record_state,
    h.change_date,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.vendor_as_of
   FROM (core.fundata_yearly_performance_risk_current c
     JOIN core.fundata_yearly_performance_risk h ON (((h.identifier = c.identifier) AND (h.performance_year = c.performance_year) AND (h.data_version = c.data_version))));

CREATE VIEW api.fund_yearly_performance_risk AS
 SELECT DISTINCT ON (k.identifier, k.performance_year) k.identifier,
    k.performance_year,
    k.standard_deviation,
    k.sharpe_ratio,
    k.max_drawdown,
    k.best_month_return,
    k.worst_month_return,
    k.record_state,
    k.change_date,
    k.data_version,
    k.data_source,
    k.updated_at
   FROM core.fundata_yearly_performance_risk_latest k
  ORDER BY k.identifier, k.performance_year, k.array_source_field NULLS FIRST, k.array_element_index NULLS FIRST;

CREATE TABLE core.fundata_instrument_identifiers (
    identifier text NOT NULL COLLATE pg_catalog."C",
    identifier_type text NOT NULL,
    identifier_value text NOT NULL COLLATE pg_catalog."C",
    record_id text,
    load_type text,
    exchange text,
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT fundata_instrument_identifiers_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT fundata_instrument_identifiers_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.fundata_instrument_identifiers_current (
    identifier text NOT NULL COLLATE pg_catalog."C",
    identifier_type text NOT NULL,
    identifier_value text NOT NULL COLLATE pg_catalog."C",
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.fundata_instrument_identifiers_latest AS
 SELECT ( SELECT core.raw_document(r.payload, NULL::integer) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.identifier,
    h.identifier_type,
    h.identifier_value,
    h.record_id,
    h.load_type,
    h.exchange,
    h.record_state,
    h.change_date,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.vendor_as_of
   FROM (core.fundata_instrument_identifiers_current c
     JOIN core.fundata_instrument_identifiers h ON (((h.identifier = c.identifier) AND (h.identifier_type = c.identifier_type) AND (h.identifier_value = c.identifier_value) AND (h.data_version = c.data_version))));

CREATE VIEW api.instrument_identifiers AS
 SELECT DISTINCT ON (i.identifier, i.identifier_type, i.identifier_value) i.identifier,
    i.identifier_type,
    i.identifier_value,
    i.load_type,
    i.exchange,
    i.record_state,
    i.change_date,
    i.data_version,
    i.data_source,
    i.updated_at
   FROM core.fundata_instrument_identifiers_latest i
  ORDER BY i.identifier, i.identifier_type, i.identifier_value, i.array_source_field NULLS FIRST, i.array_element_index NULLS FIRST;

CREATE VIEW api.latest_company_metrics AS
 SELECT m.symbol,
    m.company_name,
    m.exchange,
    m.sector,
    m.industry,
    m.country,
    m.currency,
    m.market_cap,
    m.beta,
    m.profile_price,
    m.is_actively_trading,
    m.profile_as_of,
    m.valuation_as_of,
    m.pe_ratio,
    m.pb_ratio,
    m.ps_ratio,
    m.price_to_free_cash_flow,
    m.peg_ratio,
    m.ev_to_ebitda,
    m.ev_to_sales,
    m.enterprise_value,
    m.dividend_yield,
    m.profitability_as_of,
    m.gross_profit_margin,
    m.operating_profit_margin,
    m.net_profit_margin,
    m.ebitda_margin,
    m.return_on_equity,
    m.return_on_assets,
    m.return_on_invested_capital,
    m.financial_health_as_of,
    m.debt_to_equity,
    m.debt_to_assets,
    m.current_ratio,
    m.quick_ratio,
    m.interest_coverage,
    m.net_debt_to_ebitda,
    m.performance_as_of,
    m.last_close,
    m.return_1m,
    m.return_ytd,
    m.return_1y,
    m.total_return_1y,
    m.fundamentals_as_of,
    m.fiscal_year,
    m.reported_currency,
    m.revenue,
    m.gross_profit,
    m.operating_income,
    m.ebitda,
    m.net_income,
    m.eps,
    m.eps_diluted,
    m.diluted_shares,
    (m.performance_as_of < ( SELECT ops.stale_cutoff('equity'::text) AS stale_cutoff)) AS is_stale,
    m.refreshed_at
   FROM agg.latest_company_metrics m;

CREATE TABLE core.market_and_sector_quotes (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    name text,
    exchange text,
    price numeric,
    change numeric,
    change_percent numeric,
    open numeric,
    previous_close numeric,
    day_low numeric,
    day_high numeric,
    year_low numeric,
    year_high numeric,
    price_avg_50 numeric,
    price_avg_200 numeric,
    volume bigint,
    avg_volume bigint,
    market_cap numeric,
    eps numeric,
    pe numeric,
    shares_outstanding bigint,
    earnings_announcement timestamp with time zone,
    quote_at timestamp with time zone,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT market_and_sector_quotes_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT market_and_sector_quotes_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.market_and_sector_quotes_current (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.market_and_sector_quotes_latest AS
 SELECT ( SELECT core.raw_document(r.payload, h.batch_elem) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.symbol,
    h.date,
    h.name,
    h.exchange,
    h.price,
    h.change,
    h.change_percent,
    h.open,
    h.previous_close,
    h.day_low,
    h.day_high,
    h.year_low,
    h.year_high,
    h.price_avg_50,
    h.price_avg_200,
    h.volume,
    h.avg_volume,
    h.market_cap,
    h.eps,
    h.pe,
    h.shares_outstanding,
    h.earnings_announcement,
    h.quote_at,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.batch_elem,
    h.vendor_as_of
   FROM (core.market_and_sector_quotes_current c
     JOIN core.market_and_sector_quotes h ON (((h.symbol = c.symbol) AND (h.date = c.date) AND (h.data_version = c.data_version))));

CREATE VIEW api.market_quote AS
 SELECT DISTINCT ON (q.symbol, q.date) q.symbol,
    q.date,
    (q.symbol ~~ '^%'::text) AS is_index,
    q.name,
    q.exchange,
    q.price,
    q.change,
    q.change_percent,
    q.open,
    q.previous_close,
    q.day_low,
    q.day_high,
    q.year_low,
    q.year_high,
    q.price_avg_50,
    q.price_avg_200,
    q.volume,
    q.avg_volume,
    q.market_cap,
    q.eps,
    q.pe,
    q.shares_outstanding,
    q.earnings_announcement,
    q.quote_at,
    q.data_version,
    q.api_version,
    q.updated_at
   FROM core.market_and_sector_quotes_latest q
  ORDER BY q.symbol, q.date;

CREATE VIEW api.portfolio_exposure_by_tag AS
 SELECT a.portfolio,
    t.tag,
    sum(abs(a.exposure) ORDER BY a.position_no) AS gross_exposure,
    sum(a.exposure ORDER BY a.position_no) AS net_exposure,
    sum(a.delta_adjusted_exposure ORDER BY a.position_no) AS delta_adjusted_exposure,
    sum(a.market_value ORDER BY a.position_no) AS market_value,
    sum(a.unrealized_pnl ORDER BY a.position_no) AS unrealized_pnl,
    count(*) AS position_count,
    max(a.as_of_date) AS as_of_date
   FROM (agg.position_analytics a
     CROSS JOIN LATERAL unnest(a.tags) t(tag))
  GROUP BY a.portfolio, t.tag;

CREATE VIEW api.portfolio_exposure_by_underlying AS
 SELECT a.portfolio,
    a.underlying,
    sum(abs(a.exposure) ORDER BY a.position_no) AS gross_exposure,
    sum(a.exposure ORDER BY a.position_no) AS net_exposure,
    sum(a.delta_adjusted_exposure ORDER BY a.position_no) AS delta_adjusted_exposure,
    sum(a.market_value ORDER BY a.position_no) AS market_value,
    sum(a.unrealized_pnl ORDER BY a.position_no) AS unrealized_pnl,
    count(*) AS position_count,
    max(a.as_of_date) AS as_of_date
   FROM agg.position_analytics a
  GROUP BY a.portfolio, a.underlying;

CREATE TABLE core.factor (
    factor text NOT NULL,
    factor_etf text NOT NULL COLLATE pg_catalog."C",
    factor_no integer NOT NULL,
    CONSTRAINT factor_factor_no_check CHECK (((factor_no >= 1) AND (factor_no <= 7)))
);

CREATE TABLE core.portfolio (
    portfolio text NOT NULL COLLATE pg_catalog."C",
    data_version integer NOT NULL,
    position_count integer NOT NULL,
    content_hash bigint NOT NULL,
    data_source text NOT NULL,
    source_file text,
    batch_id bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT portfolio_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'JSON'::text]))),
    CONSTRAINT portfolio_data_version_check CHECK ((data_version >= 1))
);

CREATE VIEW api.portfolio_factor_exposure AS
 WITH latest AS (
         SELECT DISTINCT ON (c.portfolio) c.portfolio
           FROM core.portfolio c
          ORDER BY c.portfolio, c.data_version DESC
        ), net AS (
         SELECT a.portfolio,
            sum(a.exposure ORDER BY a.position_no) AS net_exposure
           FROM agg.position_analytics a
          GROUP BY a.portfolio
        ), sens AS (
         SELECT a.portfolio,
            e.factor,
            sum((a.delta_adjusted_exposure * e.beta) ORDER BY a.position_no) AS dollar_exposure,
            count(*) AS position_count
           FROM (agg.position_analytics a
             JOIN agg.factor_exposure e ON ((e.symbol = a.underlying)))
          WHERE ((e.beta IS NOT NULL) AND (a.delta_adjusted_exposure IS NOT NULL))
          GROUP BY a.portfolio, e.factor
        )
 SELECT l.portfolio,
    f.factor,
    f.factor_etf,
    COALESCE(s.dollar_exposure, (0)::double precision) AS dollar_exposure,
    (COALESCE(s.dollar_exposure, (0)::double precision) / NULLIF(n.net_exposure, (0)::double precision)) AS beta,
    COALESCE(s.position_count, (0)::bigint) AS position_count,
    ( SELECT st.as_of_date
           FROM agg.analytics_state st) AS as_of_date
   FROM (((latest l
     CROSS JOIN core.factor f)
     LEFT JOIN sens s ON (((s.portfolio = l.portfolio) AND (s.factor = f.factor))))
     LEFT JOIN net n ON ((n.portfolio = l.portfolio)));

CREATE VIEW api.portfolio_history AS
 SELECT h.portfolio,
    h.date,
    h.market_value,
    h.exposure,
    h.daily_pnl,
    h.cumulative_pnl,
    h.position_count
   FROM agg.portfolio_history h;

CREATE TABLE core.scenario (
    scenario text NOT NULL,
    category text NOT NULL,
    description text NOT NULL,
    sort_order integer NOT NULL,
    CONSTRAINT scenario_category_check CHECK ((category = ANY (ARRAY['market'::text, 'rates'::text, 'stress'::text])))
);

CREATE TABLE core.scenario_shock (
    scenario text NOT NULL,
    factor text NOT NULL,
    shock double precision NOT NULL,
    CONSTRAINT scenario_shock_factor_check CHECK ((factor = ANY (ARRAY['market'::text, 'value'::text, 'growth'::text, 'momentum'::text, 'quality'::text, 'size'::text, 'low_volatility'::text, 'rates'::text])))
);

CREATE VIEW api.portfolio_scenario AS
 WITH latest AS (
         SELECT DISTINCT ON (c_1.portfolio) c_1.portfolio
           FROM core.portfolio c_1
          ORDER BY c_1.portfolio, c_1.data_version DESC
        ), betas AS (
         SELECT a.portfolio,
            sum((a.delta_adjusted_exposure * a.market_beta) ORDER BY a.position_no) FILTER (WHERE (a.market_beta IS NOT NULL)) AS market_dollar,
            sum((a.delta_adjusted_exposure * a.ir_beta) ORDER BY a.position_no) FILTER (WHERE (a.ir_beta IS NOT NULL)) AS rates_dollar
           FROM agg.position_analytics a
          GROUP BY a.portfolio
        ), fd AS (
         SELECT e.portfolio,
            e.factor,
            e.dollar_exposure
           FROM api.portfolio_factor_exposure e
        )
 SELECT l.portfolio,
    s.scenario,
    s.category,
    s.description,
    COALESCE(d.direct, (0)::double precision) AS direct_pnl,
    (COALESCE(d.direct, (0)::double precision) + COALESCE(c.spill, (0)::double precision)) AS correlated_pnl,
    ( SELECT st.as_of_date
           FROM agg.analytics_state st) AS as_of_date
   FROM ((((latest l
     CROSS JOIN core.scenario s)
     LEFT JOIN betas b ON ((b.portfolio = l.portfolio)))
     LEFT JOIN LATERAL ( SELECT sum(
                CASE
                    WHEN (sh.factor = 'rates'::text) THEN ((b.rates_dollar * sh.shock) / (100)::double precision)
                    WHEN (s.category = 'market'::text) THEN (b.market_dollar * sh.shock)
                    ELSE (f.dollar_exposure * sh.shock)
                END ORDER BY sh.factor) AS direct
           FROM (core.scenario_shock sh
             LEFT JOIN fd f ON (((f.portfolio = l.portfolio) AND (f.factor = sh.factor))))
          WHERE (sh.scenario = s.scenario)) d ON (true))
     LEFT JOIN LATERAL ( SELECT sum((((f.dollar_exposure * m.correlation) * m.volatility_ratio) * sh.shock) ORDER BY sh.factor, m.factor_a) AS spill
           FROM ((core.scenario_shock sh
             JOIN agg.factor_comovement m ON ((m.factor_b = sh.factor)))
             JOIN fd f ON (((f.portfolio = l.portfolio) AND (f.factor = m.factor_a))))
          WHERE ((sh.scenario = s.scenario) AND (s.category = 'stress'::text) AND (sh.factor <> 'rates'::text) AND (NOT (EXISTS ( SELECT 1
                   FROM core.scenario_shock x
                  WHERE ((x.scenario = s.scenario) AND (x.factor = m.factor_a))))))) c ON (true));

CREATE VIEW api.portfolio_summary AS
 WITH latest AS (
         SELECT DISTINCT ON (c.portfolio) c.portfolio,
            c.data_version,
            c.position_count
           FROM core.portfolio c
          ORDER BY c.portfolio, c.data_version DESC
        )
 SELECT l.portfolio,
    ( SELECT s.as_of_date
           FROM agg.analytics_state s) AS as_of_date,
    l.data_version,
    l.position_count,
    COALESCE(sum(abs(a.exposure) ORDER BY a.position_no), (0)::double precision) AS gross_exposure,
    COALESCE(sum(a.exposure ORDER BY a.position_no), (0)::double precision) AS net_exposure,
    COALESCE(sum(a.exposure ORDER BY a.position_no) FILTER (WHERE (a.exposure > (0)::double precision)), (0)::double precision) AS long_exposure,
    COALESCE(sum(a.exposure ORDER BY a.position_no) FILTER (WHERE (a.exposure < (0)::double precision)), (0)::double precision) AS short_exposure,
    count(a.position_no) FILTER (WHERE (a.quantity > (0)::numeric)) AS long_count,
    count(a.position_no) FILTER (WHERE (a.quantity < (0)::numeric)) AS short_count,
    COALESCE(sum(a.exposure ORDER BY a.position_no) FILTER (WHERE (a.multiplier = 1)), (0)::double precision) AS stock_exposure,
    COALESCE(sum(a.exposure ORDER BY a.position_no) FILTER (WHERE (a.multiplier <> 1)), (0)::double precision) AS option_exposure,
    COALESCE(sum(a.delta_adjusted_exposure ORDER BY a.position_no), (0)::double precision) AS delta_adjusted_exposure,
    COALESCE(sum(a.market_value ORDER BY a.position_no), (0)::double precision) AS market_value,
    COALESCE(sum(a.unrealized_pnl ORDER BY a.position_no), (0)::double precision) AS unrealized_pnl,
    COALESCE(sum(a.daily_pnl ORDER BY a.position_no), (0)::double precision) AS daily_pnl,
    COALESCE(sum((a.delta_adjusted_exposure * a.market_beta) ORDER BY a.position_no) FILTER (WHERE (a.market_beta IS NOT NULL)), (0)::double precision) AS market_dollar_exposure,
    (sum((a.delta_adjusted_exposure * a.market_beta) ORDER BY a.position_no) FILTER (WHERE (a.market_beta IS NOT NULL)) / NULLIF(sum(a.exposure ORDER BY a.position_no), (0)::double precision)) AS market_beta,
    count(a.position_no) FILTER (WHERE (a.price IS NULL)) AS unpriced_count,
    COALESCE(sum(a.delta ORDER BY a.position_no), (0)::double precision) AS delta,
    COALESCE(sum(a.gamma ORDER BY a.position_no), (0)::double precision) AS gamma,
    COALESCE(sum(a.theta ORDER BY a.position_no), (0)::double precision) AS theta,
    COALESCE(sum(a.vega ORDER BY a.position_no), (0)::double precision) AS vega,
    COALESCE(sum(a.rho ORDER BY a.position_no), (0)::double precision) AS rho
   FROM (latest l
     LEFT JOIN agg.position_analytics a ON ((a.portfolio = l.portfolio)))
  GROUP BY l.portfolio, l.data_version, l.position_count;

CREATE VIEW api.position_analytics AS
 SELECT a.portfolio,
    a.position_no,
    a.symbol,
    a.underlying,
    a.position_type,
    a.quantity,
    a.entry_price,
    a.entry_date,
    a.strike,
    a.expiry,
    a.price,
    a.price_source,
    a.previous_price,
    a.underlying_price,
    a.volatility,
    a.time_to_expiry,
    a.risk_free_rate,
    a.multiplier,
    a.market_value,
    a.exposure,
    a.delta_adjusted_exposure,
    a.cost_basis,
    a.unrealized_pnl,
    a.daily_pnl,
    a.daily_return,
    a.market_beta,
    a.ir_beta,
    a.delta,
    a.gamma,
    a.theta,
    a.vega,
    a.rho,
    a.tags,
    a.data_version,
    a.as_of_date
   FROM agg.position_analytics a;

CREATE VIEW api.position_correlation AS
 SELECT c.portfolio,
    c.symbol_a,
    c.symbol_b,
    c.correlation,
    c.n_obs,
    c.as_of_date
   FROM agg.position_correlation c;

CREATE TABLE ops.series_state (
    kind text NOT NULL,
    dataset text NOT NULL,
    key text NOT NULL COLLATE pg_catalog."C",
    first_date date NOT NULL,
    latest_date date NOT NULL,
    latest_batch_id bigint NOT NULL,
    cadence_sessions integer DEFAULT 1 NOT NULL,
    checked_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT series_state_kind_check CHECK ((kind = ANY (ARRAY['equity'::text, 'etf'::text, 'treasury'::text, 'fund'::text])))
);

CREATE VIEW api.security_freshness AS
 WITH lcs AS (
         SELECT ops.last_session() AS session_date
        )
 SELECT st.kind,
    st.key,
    st.dataset,
    st.latest_date,
    b.sessions_behind,
    (b.sessions_behind > a.allowed) AS is_stale,
    a.allowed AS allowed_sessions,
    st.cadence_sessions,
    ops.cadence_label(st.cadence_sessions) AS cadence,
    st.first_date,
    lcs.session_date AS last_completed_session,
    st.checked_at
   FROM (((ops.series_state st
     CROSS JOIN lcs)
     CROSS JOIN LATERAL ( SELECT ops.stale_allowed_sessions(st.kind, st.cadence_sessions) AS allowed) a)
     CROSS JOIN LATERAL ( SELECT ops.sessions_behind(st.latest_date, lcs.session_date) AS sessions_behind) b);

CREATE VIEW api.security_metrics AS
 SELECT m.symbol,
    m.as_of_date,
    m.last_date,
    m.close,
    m.return_1d,
    m.return_21d,
    m.return_63d,
    m.return_252d,
    m.return_ytd,
    m.volatility_21d,
    m.volatility_63d,
    m.volatility_252d,
    m.sma_20,
    m.sma_50,
    m.sma_200,
    m.high_52w,
    m.low_52w,
    m.max_drawdown_252d,
    m.market_beta,
    m.market_beta_r_squared,
    m.market_beta_n_obs,
    m.market_beta_flag,
    m.ir_beta,
    m.ir_beta_r_squared,
    m.ir_beta_n_obs,
    m.ir_beta_flag
   FROM agg.security_metrics m;

CREATE TABLE core.exchange_calendar (
    exchange text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    is_open boolean NOT NULL,
    early_close time without time zone,
    reason text,
    session_no integer,
    CONSTRAINT exchange_calendar_check CHECK ((is_open OR (early_close IS NULL)))
);

CREATE VIEW api.trading_calendar AS
 SELECT c.exchange,
    c.date,
    c.is_open,
    c.early_close
   FROM core.exchange_calendar c;

CREATE TABLE core.treasury (
    date date NOT NULL,
    month1 numeric,
    month2 numeric,
    month3 numeric,
    month6 numeric,
    year1 numeric,
    year2 numeric,
    year3 numeric,
    year5 numeric,
    year7 numeric,
    year10 numeric,
    year20 numeric,
    year30 numeric,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    correction_id bigint,
    CONSTRAINT treasury_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT treasury_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.treasury_current (
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE VIEW core.treasury_latest AS
 SELECT ( SELECT core.raw_document(r.payload, h.batch_elem) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.date,
    h.month1,
    h.month2,
    h.month3,
    h.month6,
    h.year1,
    h.year2,
    h.year3,
    h.year5,
    h.year7,
    h.year10,
    h.year20,
    h.year30,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.batch_elem,
    h.vendor_as_of,
    h.correction_id
   FROM (core.treasury_current c
     JOIN core.treasury h ON (((h.date = c.date) AND (h.data_version = c.data_version))));

CREATE VIEW api.treasury_rate AS
 SELECT DISTINCT ON (t.date) t.date,
    t.month1,
    t.month2,
    t.month3,
    t.month6,
    t.year1,
    t.year2,
    t.year3,
    t.year5,
    t.year7,
    t.year10,
    t.year20,
    t.year30,
    t.data_version,
    t.api_version,
    t.updated_at
   FROM core.treasury_latest t
  ORDER BY t.date;

CREATE TABLE core.equity_quotes_current_default (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE TABLE core.equity_quotes_current_y2026 (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE TABLE core.equity_quotes_current_y2027 (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE TABLE core.equity_quotes_default (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    open numeric,
    high numeric,
    low numeric,
    close numeric,
    adj_close numeric,
    volume bigint,
    unadjusted_volume bigint,
    change numeric,
    change_percent numeric,
    vwap numeric,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT equity_quotes_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT equity_quotes_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.equity_quotes_y2026 (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    open numeric,
    high numeric,
    low numeric,
    close numeric,
    adj_close numeric,
    volume bigint,
    unadjusted_volume bigint,
    change numeric,
    change_percent numeric,
    vwap numeric,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT equity_quotes_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT equity_quotes_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.equity_quotes_y2027 (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    open numeric,
    high numeric,
    low numeric,
    close numeric,
    adj_close numeric,
    volume bigint,
    unadjusted_volume bigint,
    change numeric,
    change_percent numeric,
    vwap numeric,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT equity_quotes_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT equity_quotes_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.etfs_quotes_current_default (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE TABLE core.etfs_quotes_current_y2026 (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE TABLE core.etfs_quotes_current_y2027 (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE TABLE core.etfs_quotes_default (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    open numeric,
    high numeric,
    low numeric,
    close numeric,
    adj_close numeric,
    volume bigint,
    unadjusted_volume bigint,
    change numeric,
    change_percent numeric,
    vwap numeric,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT etfs_quotes_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT etfs_quotes_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.etfs_quotes_y2026 (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    open numeric,
    high numeric,
    low numeric,
    close numeric,
    adj_close numeric,
    volume bigint,
    unadjusted_volume bigint,
    change numeric,
    change_percent numeric,
    vwap numeric,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT etfs_quotes_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT etfs_quotes_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.etfs_quotes_y2027 (
    symbol text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    open numeric,
    high numeric,
    low numeric,
    close numeric,
    adj_close numeric,
    volume bigint,
    unadjusted_volume bigint,
    change numeric,
    change_percent numeric,
    vwap numeric,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT etfs_quotes_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT etfs_quotes_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.fundata_quotes_current_default (
    identifier text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE TABLE core.fundata_quotes_current_y2026 (
    identifier text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE TABLE core.fundata_quotes_current_y2027 (
    identifier text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    data_version integer NOT NULL,
    vendor_as_of timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    line integer NOT NULL
);

CREATE TABLE core.fundata_quotes_default (
    identifier text NOT NULL COLLATE pg_catalog."C",
    record_id text,
    date date NOT NULL,
    navps numeric(12,2),
    navps_penny_change numeric(12,2),
    navps_percent_change numeric(12,2),
    previous_date date,
    previous_navps numeric(12,2),
    current_yield numeric(12,2),
    current_yield_percent_change numeric(12,2),
    price numeric(12,2),
    volume_weighted_price numeric(12,2),
    bid_price numeric(12,2),
    ask_price numeric(12,2),
    split numeric(12,2),
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT fundata_quotes_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT fundata_quotes_data_version_check CHECK ((data_version >= 1))
);

CREATE VIEW core.fundata_quotes_latest AS
 SELECT ( SELECT core.raw_document(r.payload, NULL::integer) AS raw_document
           FROM raw.record r
          WHERE ((r.batch_id = h.batch_id) AND (r.line = h.batch_line))) AS raw_json,
    h.identifier,
    h.record_id,
    h.date,
    h.navps,
    h.navps_penny_change,
    h.navps_percent_change,
    h.previous_date,
    h.previous_navps,
    h.current_yield,
    h.current_yield_percent_change,
    h.price,
    h.volume_weighted_price,
    h.bid_price,
    h.ask_price,
    h.split,
    h.record_state,
    h.change_date,
    h.array_source_field,
    h.array_element_index,
    h.array_element_value,
    h.data_source,
    h.source_file,
    h.api_version,
    h.data_version,
    h.content_hash,
    h.processed_at,
    h.updated_at,
    h.batch_id,
    h.batch_line,
    h.vendor_as_of
   FROM (core.fundata_quotes_current c
     JOIN core.fundata_quotes h ON (((h.identifier = c.identifier) AND (h.date = c.date) AND (h.data_version = c.data_version))));

CREATE TABLE core.fundata_quotes_y2026 (
    identifier text NOT NULL COLLATE pg_catalog."C",
    record_id text,
    date date NOT NULL,
    navps numeric(12,2),
    navps_penny_change numeric(12,2),
    navps_percent_change numeric(12,2),
    previous_date date,
    previous_navps numeric(12,2),
    current_yield numeric(12,2),
    current_yield_percent_change numeric(12,2),
    price numeric(12,2),
    volume_weighted_price numeric(12,2),
    bid_price numeric(12,2),
    ask_price numeric(12,2),
    split numeric(12,2),
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT fundata_quotes_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT fundata_quotes_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.fundata_quotes_y2027 (
    identifier text NOT NULL COLLATE pg_catalog."C",
    record_id text,
    date date NOT NULL,
    navps numeric(12,2),
    navps_penny_change numeric(12,2),
    navps_percent_change numeric(12,2),
    previous_date date,
    previous_navps numeric(12,2),
    current_yield numeric(12,2),
    current_yield_percent_change numeric(12,2),
    price numeric(12,2),
    volume_weighted_price numeric(12,2),
    bid_price numeric(12,2),
    ask_price numeric(12,2),
    split numeric(12,2),
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text NOT NULL,
    source_file text,
    api_version text,
    data_version integer NOT NULL,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    vendor_as_of timestamp with time zone,
    CONSTRAINT fundata_quotes_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'API'::text]))),
    CONSTRAINT fundata_quotes_data_version_check CHECK ((data_version >= 1))
);

CREATE TABLE core.instrument (
    identifier text NOT NULL COLLATE pg_catalog."C",
    first_seen_at timestamp with time zone DEFAULT now() NOT NULL,
    first_batch_id bigint,
    in_fundata_data boolean DEFAULT false NOT NULL,
    in_fundata_quotes boolean DEFAULT false NOT NULL
);

CREATE TABLE core."position" (
    portfolio text NOT NULL COLLATE pg_catalog."C",
    data_version integer NOT NULL,
    position_no integer NOT NULL,
    symbol text NOT NULL COLLATE pg_catalog."C",
    position_type text NOT NULL,
    quantity numeric NOT NULL,
    entry_price numeric NOT NULL,
    entry_date date,
    underlying text COLLATE pg_catalog."C",
    strike numeric,
    expiry date,
    tags text[] DEFAULT '{}'::text[] NOT NULL,
    last_price numeric,
    multiplier integer NOT NULL,
    data_source text NOT NULL,
    source_file text,
    content_hash bigint NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    batch_id bigint NOT NULL,
    batch_line integer NOT NULL,
    batch_elem integer NOT NULL,
    CONSTRAINT position_check CHECK (((position_type = ANY (ARRAY['LONG'::text, 'SHORT'::text])) OR ((underlying IS NOT NULL) AND (strike IS NOT NULL) AND (expiry IS NOT NULL)))),
    CONSTRAINT position_data_source_check CHECK ((data_source = ANY (ARRAY['CSV'::text, 'JSON'::text]))),
    CONSTRAINT position_entry_price_check CHECK ((entry_price > (0)::numeric)),
    CONSTRAINT position_multiplier_check CHECK ((multiplier = ANY (ARRAY[1, 100]))),
    CONSTRAINT position_position_type_check CHECK ((position_type = ANY (ARRAY['LONG'::text, 'SHORT'::text, 'LC'::text, 'LP'::text, 'SC'::text, 'SP'::text]))),
    CONSTRAINT position_quantity_check CHECK ((quantity <> (0)::numeric))
);

CREATE TABLE core.security_search (
    kind text NOT NULL,
    key text NOT NULL COLLATE pg_catalog."C",
    ticker text,
    name text,
    exchange text,
    category text,
    tsv tsvector GENERATED ALWAYS AS (((setweight(to_tsvector('simple'::regconfig, COALESCE(ticker, ''::text)), 'A'::"char") || setweight(to_tsvector('simple'::regconfig, COALESCE(name, ''::text)), 'B'::"char")) || setweight(to_tsvector('simple'::regconfig, COALESCE(category, ''::text)), 'C'::"char"))) STORED NOT NULL,
    refreshed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT security_search_kind_check CHECK ((kind = ANY (ARRAY['equity'::text, 'etf'::text, 'fund'::text])))
);

CREATE TABLE core.security_search_word (
    word text NOT NULL COLLATE pg_catalog."C",
    securities integer NOT NULL
);

CREATE TABLE core.security_search_word_variant (
    variant text NOT NULL COLLATE pg_catalog."C",
    word text NOT NULL COLLATE pg_catalog."C"
);

CREATE TABLE ops.aggregate_batch (
    aggregate_name text NOT NULL,
    transform_name text NOT NULL,
    batch_id bigint NOT NULL,
    transform_run_id bigint NOT NULL,
    refreshed_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE ops.aggregate_invalidation (
    aggregate_name text NOT NULL,
    bucket_key text NOT NULL,
    bucket_at timestamp with time zone NOT NULL
);

CREATE TABLE ops.aggregate_state (
    aggregate_name text NOT NULL,
    source text NOT NULL,
    last_refreshed_at timestamp with time zone,
    last_full_at timestamp with time zone,
    last_batches integer DEFAULT 0 NOT NULL,
    last_buckets integer DEFAULT 0 NOT NULL,
    last_ms integer DEFAULT 0 NOT NULL
);

CREATE TABLE ops.backfill_request (
    id bigint NOT NULL,
    source text NOT NULL,
    dataset text NOT NULL,
    key text NOT NULL COLLATE pg_catalog."C",
    from_date date NOT NULL,
    to_date date NOT NULL,
    sessions integer NOT NULL,
    reason text NOT NULL,
    state text DEFAULT 'open'::text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    last_error text,
    closed_reason text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    closed_at timestamp with time zone,
    CONSTRAINT backfill_request_check CHECK ((from_date <= to_date)),
    CONSTRAINT backfill_request_reason_check CHECK ((reason = ANY (ARRAY['internal_gap'::text, 'behind_latest'::text]))),
    CONSTRAINT backfill_request_sessions_check CHECK ((sessions >= 1)),
    CONSTRAINT backfill_request_source_check CHECK ((source = ANY (ARRAY['fmp'::text, 'fundata'::text]))),
    CONSTRAINT backfill_request_state_check CHECK ((state = ANY (ARRAY['open'::text, 'filled'::text, 'vendor_has_no_data'::text, 'accepted'::text, 'failed'::text])))
);

ALTER TABLE ops.backfill_request ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME ops.backfill_request_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE ops.batch_newest_date (
    batch_id bigint NOT NULL,
    field text NOT NULL,
    dataset text NOT NULL,
    newest_date date,
    computed_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE ops.quality_issue (
    quality_issue_id bigint NOT NULL,
    batch_id bigint NOT NULL,
    line integer,
    elem integer,
    dataset text NOT NULL,
    transform_name text,
    rule text NOT NULL,
    field text,
    raw_value text,
    identifier text,
    detail text,
    detected_at timestamp with time zone DEFAULT now() NOT NULL,
    resolved_at timestamp with time zone
);

CREATE TABLE ops.quarantine (
    batch_id bigint NOT NULL,
    line integer NOT NULL,
    elem integer DEFAULT 0 NOT NULL,
    dataset text NOT NULL,
    transform_name text NOT NULL,
    reason text NOT NULL,
    payload jsonb NOT NULL,
    quarantined_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE ops.transform_batch (
    transform_name text NOT NULL,
    batch_id bigint NOT NULL,
    version integer NOT NULL,
    transform_run_id bigint,
    consumed_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE VIEW ops.batch_quality WITH (security_invoker='true') AS
 WITH issues AS (
         SELECT q.batch_id,
            q.transform_name,
            count(*) AS issues,
            count(DISTINCT ROW(q.line, COALESCE(q.elem, 0))) FILTER (WHERE (NOT (EXISTS ( SELECT 1
                   FROM ops.quarantine z
                  WHERE ((z.batch_id = q.batch_id) AND (z.transform_name = q.transform_name) AND (z.line = q.line) AND (z.elem = COALESCE(q.elem, 0))))))) AS records_with_issues,
            jsonb_object_agg(q.rule, q.n) AS issues_by_rule
           FROM ( SELECT quality_issue.batch_id,
                    quality_issue.transform_name,
                    quality_issue.line,
                    quality_issue.elem,
                    quality_issue.rule,
                    count(*) OVER (PARTITION BY quality_issue.batch_id, quality_issue.transform_name, quality_issue.rule) AS n
                   FROM ops.quality_issue) q
          GROUP BY q.batch_id, q.transform_name
        ), quarantined AS (
         SELECT quarantine.batch_id,
            quarantine.transform_name,
            count(*) AS quarantined
           FROM ops.quarantine
          GROUP BY quarantine.batch_id, quarantine.transform_name
        )
 SELECT b.batch_id,
    b.dataset,
    b.file_name,
    b.landed_at,
    t.transform_name,
    b.row_count AS rows,
    b.rejected_count AS rejected_rows,
    COALESCE(qt.quarantined, (0)::bigint) AS quarantined,
    COALESCE(i.records_with_issues, (0)::bigint) AS records_with_issues,
    COALESCE(i.issues, (0)::bigint) AS issues,
    COALESCE(i.issues_by_rule, '{}'::jsonb) AS issues_by_rule,
    round(((1)::numeric - LEAST(((((b.rejected_count + COALESCE(qt.quarantined, (0)::bigint)) + COALESCE(i.records_with_issues, (0)::bigint)))::numeric / (GREATEST((b.row_count + b.rejected_count), 1))::numeric), (1)::numeric)), 4) AS score
   FROM (((raw.batch b
     LEFT JOIN ops.transform_batch t ON ((t.batch_id = b.batch_id)))
     LEFT JOIN issues i ON (((i.batch_id = b.batch_id) AND (i.transform_name = t.transform_name))))
     LEFT JOIN quarantined qt ON (((qt.batch_id = b.batch_id) AND (qt.transform_name = t.transform_name))));

CREATE TABLE ops.correction (
    id bigint NOT NULL,
    "table" text NOT NULL,
    key jsonb NOT NULL,
    "column" text NOT NULL,
    data_version integer NOT NULL,
    symbol text,
    batch_id bigint,
    line integer,
    old_value numeric NOT NULL,
    new_value numeric NOT NULL,
    factor numeric NOT NULL,
    reason text NOT NULL,
    history_median numeric,
    history_count integer,
    state text DEFAULT 'proposed'::text NOT NULL,
    proposed_at timestamp with time zone DEFAULT now() NOT NULL,
    decided_at timestamp with time zone,
    decided_by text,
    applied_version integer,
    rolled_back_at timestamp with time zone,
    rolled_back_by text,
    rolled_back_version integer,
    CONSTRAINT correction_state_check CHECK ((state = ANY (ARRAY['proposed'::text, 'approved'::text, 'rejected'::text, 'rolled_back'::text, 'auto_approved'::text])))
);

ALTER TABLE ops.correction ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME ops.correction_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE ops.correction_rule (
    "table" text NOT NULL,
    "column" text DEFAULT '*'::text NOT NULL,
    auto_approve boolean DEFAULT false NOT NULL,
    note text
);

CREATE TABLE ops.schema_change (
    schema_change_id bigint NOT NULL,
    dataset text NOT NULL,
    field text NOT NULL,
    change text NOT NULL,
    example text,
    first_seen timestamp with time zone DEFAULT now() NOT NULL,
    last_seen timestamp with time zone DEFAULT now() NOT NULL,
    state text DEFAULT 'open'::text NOT NULL,
    previous_field text,
    previous_type text,
    new_type text,
    batch_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    decided_by text,
    decided_at timestamp with time zone,
    reason text,
    CONSTRAINT schema_change_change_check CHECK ((change = ANY (ARRAY['new'::text, 'missing'::text, 'renamed'::text, 'retyped'::text, 'unit_changed'::text]))),
    CONSTRAINT schema_change_state_check CHECK ((state = ANY (ARRAY['open'::text, 'accepted'::text, 'rejected'::text, 'discarded'::text, 'learned'::text])))
);

CREATE TABLE ops.stage_fields (
    transform_name text NOT NULL,
    version integer,
    fields text[] NOT NULL,
    docs text,
    noted_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE ops.transform_definition (
    name text NOT NULL,
    kind text NOT NULL,
    version integer NOT NULL,
    checksum text NOT NULL,
    file_path text NOT NULL,
    target text,
    datasets text[] DEFAULT '{}'::text[] NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL,
    needs_rebuild boolean DEFAULT false NOT NULL,
    CONSTRAINT transform_definition_kind_check CHECK ((kind = ANY (ARRAY['lib'::text, 'transform'::text, 'view'::text])))
);

CREATE VIEW ops.dataset_field AS
 SELECT ds.dataset,
    k.field,
    l.col AS column_name,
    sf.transform_name,
    l.kind,
    ops.type_class(l.kind) AS type_class,
        CASE
            WHEN (l.kind = 'pct'::text) THEN 'percent'::text
            WHEN ((ops.type_class(l.kind) = 'number'::text) AND (l.col ~ '(percent|pct|yield|fee|expense_ratio)'::text)) THEN 'percent'::text
            ELSE NULL::text
        END AS unit,
    l.keys AS alternates,
    'transform'::text AS known_by
   FROM ((((ops.stage_fields sf
     JOIN ops.transform_definition d ON (((d.name = sf.transform_name) AND (d.kind = 'transform'::text))))
     CROSS JOIN LATERAL unnest(d.datasets) ds(dataset))
     CROSS JOIN LATERAL ( SELECT split_part(x.line, ' '::text, 1) AS col,
            split_part(x.line, ' '::text, 2) AS kind,
            ARRAY( SELECT a.a
                   FROM unnest(string_to_array(split_part(x.line, ' '::text, 3), '|'::text)) a(a)
                  WHERE (a.a !~~ '@%'::text)) AS keys
           FROM unnest(ops.stage_aliases(sf.transform_name, sf.fields)) x(line)) l)
     CROSS JOIN LATERAL unnest(l.keys) k(field))
UNION ALL
 SELECT c.dataset,
    c.field,
    NULL::text AS column_name,
    NULL::text AS transform_name,
    NULL::text AS kind,
    c.new_type AS type_class,
    NULL::text AS unit,
    ARRAY[c.field] AS alternates,
    'accepted'::text AS known_by
   FROM ops.schema_change c
  WHERE ((c.state = 'accepted'::text) AND (c.change = 'new'::text));

CREATE TABLE ops.transform_batch_failure (
    transform_name text NOT NULL,
    batch_id bigint NOT NULL,
    error text NOT NULL,
    detail text,
    failed_at timestamp with time zone DEFAULT now() NOT NULL,
    attempts integer DEFAULT 1 NOT NULL,
    state text NOT NULL,
    CONSTRAINT transform_batch_failure_state_check CHECK ((state = ANY (ARRAY['failed'::text, 'retry'::text])))
);

CREATE VIEW ops.failed_batch WITH (security_invoker='true') AS
 SELECT f.transform_name,
    f.batch_id,
    b.dataset,
    b.file_name,
    f.error,
    f.failed_at,
    f.attempts
   FROM (ops.transform_batch_failure f
     LEFT JOIN raw.batch b ON ((b.batch_id = f.batch_id)))
  WHERE (f.state = 'failed'::text);

CREATE TABLE ops.file_tracker (
    file_path text NOT NULL,
    dataset text NOT NULL,
    sha256 text NOT NULL,
    file_size bigint NOT NULL,
    records integer,
    rejected integer,
    first_processed_at timestamp with time zone DEFAULT now() NOT NULL,
    last_processed_at timestamp with time zone DEFAULT now() NOT NULL,
    process_count integer DEFAULT 1 NOT NULL,
    status text NOT NULL,
    last_batch_id bigint,
    last_error text,
    CONSTRAINT file_tracker_status_check CHECK ((status = ANY (ARRAY['landed'::text, 'skipped'::text, 'failed'::text, 'lfs_pointer'::text])))
);

CREATE TABLE ops.fmp_api_call (
    fmp_api_call_id bigint NOT NULL,
    task_run_id bigint,
    dataset text NOT NULL,
    endpoint text NOT NULL,
    endpoint_template text NOT NULL,
    api_version text NOT NULL,
    params jsonb DEFAULT '{}'::jsonb NOT NULL,
    symbols text[] DEFAULT '{}'::text[] NOT NULL,
    attempt smallint DEFAULT 1 NOT NULL,
    called_at timestamp with time zone NOT NULL,
    response_time_ms integer,
    http_status integer,
    rate_limit_remaining integer,
    response_bytes integer,
    row_count integer,
    outcome text NOT NULL,
    error text,
    batch_id bigint,
    CONSTRAINT fmp_api_call_api_version_check CHECK ((api_version = ANY (ARRAY['stable'::text, 'v3'::text]))),
    CONSTRAINT fmp_api_call_attempt_check CHECK ((attempt >= 1)),
    CONSTRAINT fmp_api_call_outcome_check CHECK ((outcome = ANY (ARRAY['landed'::text, 'unchanged'::text, 'retried'::text, 'failed'::text, 'cancelled'::text])))
);

ALTER TABLE ops.fmp_api_call ALTER COLUMN fmp_api_call_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME ops.fmp_api_call_fmp_api_call_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE ops.fund_cadence (
    identifier text NOT NULL COLLATE pg_catalog."C",
    inferred_sessions integer NOT NULL,
    sample integer NOT NULL,
    computed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT fund_cadence_inferred_sessions_check CHECK ((inferred_sessions >= 1))
);

CREATE TABLE ops.fund_cadence_override (
    identifier text NOT NULL COLLATE pg_catalog."C",
    cadence_sessions integer NOT NULL,
    reason text NOT NULL,
    set_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT fund_cadence_override_cadence_sessions_check CHECK ((cadence_sessions >= 1)),
    CONSTRAINT fund_cadence_override_reason_check CHECK ((btrim(reason) <> ''::text))
);

CREATE TABLE ops.schema_policy (
    dataset text NOT NULL,
    policy text NOT NULL,
    reason text,
    decided_by text DEFAULT CURRENT_USER NOT NULL,
    decided_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT schema_policy_policy_check CHECK ((policy = ANY (ARRAY['hold'::text, 'pass_and_report'::text, 'discard_field'::text])))
);

CREATE VIEW ops.held_batch AS
 SELECT b.batch_id,
    b.dataset,
    b.file_name,
    b.landed_at,
    array_agg(format('%s %s'::text, c.change, c.field) ORDER BY c.schema_change_id) AS changes
   FROM ((ops.schema_change c
     LEFT JOIN ops.schema_policy p ON ((p.dataset = c.dataset)))
     JOIN raw.batch b ON ((b.batch_id = ANY (c.batch_ids))))
  WHERE (((c.state = 'open'::text) AND (p.policy = 'hold'::text)) OR (c.state = 'rejected'::text))
  GROUP BY b.batch_id, b.dataset, b.file_name, b.landed_at;

CREATE TABLE ops.market_closure (
    exchange text NOT NULL COLLATE pg_catalog."C",
    date date NOT NULL,
    early_close time without time zone,
    reason text NOT NULL,
    added_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT market_closure_reason_check CHECK ((btrim(reason) <> ''::text))
);

CREATE TABLE ops.metric_range (
    "table" text NOT NULL,
    "column" text NOT NULL,
    min numeric,
    max numeric,
    unit text NOT NULL,
    scale_check boolean DEFAULT false NOT NULL,
    note text,
    CONSTRAINT metric_range_check CHECK (((min IS NULL) OR (max IS NULL) OR (min <= max))),
    CONSTRAINT metric_range_check1 CHECK (((NOT scale_check) OR (unit = ANY (ARRAY['percent'::text, 'fraction'::text])))),
    CONSTRAINT metric_range_unit_check CHECK ((unit = ANY (ARRAY['percent'::text, 'fraction'::text, 'ratio'::text, 'currency'::text, 'count'::text])))
);

CREATE TABLE ops.quality_check_batch (
    transform_name text NOT NULL,
    batch_id bigint NOT NULL,
    checked_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ops.quality_issue ALTER COLUMN quality_issue_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME ops.quality_issue_quality_issue_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

ALTER TABLE ops.quality_score ALTER COLUMN quality_score_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME ops.quality_score_quality_score_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE ops.scheduled_job (
    job_name text NOT NULL,
    schedule text NOT NULL,
    command text NOT NULL,
    description text NOT NULL,
    cron_job_id bigint,
    installed_at timestamp with time zone
);

ALTER TABLE ops.schema_change ALTER COLUMN schema_change_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME ops.schema_change_schema_change_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE ops.schema_check (
    batch_id bigint NOT NULL,
    dataset text NOT NULL,
    endpoint text,
    documents integer NOT NULL,
    fields jsonb NOT NULL,
    checked_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE ops.setting (
    name text NOT NULL,
    value text NOT NULL,
    description text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE ops.task_run (
    task_run_id bigint NOT NULL,
    parent_run_id bigint,
    task_type text NOT NULL,
    task_id text NOT NULL,
    status text DEFAULT 'running'::text NOT NULL,
    started_at timestamp with time zone DEFAULT now() NOT NULL,
    finished_at timestamp with time zone,
    duration_ms bigint GENERATED ALWAYS AS (((EXTRACT(epoch FROM (finished_at - started_at)) * (1000)::numeric))::bigint) STORED,
    records_processed bigint DEFAULT 0 NOT NULL,
    records_failed bigint DEFAULT 0 NOT NULL,
    error_count integer DEFAULT 0 NOT NULL,
    error_details jsonb DEFAULT '[]'::jsonb NOT NULL,
    performance_metrics jsonb DEFAULT '{}'::jsonb NOT NULL,
    peak_memory_mb numeric(10,1),
    host text,
    pid integer,
    CONSTRAINT task_run_status_check CHECK ((status = ANY (ARRAY['running'::text, 'completed'::text, 'partial'::text, 'failed'::text, 'cancelled'::text, 'skipped'::text])))
);

ALTER TABLE ops.task_run ALTER COLUMN task_run_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME ops.task_run_task_run_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE ops.transform_definition_history (
    name text NOT NULL,
    version integer NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE ops.transform_run (
    transform_run_id bigint NOT NULL,
    transform_name text NOT NULL,
    version integer NOT NULL,
    started_at timestamp with time zone DEFAULT now() NOT NULL,
    finished_at timestamp with time zone,
    batches integer DEFAULT 0 NOT NULL,
    rows_in bigint DEFAULT 0 NOT NULL,
    rows_out bigint DEFAULT 0 NOT NULL,
    issues bigint DEFAULT 0 NOT NULL,
    quarantined bigint DEFAULT 0 NOT NULL,
    failed_batches integer DEFAULT 0 NOT NULL,
    error text
);

ALTER TABLE ops.transform_run ALTER COLUMN transform_run_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME ops.transform_run_transform_run_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE ops.unit_cutover (
    "table" text NOT NULL,
    "column" text NOT NULL,
    from_date date NOT NULL,
    factor numeric NOT NULL,
    note text,
    CONSTRAINT unit_cutover_factor_check CHECK ((factor > (0)::numeric))
);

ALTER TABLE raw.batch ALTER COLUMN batch_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME raw.batch_batch_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE raw.record_ref (
    batch_id bigint NOT NULL,
    line_from integer NOT NULL,
    line_to integer NOT NULL,
    ref_batch_id bigint NOT NULL,
    ref_line_from integer NOT NULL,
    CONSTRAINT record_ref_check CHECK ((line_to >= line_from))
);

CREATE TABLE raw.rejected_row (
    batch_id bigint NOT NULL,
    line integer NOT NULL,
    raw_text text,
    reason text NOT NULL
);

ALTER TABLE ONLY core.equity_quotes_current ATTACH PARTITION core.equity_quotes_current_default DEFAULT;

ALTER TABLE ONLY core.equity_quotes_current ATTACH PARTITION core.equity_quotes_current_y2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

ALTER TABLE ONLY core.equity_quotes_current ATTACH PARTITION core.equity_quotes_current_y2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');

ALTER TABLE ONLY core.equity_quotes ATTACH PARTITION core.equity_quotes_default DEFAULT;

ALTER TABLE ONLY core.equity_quotes ATTACH PARTITION core.equity_quotes_y2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

ALTER TABLE ONLY core.equity_quotes ATTACH PARTITION core.equity_quotes_y2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');

ALTER TABLE ONLY core.etfs_quotes_current ATTACH PARTITION core.etfs_quotes_current_default DEFAULT;

ALTER TABLE ONLY core.etfs_quotes_current ATTACH PARTITION core.etfs_quotes_current_y2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

ALTER TABLE ONLY core.etfs_quotes_current ATTACH PARTITION core.etfs_quotes_current_y2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');

ALTER TABLE ONLY core.etfs_quotes ATTACH PARTITION core.etfs_quotes_default DEFAULT;

ALTER TABLE ONLY core.etfs_quotes ATTACH PARTITION core.etfs_quotes_y2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

ALTER TABLE ONLY core.etfs_quotes ATTACH PARTITION core.etfs_quotes_y2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');

ALTER TABLE ONLY core.fundata_quotes_current ATTACH PARTITION core.fundata_quotes_current_default DEFAULT;

ALTER TABLE ONLY core.fundata_quotes_current ATTACH PARTITION core.fundata_quotes_current_y2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

ALTER TABLE ONLY core.fundata_quotes_current ATTACH PARTITION core.fundata_quotes_current_y2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');

ALTER TABLE ONLY core.fundata_quotes ATTACH PARTITION core.fundata_quotes_default DEFAULT;

ALTER TABLE ONLY core.fundata_quotes ATTACH PARTITION core.fundata_quotes_y2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

ALTER TABLE ONLY core.fundata_quotes ATTACH PARTITION core.fundata_quotes_y2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');

ALTER TABLE ONLY agg.analytics_batch
    ADD CONSTRAINT analytics_batch_pkey PRIMARY KEY (transform_name, batch_id);

ALTER TABLE ONLY agg.analytics_state
    ADD CONSTRAINT analytics_state_pkey PRIMARY KEY (id);

ALTER TABLE ONLY agg.api_usage_minute
    ADD CONSTRAINT api_usage_minute_pkey PRIMARY KEY (endpoint, minute_at);

ALTER TABLE ONLY agg.equity_ohlcv_monthly
    ADD CONSTRAINT equity_ohlcv_monthly_pkey PRIMARY KEY (symbol, month_start_date);

ALTER TABLE ONLY agg.equity_ohlcv_weekly
    ADD CONSTRAINT equity_ohlcv_weekly_pkey PRIMARY KEY (symbol, week_start_date);

ALTER TABLE ONLY agg.factor_comovement
    ADD CONSTRAINT factor_comovement_pkey PRIMARY KEY (factor_a, factor_b);

ALTER TABLE ONLY agg.factor_exposure
    ADD CONSTRAINT factor_exposure_pkey PRIMARY KEY (symbol, factor);

ALTER TABLE ONLY agg.fund_metrics
    ADD CONSTRAINT fund_metrics_pkey PRIMARY KEY (identifier);

ALTER TABLE ONLY agg.fund_nav_monthly
    ADD CONSTRAINT fund_nav_monthly_pkey PRIMARY KEY (identifier, month_start_date);

ALTER TABLE ONLY agg.latest_company_metrics
    ADD CONSTRAINT latest_company_metrics_pkey PRIMARY KEY (symbol);

ALTER TABLE ONLY agg.portfolio_history
    ADD CONSTRAINT portfolio_history_pkey PRIMARY KEY (portfolio, date);

ALTER TABLE ONLY agg.position_analytics
    ADD CONSTRAINT position_analytics_pkey PRIMARY KEY (portfolio, position_no);

ALTER TABLE ONLY agg.position_correlation
    ADD CONSTRAINT position_correlation_pkey PRIMARY KEY (portfolio, symbol_a, symbol_b);

ALTER TABLE ONLY agg.security_metrics
    ADD CONSTRAINT security_metrics_pkey PRIMARY KEY (symbol);

ALTER TABLE ONLY agg.security_price
    ADD CONSTRAINT security_price_pkey PRIMARY KEY (symbol, date);

ALTER TABLE ONLY core.equity_balance_current
    ADD CONSTRAINT equity_balance_current_pkey PRIMARY KEY (symbol, period, date);

ALTER TABLE ONLY core.equity_balance_growth_current
    ADD CONSTRAINT equity_balance_growth_current_pkey PRIMARY KEY (symbol, period, date);

ALTER TABLE ONLY core.equity_balance_growth
    ADD CONSTRAINT equity_balance_growth_version_uq UNIQUE NULLS NOT DISTINCT (symbol, period, date, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.equity_balance
    ADD CONSTRAINT equity_balance_version_uq UNIQUE NULLS NOT DISTINCT (symbol, period, date, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.equity_cash_flow_current
    ADD CONSTRAINT equity_cash_flow_current_pkey PRIMARY KEY (symbol, period, date);

ALTER TABLE ONLY core.equity_cash_flow
    ADD CONSTRAINT equity_cash_flow_version_uq UNIQUE NULLS NOT DISTINCT (symbol, period, date, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.equity_cashflow_growth_current
    ADD CONSTRAINT equity_cashflow_growth_current_pkey PRIMARY KEY (symbol, period, date);

ALTER TABLE ONLY core.equity_cashflow_growth
    ADD CONSTRAINT equity_cashflow_growth_version_uq UNIQUE NULLS NOT DISTINCT (symbol, period, date, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.equity_dividend_current
    ADD CONSTRAINT equity_dividend_current_pkey PRIMARY KEY (symbol, date);

ALTER TABLE ONLY core.equity_dividend
    ADD CONSTRAINT equity_dividend_version_uq UNIQUE NULLS NOT DISTINCT (symbol, date, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.equity_financial_growth_current
    ADD CONSTRAINT equity_financial_growth_current_pkey PRIMARY KEY (symbol, period, date);

ALTER TABLE ONLY core.equity_financial_growth
    ADD CONSTRAINT equity_financial_growth_version_uq UNIQUE NULLS NOT DISTINCT (symbol, period, date, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.equity_financial_scores_current
    ADD CONSTRAINT equity_financial_scores_current_pkey PRIMARY KEY (symbol);

ALTER TABLE ONLY core.equity_financial_scores
    ADD CONSTRAINT equity_financial_scores_version_uq UNIQUE NULLS NOT DISTINCT (symbol, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.equity_income_current
    ADD CONSTRAINT equity_income_current_pkey PRIMARY KEY (symbol, period, date);

ALTER TABLE ONLY core.equity_income_growth_current
    ADD CONSTRAINT equity_income_growth_current_pkey PRIMARY KEY (symbol, period, date);

ALTER TABLE ONLY core.equity_income_growth
    ADD CONSTRAINT equity_income_growth_version_uq UNIQUE NULLS NOT DISTINCT (symbol, period, date, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.equity_income
    ADD CONSTRAINT equity_income_version_uq UNIQUE NULLS NOT DISTINCT (symbol, period, date, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.equity_key_metrics_current
    ADD CONSTRAINT equity_key_metrics_current_pkey PRIMARY KEY (symbol, period, date);

ALTER TABLE ONLY core.equity_key_metrics
    ADD CONSTRAINT equity_key_metrics_version_uq UNIQUE NULLS NOT DISTINCT (symbol, period, date, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.equity_peers_current
    ADD CONSTRAINT equity_peers_current_pkey PRIMARY KEY (symbol);

ALTER TABLE ONLY core.equity_peers
    ADD CONSTRAINT equity_peers_version_uq UNIQUE NULLS NOT DISTINCT (symbol, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.equity_profile_current
    ADD CONSTRAINT equity_profile_current_pkey PRIMARY KEY (symbol);

ALTER TABLE ONLY core.equity_profile
    ADD CONSTRAINT equity_profile_version_uq UNIQUE NULLS NOT DISTINCT (symbol, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.equity_quotes_current_date
    ADD CONSTRAINT equity_quotes_current_date_pkey PRIMARY KEY (symbol);

ALTER TABLE ONLY core.equity_quotes_current
    ADD CONSTRAINT equity_quotes_current_pkey PRIMARY KEY (symbol, date) INCLUDE (data_version);

ALTER TABLE ONLY core.equity_quotes_current_default
    ADD CONSTRAINT equity_quotes_current_default_pkey PRIMARY KEY (symbol, date) INCLUDE (data_version);

ALTER TABLE ONLY core.equity_quotes_current_y2026
    ADD CONSTRAINT equity_quotes_current_y2026_pkey PRIMARY KEY (symbol, date) INCLUDE (data_version);

ALTER TABLE ONLY core.equity_quotes_current_y2027
    ADD CONSTRAINT equity_quotes_current_y2027_pkey PRIMARY KEY (symbol, date) INCLUDE (data_version);

ALTER TABLE ONLY core.equity_quotes
    ADD CONSTRAINT equity_quotes_version_uq UNIQUE NULLS NOT DISTINCT (symbol, date, data_version, array_source_field, array_element_index) INCLUDE (close, adj_close);

ALTER TABLE ONLY core.equity_quotes_default
    ADD CONSTRAINT equity_quotes_default_symbol_date_data_version_array_source_key UNIQUE NULLS NOT DISTINCT (symbol, date, data_version, array_source_field, array_element_index) INCLUDE (close, adj_close);

ALTER TABLE ONLY core.equity_quotes_y2026
    ADD CONSTRAINT equity_quotes_y2026_symbol_date_data_version_array_source_f_key UNIQUE NULLS NOT DISTINCT (symbol, date, data_version, array_source_field, array_element_index) INCLUDE (close, adj_close);

ALTER TABLE ONLY core.equity_quotes_y2027
    ADD CONSTRAINT equity_quotes_y2027_symbol_date_data_version_array_source_f_key UNIQUE NULLS NOT DISTINCT (symbol, date, data_version, array_source_field, array_element_index) INCLUDE (close, adj_close);

ALTER TABLE ONLY core.equity_ratios_current
    ADD CONSTRAINT equity_ratios_current_pkey PRIMARY KEY (symbol, period, date);

ALTER TABLE ONLY core.equity_ratios
    ADD CONSTRAINT equity_ratios_version_uq UNIQUE NULLS NOT DISTINCT (symbol, period, date, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.equity_split_current
    ADD CONSTRAINT equity_split_current_pkey PRIMARY KEY (symbol, date);

ALTER TABLE ONLY core.equity_split
    ADD CONSTRAINT equity_split_version_uq UNIQUE NULLS NOT DISTINCT (symbol, date, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.etfs_country_weightings_current
    ADD CONSTRAINT etfs_country_weightings_current_pkey PRIMARY KEY (symbol, country);

ALTER TABLE ONLY core.etfs_country_weightings
    ADD CONSTRAINT etfs_country_weightings_version_uq UNIQUE NULLS NOT DISTINCT (symbol, country, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.etfs_dividend_current
    ADD CONSTRAINT etfs_dividend_current_pkey PRIMARY KEY (symbol, date);

ALTER TABLE ONLY core.etfs_dividend
    ADD CONSTRAINT etfs_dividend_version_uq UNIQUE NULLS NOT DISTINCT (symbol, date, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.etfs_holdings_current
    ADD CONSTRAINT etfs_holdings_current_pkey PRIMARY KEY (symbol, holding_key);

ALTER TABLE ONLY core.etfs_holdings
    ADD CONSTRAINT etfs_holdings_version_uq UNIQUE NULLS NOT DISTINCT (symbol, holding_key, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.etfs_peers_current
    ADD CONSTRAINT etfs_peers_current_pkey PRIMARY KEY (symbol);

ALTER TABLE ONLY core.etfs_peers
    ADD CONSTRAINT etfs_peers_version_uq UNIQUE NULLS NOT DISTINCT (symbol, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.etfs_profile_current
    ADD CONSTRAINT etfs_profile_current_pkey PRIMARY KEY (symbol);

ALTER TABLE ONLY core.etfs_profile
    ADD CONSTRAINT etfs_profile_version_uq UNIQUE NULLS NOT DISTINCT (symbol, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.etfs_quotes_current_date
    ADD CONSTRAINT etfs_quotes_current_date_pkey PRIMARY KEY (symbol);

ALTER TABLE ONLY core.etfs_quotes_current
    ADD CONSTRAINT etfs_quotes_current_pkey PRIMARY KEY (symbol, date) INCLUDE (data_version);

ALTER TABLE ONLY core.etfs_quotes_current_default
    ADD CONSTRAINT etfs_quotes_current_default_pkey PRIMARY KEY (symbol, date) INCLUDE (data_version);

ALTER TABLE ONLY core.etfs_quotes_current_y2026
    ADD CONSTRAINT etfs_quotes_current_y2026_pkey PRIMARY KEY (symbol, date) INCLUDE (data_version);

ALTER TABLE ONLY core.etfs_quotes_current_y2027
    ADD CONSTRAINT etfs_quotes_current_y2027_pkey PRIMARY KEY (symbol, date) INCLUDE (data_version);

ALTER TABLE ONLY core.etfs_quotes
    ADD CONSTRAINT etfs_quotes_version_uq UNIQUE NULLS NOT DISTINCT (symbol, date, data_version, array_source_field, array_element_index) INCLUDE (close, adj_close);

ALTER TABLE ONLY core.etfs_quotes_default
    ADD CONSTRAINT etfs_quotes_default_symbol_date_data_version_array_source_f_key UNIQUE NULLS NOT DISTINCT (symbol, date, data_version, array_source_field, array_element_index) INCLUDE (close, adj_close);

ALTER TABLE ONLY core.etfs_quotes_y2026
    ADD CONSTRAINT etfs_quotes_y2026_symbol_date_data_version_array_source_fie_key UNIQUE NULLS NOT DISTINCT (symbol, date, data_version, array_source_field, array_element_index) INCLUDE (close, adj_close);

ALTER TABLE ONLY core.etfs_quotes_y2027
    ADD CONSTRAINT etfs_quotes_y2027_symbol_date_data_version_array_source_fie_key UNIQUE NULLS NOT DISTINCT (symbol, date, data_version, array_source_field, array_element_index) INCLUDE (close, adj_close);

ALTER TABLE ONLY core.etfs_split_current
    ADD CONSTRAINT etfs_split_current_pkey PRIMARY KEY (symbol, date);

ALTER TABLE ONLY core.etfs_split
    ADD CONSTRAINT etfs_split_version_uq UNIQUE NULLS NOT DISTINCT (symbol, date, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.exchange_calendar
    ADD CONSTRAINT exchange_calendar_pkey PRIMARY KEY (exchange, date);

ALTER TABLE ONLY core.factor
    ADD CONSTRAINT factor_factor_etf_key UNIQUE (factor_etf);

ALTER TABLE ONLY core.factor
    ADD CONSTRAINT factor_factor_no_key UNIQUE (factor_no);

ALTER TABLE ONLY core.factor
    ADD CONSTRAINT factor_pkey PRIMARY KEY (factor);

ALTER TABLE ONLY core.fundata_advanced_performance_current
    ADD CONSTRAINT fundata_advanced_performance_current_pkey PRIMARY KEY (identifier);

ALTER TABLE ONLY core.fundata_advanced_performance
    ADD CONSTRAINT fundata_advanced_performance_version_uq UNIQUE NULLS NOT DISTINCT (identifier, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.fundata_allocations_current
    ADD CONSTRAINT fundata_allocations_current_pkey PRIMARY KEY (identifier, allocation_date, allocation_type, allocation_name);

ALTER TABLE ONLY core.fundata_allocations
    ADD CONSTRAINT fundata_allocations_version_uq UNIQUE NULLS NOT DISTINCT (identifier, allocation_date, allocation_type, allocation_name, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.fundata_assets_current
    ADD CONSTRAINT fundata_assets_current_pkey PRIMARY KEY (identifier, assets_date);

ALTER TABLE ONLY core.fundata_assets
    ADD CONSTRAINT fundata_assets_version_uq UNIQUE NULLS NOT DISTINCT (identifier, assets_date, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.fundata_associated_benchmarks_current
    ADD CONSTRAINT fundata_associated_benchmarks_current_pkey PRIMARY KEY (identifier, benchmark_identifier);

ALTER TABLE ONLY core.fundata_associated_benchmarks
    ADD CONSTRAINT fundata_associated_benchmarks_version_uq UNIQUE NULLS NOT DISTINCT (identifier, benchmark_identifier, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.fundata_data_current
    ADD CONSTRAINT fundata_data_current_pkey PRIMARY KEY (identifier);

ALTER TABLE ONLY core.fundata_data
    ADD CONSTRAINT fundata_data_version_uq UNIQUE NULLS NOT DISTINCT (identifier, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.fundata_distributions_current
    ADD CONSTRAINT fundata_distributions_current_pkey PRIMARY KEY (identifier, distribution_date);

ALTER TABLE ONLY core.fundata_distributions
    ADD CONSTRAINT fundata_distributions_version_uq UNIQUE NULLS NOT DISTINCT (identifier, distribution_date, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.fundata_equity_style_current
    ADD CONSTRAINT fundata_equity_style_current_pkey PRIMARY KEY (identifier);

ALTER TABLE ONLY core.fundata_equity_style
    ADD CONSTRAINT fundata_equity_style_version_uq UNIQUE NULLS NOT DISTINCT (identifier, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.fundata_expenses_current
    ADD CONSTRAINT fundata_expenses_current_pkey PRIMARY KEY (identifier);

ALTER TABLE ONLY core.fundata_expenses
    ADD CONSTRAINT fundata_expenses_version_uq UNIQUE NULLS NOT DISTINCT (identifier, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.fundata_fixed_income_style_current
    ADD CONSTRAINT fundata_fixed_income_style_current_pkey PRIMARY KEY (identifier);

ALTER TABLE ONLY core.fundata_fixed_income_style
    ADD CONSTRAINT fundata_fixed_income_style_version_uq UNIQUE NULLS NOT DISTINCT (identifier, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.fundata_instrument_identifiers_current
    ADD CONSTRAINT fundata_instrument_identifiers_current_pkey PRIMARY KEY (identifier, identifier_type, identifier_value);

ALTER TABLE ONLY core.fundata_instrument_identifiers
    ADD CONSTRAINT fundata_instrument_identifiers_version_uq UNIQUE NULLS NOT DISTINCT (identifier, identifier_type, identifier_value, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.fundata_loads_current
    ADD CONSTRAINT fundata_loads_current_pkey PRIMARY KEY (identifier, load_type, breakpoint_sequence);

ALTER TABLE ONLY core.fundata_loads
    ADD CONSTRAINT fundata_loads_version_uq UNIQUE NULLS NOT DISTINCT (identifier, load_type, breakpoint_sequence, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.fundata_other_fees_current
    ADD CONSTRAINT fundata_other_fees_current_pkey PRIMARY KEY (identifier, fee_type);

ALTER TABLE ONLY core.fundata_other_fees
    ADD CONSTRAINT fundata_other_fees_version_uq UNIQUE NULLS NOT DISTINCT (identifier, fee_type, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.fundata_performance_summary_current
    ADD CONSTRAINT fundata_performance_summary_current_pkey PRIMARY KEY (identifier);

ALTER TABLE ONLY core.fundata_performance_summary
    ADD CONSTRAINT fundata_performance_summary_version_uq UNIQUE NULLS NOT DISTINCT (identifier, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.fundata_quotes_current_date
    ADD CONSTRAINT fundata_quotes_current_date_pkey PRIMARY KEY (identifier);

ALTER TABLE ONLY core.fundata_quotes_current
    ADD CONSTRAINT fundata_quotes_current_pkey PRIMARY KEY (identifier, date) INCLUDE (data_version);

ALTER TABLE ONLY core.fundata_quotes_current_default
    ADD CONSTRAINT fundata_quotes_current_default_pkey PRIMARY KEY (identifier, date) INCLUDE (data_version);

ALTER TABLE ONLY core.fundata_quotes_current_y2026
    ADD CONSTRAINT fundata_quotes_current_y2026_pkey PRIMARY KEY (identifier, date) INCLUDE (data_version);

ALTER TABLE ONLY core.fundata_quotes_current_y2027
    ADD CONSTRAINT fundata_quotes_current_y2027_pkey PRIMARY KEY (identifier, date) INCLUDE (data_version);

ALTER TABLE ONLY core.fundata_quotes
    ADD CONSTRAINT fundata_quotes_version_uq UNIQUE NULLS NOT DISTINCT (identifier, date, data_version, array_source_field, array_element_index) INCLUDE (navps);

ALTER TABLE ONLY core.fundata_quotes_default
    ADD CONSTRAINT fundata_quotes_default_identifier_date_data_version_array_s_key UNIQUE NULLS NOT DISTINCT (identifier, date, data_version, array_source_field, array_element_index) INCLUDE (navps);

ALTER TABLE ONLY core.fundata_quotes_y2026
    ADD CONSTRAINT fundata_quotes_y2026_identifier_date_data_version_array_sou_key UNIQUE NULLS NOT DISTINCT (identifier, date, data_version, array_source_field, array_element_index) INCLUDE (navps);

ALTER TABLE ONLY core.fundata_quotes_y2027
    ADD CONSTRAINT fundata_quotes_y2027_identifier_date_data_version_array_sou_key UNIQUE NULLS NOT DISTINCT (identifier, date, data_version, array_source_field, array_element_index) INCLUDE (navps);

ALTER TABLE ONLY core.fundata_top_holdings_current
    ADD CONSTRAINT fundata_top_holdings_current_pkey PRIMARY KEY (identifier, holdings_date, holding_rank);

ALTER TABLE ONLY core.fundata_top_holdings
    ADD CONSTRAINT fundata_top_holdings_version_uq UNIQUE NULLS NOT DISTINCT (identifier, holdings_date, holding_rank, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.fundata_trailer_schedules_current
    ADD CONSTRAINT fundata_trailer_schedules_current_pkey PRIMARY KEY (identifier, load_type, from_year);

ALTER TABLE ONLY core.fundata_trailer_schedules
    ADD CONSTRAINT fundata_trailer_schedules_version_uq UNIQUE NULLS NOT DISTINCT (identifier, load_type, from_year, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.fundata_yearly_performance_current
    ADD CONSTRAINT fundata_yearly_performance_current_pkey PRIMARY KEY (identifier, performance_year);

ALTER TABLE ONLY core.fundata_yearly_performance_ranking_current
    ADD CONSTRAINT fundata_yearly_performance_ranking_current_pkey PRIMARY KEY (identifier, performance_year);

ALTER TABLE ONLY core.fundata_yearly_performance_ranking
    ADD CONSTRAINT fundata_yearly_performance_ranking_version_uq UNIQUE NULLS NOT DISTINCT (identifier, performance_year, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.fundata_yearly_performance_risk_current
    ADD CONSTRAINT fundata_yearly_performance_risk_current_pkey PRIMARY KEY (identifier, performance_year);

ALTER TABLE ONLY core.fundata_yearly_performance_risk
    ADD CONSTRAINT fundata_yearly_performance_risk_version_uq UNIQUE NULLS NOT DISTINCT (identifier, performance_year, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.fundata_yearly_performance
    ADD CONSTRAINT fundata_yearly_performance_version_uq UNIQUE NULLS NOT DISTINCT (identifier, performance_year, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.instrument
    ADD CONSTRAINT instrument_pkey PRIMARY KEY (identifier);

ALTER TABLE ONLY core.market_and_sector_quotes_current
    ADD CONSTRAINT market_and_sector_quotes_current_pkey PRIMARY KEY (symbol, date);

ALTER TABLE ONLY core.market_and_sector_quotes
    ADD CONSTRAINT market_and_sector_quotes_version_uq UNIQUE NULLS NOT DISTINCT (symbol, date, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY core.portfolio
    ADD CONSTRAINT portfolio_pkey PRIMARY KEY (portfolio, data_version);

ALTER TABLE ONLY core."position"
    ADD CONSTRAINT position_pkey PRIMARY KEY (portfolio, data_version, position_no);

ALTER TABLE ONLY core.scenario
    ADD CONSTRAINT scenario_pkey PRIMARY KEY (scenario);

ALTER TABLE ONLY core.scenario_shock
    ADD CONSTRAINT scenario_shock_pkey PRIMARY KEY (scenario, factor);

ALTER TABLE ONLY core.security_search
    ADD CONSTRAINT security_search_pkey PRIMARY KEY (kind, key);

ALTER TABLE ONLY core.security_search_word
    ADD CONSTRAINT security_search_word_pkey PRIMARY KEY (word);

ALTER TABLE ONLY core.treasury_current
    ADD CONSTRAINT treasury_current_pkey PRIMARY KEY (date);

ALTER TABLE ONLY core.treasury
    ADD CONSTRAINT treasury_version_uq UNIQUE NULLS NOT DISTINCT (date, data_version, array_source_field, array_element_index);

ALTER TABLE ONLY ops.aggregate_batch
    ADD CONSTRAINT aggregate_batch_pkey PRIMARY KEY (aggregate_name, transform_name, batch_id);

ALTER TABLE ONLY ops.aggregate_invalidation
    ADD CONSTRAINT aggregate_invalidation_pkey PRIMARY KEY (aggregate_name, bucket_key, bucket_at);

ALTER TABLE ONLY ops.aggregate_state
    ADD CONSTRAINT aggregate_state_pkey PRIMARY KEY (aggregate_name);

ALTER TABLE ONLY ops.backfill_request
    ADD CONSTRAINT backfill_request_pkey PRIMARY KEY (id);

ALTER TABLE ONLY ops.batch_newest_date
    ADD CONSTRAINT batch_newest_date_pkey PRIMARY KEY (batch_id, field);

ALTER TABLE ONLY ops.correction
    ADD CONSTRAINT correction_pkey PRIMARY KEY (id);

ALTER TABLE ONLY ops.correction_rule
    ADD CONSTRAINT correction_rule_pkey PRIMARY KEY ("table", "column");

ALTER TABLE ONLY ops.correction
    ADD CONSTRAINT correction_table_key_column_data_version_key UNIQUE ("table", key, "column", data_version);

ALTER TABLE ONLY ops.file_tracker
    ADD CONSTRAINT file_tracker_pkey PRIMARY KEY (file_path, sha256);

ALTER TABLE ONLY ops.fmp_api_call
    ADD CONSTRAINT fmp_api_call_pkey PRIMARY KEY (fmp_api_call_id);

ALTER TABLE ONLY ops.fund_cadence_override
    ADD CONSTRAINT fund_cadence_override_pkey PRIMARY KEY (identifier);

ALTER TABLE ONLY ops.fund_cadence
    ADD CONSTRAINT fund_cadence_pkey PRIMARY KEY (identifier);

ALTER TABLE ONLY ops.market_closure
    ADD CONSTRAINT market_closure_pkey PRIMARY KEY (exchange, date);

ALTER TABLE ONLY ops.metric_range
    ADD CONSTRAINT metric_range_pkey PRIMARY KEY ("table", "column");

ALTER TABLE ONLY ops.quality_check_batch
    ADD CONSTRAINT quality_check_batch_pkey PRIMARY KEY (transform_name, batch_id);

ALTER TABLE ONLY ops.quality_issue
    ADD CONSTRAINT quality_issue_pkey PRIMARY KEY (quality_issue_id);

ALTER TABLE ONLY ops.quality_score
    ADD CONSTRAINT quality_score_pkey PRIMARY KEY (quality_score_id);

ALTER TABLE ONLY ops.quarantine
    ADD CONSTRAINT quarantine_pkey PRIMARY KEY (transform_name, batch_id, line, elem);

ALTER TABLE ONLY ops.scheduled_job
    ADD CONSTRAINT scheduled_job_pkey PRIMARY KEY (job_name);

ALTER TABLE ONLY ops.schema_change
    ADD CONSTRAINT schema_change_dataset_field_change_key UNIQUE (dataset, field, change);

ALTER TABLE ONLY ops.schema_change
    ADD CONSTRAINT schema_change_pkey PRIMARY KEY (schema_change_id);

ALTER TABLE ONLY ops.schema_check
    ADD CONSTRAINT schema_check_pkey PRIMARY KEY (batch_id);

ALTER TABLE ONLY ops.schema_policy
    ADD CONSTRAINT schema_policy_pkey PRIMARY KEY (dataset);

ALTER TABLE ONLY ops.series_state
    ADD CONSTRAINT series_state_pkey PRIMARY KEY (dataset, key);

ALTER TABLE ONLY ops.setting
    ADD CONSTRAINT setting_pkey PRIMARY KEY (name);

ALTER TABLE ONLY ops.stage_fields
    ADD CONSTRAINT stage_fields_pkey PRIMARY KEY (transform_name);

ALTER TABLE ONLY ops.task_run
    ADD CONSTRAINT task_run_pkey PRIMARY KEY (task_run_id);

ALTER TABLE ONLY ops.transform_batch_failure
    ADD CONSTRAINT transform_batch_failure_pkey PRIMARY KEY (transform_name, batch_id);

ALTER TABLE ONLY ops.transform_batch
    ADD CONSTRAINT transform_batch_pkey PRIMARY KEY (transform_name, batch_id);

ALTER TABLE ONLY ops.transform_definition_history
    ADD CONSTRAINT transform_definition_history_pkey PRIMARY KEY (name, version, checksum);

ALTER TABLE ONLY ops.transform_definition
    ADD CONSTRAINT transform_definition_pkey PRIMARY KEY (name);

ALTER TABLE ONLY ops.transform_run
    ADD CONSTRAINT transform_run_pkey PRIMARY KEY (transform_run_id);

ALTER TABLE ONLY ops.unit_cutover
    ADD CONSTRAINT unit_cutover_pkey PRIMARY KEY ("table", "column", from_date);

ALTER TABLE ONLY raw.batch
    ADD CONSTRAINT batch_pkey PRIMARY KEY (batch_id);

ALTER TABLE ONLY raw.record_ref
    ADD CONSTRAINT record_ref_pkey PRIMARY KEY (batch_id, line_from);

ALTER TABLE ONLY raw.rejected_row
    ADD CONSTRAINT rejected_row_pkey PRIMARY KEY (batch_id, line);

ALTER TABLE ONLY raw.stored_record
    ADD CONSTRAINT stored_record_pkey PRIMARY KEY (batch_id, line);

CREATE INDEX analytics_batch_batch_idx ON agg.analytics_batch USING btree (batch_id);

CREATE INDEX equity_dividend_batch_idx ON core.equity_dividend USING btree (batch_id);

CREATE INDEX equity_income_batch_idx ON core.equity_income USING btree (batch_id);

CREATE INDEX equity_key_metrics_batch_idx ON core.equity_key_metrics USING btree (batch_id);

CREATE INDEX equity_profile_batch_idx ON core.equity_profile USING btree (batch_id);

CREATE INDEX equity_quotes_batch_idx ON ONLY core.equity_quotes USING btree (batch_id);

CREATE INDEX equity_quotes_date_idx ON ONLY core.equity_quotes USING btree (date);

CREATE INDEX equity_quotes_default_batch_id_idx ON core.equity_quotes_default USING btree (batch_id);

CREATE INDEX equity_quotes_default_date_idx ON core.equity_quotes_default USING btree (date);

CREATE INDEX equity_quotes_processed_at_idx ON ONLY core.equity_quotes USING btree (processed_at);

CREATE INDEX equity_quotes_default_processed_at_idx ON core.equity_quotes_default USING btree (processed_at);

CREATE INDEX equity_quotes_y2026_batch_id_idx ON core.equity_quotes_y2026 USING btree (batch_id);

CREATE INDEX equity_quotes_y2026_date_idx ON core.equity_quotes_y2026 USING btree (date);

CREATE INDEX equity_quotes_y2026_processed_at_idx ON core.equity_quotes_y2026 USING btree (processed_at);

CREATE INDEX equity_quotes_y2027_batch_id_idx ON core.equity_quotes_y2027 USING btree (batch_id);

CREATE INDEX equity_quotes_y2027_date_idx ON core.equity_quotes_y2027 USING btree (date);

CREATE INDEX equity_quotes_y2027_processed_at_idx ON core.equity_quotes_y2027 USING btree (processed_at);

CREATE INDEX equity_ratios_batch_idx ON core.equity_ratios USING btree (batch_id);

CREATE INDEX equity_split_batch_idx ON core.equity_split USING btree (batch_id);

CREATE INDEX etfs_holdings_asset_idx ON core.etfs_holdings USING btree (asset) WHERE (asset IS NOT NULL);

CREATE INDEX etfs_quotes_batch_idx ON ONLY core.etfs_quotes USING btree (batch_id);

CREATE INDEX etfs_quotes_date_idx ON ONLY core.etfs_quotes USING btree (date);

CREATE INDEX etfs_quotes_default_batch_id_idx ON core.etfs_quotes_default USING btree (batch_id);

CREATE INDEX etfs_quotes_default_date_idx ON core.etfs_quotes_default USING btree (date);

CREATE INDEX etfs_quotes_y2026_batch_id_idx ON core.etfs_quotes_y2026 USING btree (batch_id);

CREATE INDEX etfs_quotes_y2026_date_idx ON core.etfs_quotes_y2026 USING btree (date);

CREATE INDEX etfs_quotes_y2027_batch_id_idx ON core.etfs_quotes_y2027 USING btree (batch_id);

CREATE INDEX etfs_quotes_y2027_date_idx ON core.etfs_quotes_y2027 USING btree (date);

CREATE INDEX exchange_calendar_session_idx ON core.exchange_calendar USING btree (exchange, date) INCLUDE (early_close) WHERE is_open;

CREATE INDEX fundata_data_company_identifier_idx ON core.fundata_data USING btree (company, identifier);

CREATE INDEX fundata_data_family_identifier_idx ON core.fundata_data USING btree (family_name, identifier);

CREATE INDEX fundata_data_processed_at_idx ON core.fundata_data USING btree (processed_at);

CREATE INDEX fundata_data_source_file_idx ON core.fundata_data USING btree (source_file);

CREATE INDEX fundata_distributions_date_idx ON core.fundata_distributions USING btree (distribution_date);

CREATE INDEX fundata_quotes_date_idx ON ONLY core.fundata_quotes USING brin (date) WITH (autosummarize='on');

CREATE INDEX fundata_quotes_default_date_idx ON core.fundata_quotes_default USING brin (date) WITH (autosummarize='on');

CREATE INDEX fundata_quotes_processed_at_idx ON ONLY core.fundata_quotes USING brin (processed_at) WITH (autosummarize='on');

CREATE INDEX fundata_quotes_default_processed_at_idx ON core.fundata_quotes_default USING brin (processed_at) WITH (autosummarize='on');

CREATE INDEX fundata_quotes_source_file_idx ON ONLY core.fundata_quotes USING brin (source_file) WITH (autosummarize='on');

CREATE INDEX fundata_quotes_default_source_file_idx ON core.fundata_quotes_default USING brin (source_file) WITH (autosummarize='on');

CREATE INDEX fundata_quotes_y2026_date_idx ON core.fundata_quotes_y2026 USING brin (date) WITH (autosummarize='on');

CREATE INDEX fundata_quotes_y2026_processed_at_idx ON core.fundata_quotes_y2026 USING brin (processed_at) WITH (autosummarize='on');

CREATE INDEX fundata_quotes_y2026_source_file_idx ON core.fundata_quotes_y2026 USING brin (source_file) WITH (autosummarize='on');

CREATE INDEX fundata_quotes_y2027_date_idx ON core.fundata_quotes_y2027 USING brin (date) WITH (autosummarize='on');

CREATE INDEX fundata_quotes_y2027_processed_at_idx ON core.fundata_quotes_y2027 USING brin (processed_at) WITH (autosummarize='on');

CREATE INDEX fundata_quotes_y2027_source_file_idx ON core.fundata_quotes_y2027 USING brin (source_file) WITH (autosummarize='on');

CREATE INDEX security_search_ticker_idx ON core.security_search USING btree (upper(ticker) text_pattern_ops);

CREATE INDEX security_search_tsv_idx ON core.security_search USING gin (tsv);

CREATE INDEX security_search_word_trgm_idx ON core.security_search_word USING gin (word public.gin_trgm_ops);

CREATE INDEX security_search_word_variant_idx ON core.security_search_word_variant USING btree (variant);

CREATE INDEX aggregate_batch_batch_idx ON ops.aggregate_batch USING btree (batch_id);

CREATE INDEX backfill_request_key_idx ON ops.backfill_request USING btree (dataset, key, from_date);

CREATE INDEX backfill_request_open_idx ON ops.backfill_request USING btree (source, dataset) WHERE (state = 'open'::text);

CREATE INDEX batch_newest_date_dataset_idx ON ops.batch_newest_date USING btree (dataset, field, newest_date);

CREATE INDEX correction_state_idx ON ops.correction USING btree (state, id);

CREATE INDEX fmp_api_call_called_at_idx ON ops.fmp_api_call USING btree (called_at);

CREATE INDEX fmp_api_call_dataset_called_at_idx ON ops.fmp_api_call USING btree (dataset, called_at DESC);

CREATE INDEX fmp_api_call_task_run_idx ON ops.fmp_api_call USING btree (task_run_id);

CREATE INDEX quality_issue_batch_idx ON ops.quality_issue USING btree (batch_id);

CREATE INDEX quality_issue_resolved_idx ON ops.quality_issue USING btree (resolved_at) WHERE (resolved_at IS NOT NULL);

CREATE INDEX quality_issue_rule_idx ON ops.quality_issue USING btree (rule, detected_at DESC);

CREATE INDEX quality_issue_stale_idx ON ops.quality_issue USING btree (dataset, identifier, raw_value) WHERE (rule = 'stale_series'::text);

CREATE INDEX quality_score_batch_idx ON ops.quality_score USING btree (batch_id);

CREATE INDEX quality_score_symbol_idx ON ops.quality_score USING btree (symbol, "table");

CREATE INDEX schema_change_open_idx ON ops.schema_change USING btree (dataset) WHERE (state = 'open'::text);

CREATE INDEX schema_check_dataset_idx ON ops.schema_check USING btree (dataset, batch_id);

CREATE INDEX task_run_parent_idx ON ops.task_run USING btree (parent_run_id);

CREATE INDEX task_run_running_idx ON ops.task_run USING btree (host, pid) WHERE (status = 'running'::text);

CREATE INDEX task_run_started_idx ON ops.task_run USING btree (started_at);

CREATE INDEX task_run_type_started_idx ON ops.task_run USING btree (task_type, started_at DESC);

CREATE INDEX transform_batch_batch_idx ON ops.transform_batch USING btree (batch_id);

CREATE INDEX batch_dataset_landed_idx ON raw.batch USING btree (dataset, batch_id);

CREATE INDEX batch_dataset_sha_idx ON raw.batch USING btree (dataset, sha256);

CREATE INDEX batch_fmp_request_idx ON raw.batch USING btree (dataset, md5((request)::text), batch_id) WHERE (source = 'fmp'::text);

CREATE INDEX record_ref_ref_batch_idx ON raw.record_ref USING btree (ref_batch_id);

ALTER INDEX core.equity_quotes_current_pkey ATTACH PARTITION core.equity_quotes_current_default_pkey;

ALTER INDEX core.equity_quotes_current_pkey ATTACH PARTITION core.equity_quotes_current_y2026_pkey;

ALTER INDEX core.equity_quotes_current_pkey ATTACH PARTITION core.equity_quotes_current_y2027_pkey;

ALTER INDEX core.equity_quotes_batch_idx ATTACH PARTITION core.equity_quotes_default_batch_id_idx;

ALTER INDEX core.equity_quotes_date_idx ATTACH PARTITION core.equity_quotes_default_date_idx;

ALTER INDEX core.equity_quotes_processed_at_idx ATTACH PARTITION core.equity_quotes_default_processed_at_idx;

ALTER INDEX core.equity_quotes_version_uq ATTACH PARTITION core.equity_quotes_default_symbol_date_data_version_array_source_key;

ALTER INDEX core.equity_quotes_batch_idx ATTACH PARTITION core.equity_quotes_y2026_batch_id_idx;

ALTER INDEX core.equity_quotes_date_idx ATTACH PARTITION core.equity_quotes_y2026_date_idx;

ALTER INDEX core.equity_quotes_processed_at_idx ATTACH PARTITION core.equity_quotes_y2026_processed_at_idx;

ALTER INDEX core.equity_quotes_version_uq ATTACH PARTITION core.equity_quotes_y2026_symbol_date_data_version_array_source_f_key;

ALTER INDEX core.equity_quotes_batch_idx ATTACH PARTITION core.equity_quotes_y2027_batch_id_idx;

ALTER INDEX core.equity_quotes_date_idx ATTACH PARTITION core.equity_quotes_y2027_date_idx;

ALTER INDEX core.equity_quotes_processed_at_idx ATTACH PARTITION core.equity_quotes_y2027_processed_at_idx;

ALTER INDEX core.equity_quotes_version_uq ATTACH PARTITION core.equity_quotes_y2027_symbol_date_data_version_array_source_f_key;

ALTER INDEX core.etfs_quotes_current_pkey ATTACH PARTITION core.etfs_quotes_current_default_pkey;

ALTER INDEX core.etfs_quotes_current_pkey ATTACH PARTITION core.etfs_quotes_current_y2026_pkey;

ALTER INDEX core.etfs_quotes_current_pkey ATTACH PARTITION core.etfs_quotes_current_y2027_pkey;

ALTER INDEX core.etfs_quotes_batch_idx ATTACH PARTITION core.etfs_quotes_default_batch_id_idx;

ALTER INDEX core.etfs_quotes_date_idx ATTACH PARTITION core.etfs_quotes_default_date_idx;

ALTER INDEX core.etfs_quotes_version_uq ATTACH PARTITION core.etfs_quotes_default_symbol_date_data_version_array_source_f_key;

ALTER INDEX core.etfs_quotes_batch_idx ATTACH PARTITION core.etfs_quotes_y2026_batch_id_idx;

ALTER INDEX core.etfs_quotes_date_idx ATTACH PARTITION core.etfs_quotes_y2026_date_idx;

ALTER INDEX core.etfs_quotes_version_uq ATTACH PARTITION core.etfs_quotes_y2026_symbol_date_data_version_array_source_fie_key;

ALTER INDEX core.etfs_quotes_batch_idx ATTACH PARTITION core.etfs_quotes_y2027_batch_id_idx;

ALTER INDEX core.etfs_quotes_date_idx ATTACH PARTITION core.etfs_quotes_y2027_date_idx;

ALTER INDEX core.etfs_quotes_version_uq ATTACH PARTITION core.etfs_quotes_y2027_symbol_date_data_version_array_source_fie_key;

ALTER INDEX core.fundata_quotes_current_pkey ATTACH PARTITION core.fundata_quotes_current_default_pkey;

ALTER INDEX core.fundata_quotes_current_pkey ATTACH PARTITION core.fundata_quotes_current_y2026_pkey;

ALTER INDEX core.fundata_quotes_current_pkey ATTACH PARTITION core.fundata_quotes_current_y2027_pkey;

ALTER INDEX core.fundata_quotes_date_idx ATTACH PARTITION core.fundata_quotes_default_date_idx;

ALTER INDEX core.fundata_quotes_version_uq ATTACH PARTITION core.fundata_quotes_default_identifier_date_data_version_array_s_key;

ALTER INDEX core.fundata_quotes_processed_at_idx ATTACH PARTITION core.fundata_quotes_default_processed_at_idx;

ALTER INDEX core.fundata_quotes_source_file_idx ATTACH PARTITION core.fundata_quotes_default_source_file_idx;

ALTER INDEX core.fundata_quotes_date_idx ATTACH PARTITION core.fundata_quotes_y2026_date_idx;

ALTER INDEX core.fundata_quotes_version_uq ATTACH PARTITION core.fundata_quotes_y2026_identifier_date_data_version_array_sou_key;

ALTER INDEX core.fundata_quotes_processed_at_idx ATTACH PARTITION core.fundata_quotes_y2026_processed_at_idx;

ALTER INDEX core.fundata_quotes_source_file_idx ATTACH PARTITION core.fundata_quotes_y2026_source_file_idx;

ALTER INDEX core.fundata_quotes_date_idx ATTACH PARTITION core.fundata_quotes_y2027_date_idx;

ALTER INDEX core.fundata_quotes_version_uq ATTACH PARTITION core.fundata_quotes_y2027_identifier_date_data_version_array_sou_key;

ALTER INDEX core.fundata_quotes_processed_at_idx ATTACH PARTITION core.fundata_quotes_y2027_processed_at_idx;

ALTER INDEX core.fundata_quotes_source_file_idx ATTACH PARTITION core.fundata_quotes_y2027_source_file_idx;

CREATE TRIGGER exchange_calendar_number_del AFTER DELETE ON core.exchange_calendar FOR EACH STATEMENT EXECUTE FUNCTION core.exchange_calendar_number();

CREATE TRIGGER exchange_calendar_number_ins AFTER INSERT ON core.exchange_calendar FOR EACH STATEMENT EXECUTE FUNCTION core.exchange_calendar_number();

CREATE TRIGGER exchange_calendar_number_upd AFTER UPDATE OF is_open ON core.exchange_calendar FOR EACH STATEMENT EXECUTE FUNCTION core.exchange_calendar_number();

CREATE TRIGGER fmp_api_call_usage_delete AFTER DELETE ON ops.fmp_api_call REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ops.invalidate_api_usage();

CREATE TRIGGER fmp_api_call_usage_insert AFTER INSERT ON ops.fmp_api_call REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ops.invalidate_api_usage();

CREATE TRIGGER fmp_api_call_usage_update AFTER UPDATE ON ops.fmp_api_call REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ops.invalidate_api_usage();

CREATE TRIGGER market_closure_delete AFTER DELETE ON ops.market_closure REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ops.market_closure_apply_delete();

CREATE TRIGGER market_closure_insert AFTER INSERT ON ops.market_closure REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ops.market_closure_apply_insert();

CREATE TRIGGER market_closure_update AFTER UPDATE ON ops.market_closure REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ops.market_closure_apply();

CREATE TRIGGER record_insert INSTEAD OF INSERT ON raw.record FOR EACH ROW EXECUTE FUNCTION raw.record_insert();

ALTER TABLE ONLY agg.analytics_batch
    ADD CONSTRAINT analytics_batch_batch_id_fkey FOREIGN KEY (batch_id) REFERENCES raw.batch(batch_id) ON DELETE CASCADE;

ALTER TABLE ONLY core."position"
    ADD CONSTRAINT position_portfolio_data_version_fkey FOREIGN KEY (portfolio, data_version) REFERENCES core.portfolio(portfolio, data_version) ON DELETE CASCADE;

ALTER TABLE ONLY core.scenario_shock
    ADD CONSTRAINT scenario_shock_scenario_fkey FOREIGN KEY (scenario) REFERENCES core.scenario(scenario) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY ops.aggregate_batch
    ADD CONSTRAINT aggregate_batch_batch_id_fkey FOREIGN KEY (batch_id) REFERENCES raw.batch(batch_id) ON DELETE CASCADE;

ALTER TABLE ONLY ops.quality_check_batch
    ADD CONSTRAINT quality_check_batch_batch_id_fkey FOREIGN KEY (batch_id) REFERENCES raw.batch(batch_id) ON DELETE CASCADE;

ALTER TABLE ONLY ops.schema_check
    ADD CONSTRAINT schema_check_batch_id_fkey FOREIGN KEY (batch_id) REFERENCES raw.batch(batch_id) ON DELETE CASCADE;

ALTER TABLE ONLY ops.task_run
    ADD CONSTRAINT task_run_parent_run_id_fkey FOREIGN KEY (parent_run_id) REFERENCES ops.task_run(task_run_id) ON DELETE CASCADE;

ALTER TABLE ONLY ops.transform_batch
    ADD CONSTRAINT transform_batch_batch_id_fkey FOREIGN KEY (batch_id) REFERENCES raw.batch(batch_id) ON DELETE CASCADE;

ALTER TABLE ONLY ops.transform_batch
    ADD CONSTRAINT transform_batch_transform_run_id_fkey FOREIGN KEY (transform_run_id) REFERENCES ops.transform_run(transform_run_id);

ALTER TABLE ONLY raw.record_ref
    ADD CONSTRAINT record_ref_batch_id_fkey FOREIGN KEY (batch_id) REFERENCES raw.batch(batch_id) ON DELETE CASCADE;

ALTER TABLE ONLY raw.record_ref
    ADD CONSTRAINT record_ref_ref_batch_id_fkey FOREIGN KEY (ref_batch_id) REFERENCES raw.batch(batch_id) ON DELETE CASCADE;

GRANT USAGE ON SCHEMA agg TO sra_transformer;

GRANT USAGE ON SCHEMA api TO sra_transformer;
GRANT USAGE ON SCHEMA api TO sra_reader;

GRANT USAGE ON SCHEMA core TO sra_transformer;

GRANT USAGE ON SCHEMA ops TO sra_loader;
GRANT USAGE ON SCHEMA ops TO sra_transformer;

GRANT USAGE ON SCHEMA parse_careful TO sra_transformer;

GRANT USAGE ON SCHEMA parse_fast TO sra_transformer;

GRANT USAGE ON SCHEMA raw TO sra_loader;
GRANT USAGE ON SCHEMA raw TO sra_transformer;

GRANT ALL ON FUNCTION agg.black_scholes(p_call boolean, p_s double precision, p_k double precision, p_t double precision, p_r double precision, p_sigma double precision) TO sra_transformer;

GRANT ALL ON FUNCTION agg.black_scholes_price(p_call boolean, p_s double precision, p_k double precision, p_t double precision, p_r double precision, p_sigma double precision) TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE agg.latest_company_metrics TO sra_transformer;

GRANT ALL ON FUNCTION agg.compute_latest_company_metrics(p_symbols text[]) TO sra_transformer;

GRANT ALL ON FUNCTION agg.history_flag(n bigint) TO sra_transformer;

GRANT ALL ON FUNCTION agg.mark_refreshed(p_aggregate text, p_transforms text[], p_batches bigint[], p_runs bigint[], p_buckets integer, p_full boolean, p_started timestamp with time zone) TO sra_transformer;

GRANT ALL ON FUNCTION agg.norm_cdf(x double precision) TO sra_transformer;

GRANT ALL ON FUNCTION agg.norm_pdf(x double precision) TO sra_transformer;

GRANT ALL ON FUNCTION agg.norm_tail(x double precision) TO sra_transformer;

GRANT ALL ON FUNCTION agg.pending_batches(p_aggregate text, p_target text) TO sra_transformer;

GRANT ALL ON FUNCTION agg.refresh(p_full boolean) TO sra_transformer;

GRANT ALL ON FUNCTION agg.refresh_analytics(p_full boolean) TO sra_transformer;

GRANT ALL ON FUNCTION agg.refresh_api_usage_minute(p_full boolean) TO sra_transformer;

GRANT ALL ON FUNCTION agg.refresh_equity_ohlcv(p_full boolean) TO sra_transformer;

GRANT ALL ON FUNCTION agg.refresh_factor_comovement(p_as_of date) TO sra_transformer;

GRANT ALL ON FUNCTION agg.refresh_fund_metrics() TO sra_transformer;

GRANT ALL ON FUNCTION agg.refresh_fund_nav_monthly(p_full boolean) TO sra_transformer;

GRANT ALL ON FUNCTION agg.refresh_latest_company_metrics(p_full boolean) TO sra_transformer;

GRANT ALL ON FUNCTION agg.refresh_portfolio_history(p_as_of date, p_from date) TO sra_transformer;

GRANT ALL ON FUNCTION agg.refresh_position_analytics(p_as_of date, p_rate double precision) TO sra_transformer;

GRANT ALL ON FUNCTION agg.refresh_position_correlation(p_as_of date) TO sra_transformer;

GRANT ALL ON FUNCTION agg.refresh_security_search(p_full boolean) TO sra_transformer;

GRANT ALL ON FUNCTION agg.refresh_security_search_words() TO sra_transformer;

GRANT ALL ON FUNCTION agg.solve_linear(a double precision[], b double precision[]) TO sra_transformer;

GRANT ALL ON FUNCTION agg.volatility_63d(n bigint, s1 double precision, s2 double precision) TO sra_transformer;

REVOKE ALL ON FUNCTION api.search_securities(q text, lim integer) FROM PUBLIC;
GRANT ALL ON FUNCTION api.search_securities(q text, lim integer) TO sra_reader;
GRANT ALL ON FUNCTION api.search_securities(q text, lim integer) TO sra_transformer;

GRANT ALL ON FUNCTION core.array_part(p jsonb) TO sra_transformer;

GRANT ALL ON FUNCTION core.as_of_sql(p_as_of text[]) TO sra_transformer;

GRANT ALL ON FUNCTION core.build_exchange_calendar(p_exchange text, p_from date, p_to date) TO sra_transformer;

GRANT ALL ON FUNCTION core.clean_text(v text) TO sra_transformer;

REVOKE ALL ON FUNCTION core.create_date_partitions(p_table regclass, p_years integer[]) FROM PUBLIC;
GRANT ALL ON FUNCTION core.create_date_partitions(p_table regclass, p_years integer[]) TO sra_transformer;

GRANT ALL ON FUNCTION core.create_latest_view(p_table regclass) TO sra_transformer;

REVOKE ALL ON FUNCTION core.create_partitions_ahead() FROM PUBLIC;
GRANT ALL ON FUNCTION core.create_partitions_ahead() TO sra_transformer;

GRANT ALL ON FUNCTION core.current_upsert_sql(p_current text, p_keys text[], p_select text, p_new_keys boolean) TO sra_transformer;

GRANT ALL ON FUNCTION core.date_partition_name(p_table regclass, p_year integer) TO sra_transformer;

REVOKE ALL ON FUNCTION core.drop_date_partitions_before(p_table regclass, p_before_year integer) FROM PUBLIC;
GRANT ALL ON FUNCTION core.drop_date_partitions_before(p_table regclass, p_before_year integer) TO sra_transformer;

GRANT ALL ON FUNCTION core.easter_sunday(p_year integer) TO sra_transformer;

GRANT ALL ON FUNCTION core.equity_return_anchor(p_symbol text, p_anchor date, p_last date) TO sra_transformer;

GRANT ALL ON FUNCTION core.exchange_calendar_check(p_exchange text, p_from date, p_to date) TO sra_transformer;

GRANT ALL ON FUNCTION core.exchange_calendar_number() TO sra_transformer;

GRANT ALL ON FUNCTION core.explode_arrays(p jsonb) TO sra_transformer;

GRANT ALL ON FUNCTION core.explode_for(p_format text, p jsonb) TO sra_transformer;

GRANT ALL ON FUNCTION core.fmp_corporate_action_checks(p_transform text) TO sra_transformer;

GRANT ALL ON FUNCTION core.fmp_dividend_fields() TO sra_transformer;

GRANT ALL ON FUNCTION core.fmp_docs(p_shape text) TO sra_transformer;

GRANT ALL ON FUNCTION core.fmp_identifier(v text) TO sra_transformer;

GRANT ALL ON FUNCTION core.fmp_keep_remainder(p_transform text, p_fields text[]) TO sra_transformer;

GRANT ALL ON FUNCTION core.fmp_mark_unlisted(p_target text, p_parent text, p_child text, p_as_of text[]) TO sra_transformer;

GRANT ALL ON FUNCTION core.fmp_price_checks(p_transform text, p_target text) TO sra_transformer;

GRANT ALL ON FUNCTION core.fmp_split_fields() TO sra_transformer;

GRANT ALL ON FUNCTION core.fmp_transform_corporate_actions(p_transform text, p_target text, p_batches bigint[], p_fields text[]) TO sra_transformer;

GRANT ALL ON FUNCTION core.fmp_transform_documents(p_transform text, p_target text, p_batches bigint[], p_fields text[], p_keys text[], p_as_of text[]) TO sra_transformer;

GRANT ALL ON FUNCTION core.fmp_transform_peers(p_transform text, p_target text, p_batches bigint[]) TO sra_transformer;

GRANT ALL ON FUNCTION core.fmp_transform_prices(p_transform text, p_target text, p_batches bigint[]) TO sra_transformer;

GRANT ALL ON FUNCTION core.fmp_zero_means_unknown(p_transform text, p_columns text[]) TO sra_transformer;

GRANT ALL ON FUNCTION core.fundata_api_write(p_transform text, p_target text, p_keys text[], p_as_of text[]) TO sra_transformer;

GRANT ALL ON FUNCTION core.has_arrays(p jsonb) TO sra_transformer;

GRANT ALL ON FUNCTION core.is_blank(v text) TO sra_transformer;

GRANT ALL ON FUNCTION core.is_data_error(p_sqlstate text) TO sra_transformer;

GRANT ALL ON FUNCTION core.is_session(p_exchange text, p_date date) TO sra_transformer;

GRANT ALL ON FUNCTION core.landed(p_batches bigint[]) TO sra_transformer;

GRANT ALL ON FUNCTION core.landed_lines(p_batches bigint[]) TO sra_transformer;

GRANT ALL ON FUNCTION core.last_completed_session(p_exchange text, p_at timestamp with time zone) TO sra_transformer;

GRANT ALL ON FUNCTION core.max_key_bytes() TO sra_transformer;

GRANT ALL ON FUNCTION core.newest_day_upsert_sql(p_table text, p_key text, p_cols text[]) TO sra_transformer;

GRANT ALL ON FUNCTION core.number_issue(v text, max_abs numeric) TO sra_transformer;

GRANT ALL ON FUNCTION core.nyse_rule_days(p_from_year integer, p_to_year integer) TO sra_transformer;

GRANT ALL ON FUNCTION core.parse_bigint(v text) TO sra_transformer;

GRANT ALL ON FUNCTION core.parse_boolean(v text) TO sra_transformer;

GRANT ALL ON FUNCTION core.parse_date(v text) TO sra_transformer;

GRANT ALL ON FUNCTION core.parse_date_slow(v text) TO sra_transformer;

GRANT ALL ON FUNCTION core.parse_decimal(v text) TO sra_transformer;

GRANT ALL ON FUNCTION core.parse_decimal_slow(v text) TO sra_transformer;

GRANT ALL ON FUNCTION core.parse_timestamptz_new_york(v text) TO sra_transformer;

GRANT ALL ON FUNCTION core.parse_timestamptz_slow(v text) TO sra_transformer;

GRANT ALL ON FUNCTION core.partition_by_date(p_table regclass, p_column text) TO sra_transformer;

GRANT ALL ON FUNCTION core.raw_document(p_payload jsonb, p_elem integer) TO sra_transformer;

GRANT ALL ON FUNCTION core.register_instruments(p_keys text[], p_flag text) TO sra_transformer;

GRANT ALL ON FUNCTION core.round_dec12_2(n numeric) TO sra_transformer;

GRANT ALL ON FUNCTION core.scalars(p jsonb) TO sra_transformer;

GRANT ALL ON FUNCTION core.sessions_between(p_exchange text, p_from date, p_to date) TO sra_transformer;

GRANT ALL ON FUNCTION core.stage(p_transform text, p_batches bigint[], p_fields text[], p_docs text) TO sra_transformer;

GRANT ALL ON FUNCTION core.stage_fields(p_fields text[], p_present text[], p_header text[]) TO sra_transformer;

GRANT ALL ON FUNCTION core.stage_row_ok_sql(p_fields text[]) TO sra_transformer;

GRANT ALL ON FUNCTION core.stage_sql(p_fields text[], p_docs text, p_present text[], p_header text[]) TO sra_transformer;

GRANT ALL ON FUNCTION core.staged_record(p_batch_id bigint, p_line integer, p_payload jsonb) TO sra_transformer;

GRANT ALL ON FUNCTION core.to_dec12_2(v text) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_equity_balance(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_equity_balance_growth(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_equity_cash_flow(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_equity_cashflow_growth(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_equity_dividend(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_equity_financial_growth(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_equity_financial_scores(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_equity_income(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_equity_income_growth(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_equity_key_metrics(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_equity_peers(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_equity_profile(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_equity_quotes(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_equity_ratios(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_equity_split(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_etfs_country_weightings(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_etfs_dividend(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_etfs_holdings(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_etfs_peers(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_etfs_profile(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_etfs_quotes(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_etfs_split(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_fundata_advanced_performance(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_fundata_allocations(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_fundata_assets(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_fundata_associated_benchmarks(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_fundata_data(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_fundata_distributions(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_fundata_equity_style(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_fundata_expenses(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_fundata_fixed_income_style(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_fundata_instrument_identifiers(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_fundata_loads(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_fundata_other_fees(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_fundata_performance_summary(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_fundata_quotes(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_fundata_top_holdings(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_fundata_trailer_schedules(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_fundata_yearly_performance(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_fundata_yearly_performance_ranking(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_fundata_yearly_performance_risk(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_market_and_sector_quotes(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_positions(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.transform_treasury(p_batches bigint[], p_run_id bigint) TO sra_transformer;

GRANT ALL ON FUNCTION core.version_columns_sql(p_has_elem boolean) TO sra_transformer;

GRANT ALL ON FUNCTION core.version_key(p_table regclass) TO sra_transformer;

GRANT ALL ON FUNCTION core.word_deletions(p_word text) TO sra_transformer;

GRANT ALL ON FUNCTION core.write_versions(p_transform text, p_target text, p_keys text[], p_as_of text[]) TO sra_transformer;

GRANT ALL ON FUNCTION ops.accept_backfill_requests(p_ids bigint[], p_reason text) TO sra_transformer;

GRANT ALL ON FUNCTION ops.accept_schema_changes(p_dataset text, p_reason text, p_by text, p_fields text[]) TO sra_transformer;

REVOKE ALL ON FUNCTION ops.analytics_required_symbols(p_history_days integer) FROM PUBLIC;
GRANT ALL ON FUNCTION ops.analytics_required_symbols(p_history_days integer) TO sra_transformer;

GRANT ALL ON FUNCTION ops.apply_corrections(p_ids bigint[], p_by text, p_auto boolean) TO sra_transformer;

GRANT ALL ON FUNCTION ops.backfill_summary() TO sra_transformer;

GRANT ALL ON FUNCTION ops.cadence_label(p_sessions integer) TO sra_transformer;

GRANT ALL ON FUNCTION ops.calendar_horizon(p_today date) TO sra_transformer;

GRANT ALL ON FUNCTION ops.check_batch(p_batch bigint, p_dataset text, p_docs text) TO sra_transformer;

GRANT ALL ON FUNCTION ops.check_quality() TO sra_transformer;

GRANT ALL ON FUNCTION ops.check_schema(p_datasets text[]) TO sra_transformer;

GRANT ALL ON FUNCTION ops.class_fits(p_expected text, p_kind text, p_observed text) TO sra_transformer;

GRANT ALL ON FUNCTION ops.correction_current(p_table text, p_key jsonb, p_column text) TO sra_transformer;

GRANT ALL ON FUNCTION ops.cron_hours(p_schedule text) TO sra_transformer;

GRANT ALL ON FUNCTION ops.detect_gaps(p_as_of date, p_full boolean) TO sra_transformer;

GRANT ALL ON FUNCTION ops.ensure_schema_policies(p_datasets text[]) TO sra_transformer;

REVOKE ALL ON FUNCTION ops.fmp_analytics_from(p_to date, p_sessions integer) FROM PUBLIC;
GRANT ALL ON FUNCTION ops.fmp_analytics_from(p_to date, p_sessions integer) TO sra_transformer;
GRANT ALL ON FUNCTION ops.fmp_analytics_from(p_to date, p_sessions integer) TO sra_loader;

REVOKE ALL ON FUNCTION ops.fmp_analytics_symbols() FROM PUBLIC;
GRANT ALL ON FUNCTION ops.fmp_analytics_symbols() TO sra_transformer;
GRANT ALL ON FUNCTION ops.fmp_analytics_symbols() TO sra_loader;

REVOKE ALL ON FUNCTION ops.fundata_api_fromdate(p_datasets text[], p_field text) FROM PUBLIC;
GRANT ALL ON FUNCTION ops.fundata_api_fromdate(p_datasets text[], p_field text) TO sra_loader;

REVOKE ALL ON FUNCTION ops.install_cron_jobs() FROM PUBLIC;

REVOKE ALL ON FUNCTION ops.invalidate_api_usage() FROM PUBLIC;

REVOKE ALL ON FUNCTION ops.is_stale(p_kind text, p_key text, p_date date, p_last_session date) FROM PUBLIC;
GRANT ALL ON FUNCTION ops.is_stale(p_kind text, p_key text, p_date date, p_last_session date) TO sra_transformer;
GRANT ALL ON FUNCTION ops.is_stale(p_kind text, p_key text, p_date date, p_last_session date) TO sra_reader;

REVOKE ALL ON FUNCTION ops.last_session() FROM PUBLIC;
GRANT ALL ON FUNCTION ops.last_session() TO sra_transformer;
GRANT ALL ON FUNCTION ops.last_session() TO sra_reader;

GRANT ALL ON FUNCTION ops.learn_stage_fields(p_names text[]) TO sra_transformer;

GRANT ALL ON FUNCTION ops.market_closure_apply() TO sra_transformer;

GRANT ALL ON FUNCTION ops.market_closure_apply_delete() TO sra_transformer;

GRANT ALL ON FUNCTION ops.market_closure_apply_insert() TO sra_transformer;

GRANT ALL ON FUNCTION ops.metric_key_columns(p_table text) TO sra_transformer;

GRANT ALL ON FUNCTION ops.metric_key_match(p_table text, p_alias text, p_param text) TO sra_transformer;

GRANT ALL ON FUNCTION ops.metric_value_in_unit(p_table text) TO sra_transformer;

GRANT ALL ON FUNCTION ops.new_york_close_due(p_at timestamp with time zone, p_local time without time zone) TO sra_transformer;

GRANT ALL ON FUNCTION ops.note_stage_fields(p_transform text, p_fields text[], p_docs text) TO sra_transformer;

GRANT ALL ON FUNCTION ops.pending_batches(p_name text) TO sra_transformer;

GRANT ALL ON FUNCTION ops.rebuild_transform(p_name text) TO sra_transformer;

GRANT ALL ON FUNCTION ops.record_batch_failure(p_name text, p_batch bigint, p_sqlstate text, p_message text, p_detail text, p_context text) TO sra_transformer;

GRANT ALL ON FUNCTION ops.reject_corrections(p_ids bigint[], p_by text) TO sra_transformer;

GRANT ALL ON FUNCTION ops.reject_schema_changes(p_dataset text, p_reason text, p_by text, p_fields text[]) TO sra_transformer;

GRANT ALL ON FUNCTION ops.replay_corrections(p_table text) TO sra_transformer;

GRANT ALL ON FUNCTION ops.retry_failed_batches(p_batches bigint[], p_names text[]) TO sra_transformer;

GRANT ALL ON FUNCTION ops.rollback_correction(p_id bigint, p_by text) TO sra_transformer;

GRANT ALL ON FUNCTION ops.run_maintenance() TO sra_transformer;

GRANT ALL ON FUNCTION ops.run_retention() TO sra_transformer;

GRANT ALL ON FUNCTION ops.run_transform(p_name text, p_wait boolean) TO sra_transformer;

GRANT ALL ON FUNCTION ops.run_transforms(p_wait boolean) TO sra_transformer;

GRANT ALL ON FUNCTION ops.schedule_clashes() TO sra_transformer;

REVOKE ALL ON FUNCTION ops.sessions_behind(p_date date, p_last_session date) FROM PUBLIC;
GRANT ALL ON FUNCTION ops.sessions_behind(p_date date, p_last_session date) TO sra_transformer;
GRANT ALL ON FUNCTION ops.sessions_behind(p_date date, p_last_session date) TO sra_reader;

GRANT ALL ON FUNCTION ops.set_schema_policy(p_dataset text, p_policy text, p_reason text, p_by text) TO sra_transformer;

GRANT ALL ON FUNCTION ops.settle_backfill(p_task_run_ids bigint[]) TO sra_transformer;

GRANT ALL ON FUNCTION ops.stage_aliases(p_transform text, p_fields text[]) TO sra_transformer;

REVOKE ALL ON FUNCTION ops.stale_allowed_sessions(p_kind text, p_cadence_sessions integer) FROM PUBLIC;
GRANT ALL ON FUNCTION ops.stale_allowed_sessions(p_kind text, p_cadence_sessions integer) TO sra_transformer;
GRANT ALL ON FUNCTION ops.stale_allowed_sessions(p_kind text, p_cadence_sessions integer) TO sra_reader;

REVOKE ALL ON FUNCTION ops.stale_cutoff(p_kind text, p_cadence_sessions integer, p_last_session date) FROM PUBLIC;
GRANT ALL ON FUNCTION ops.stale_cutoff(p_kind text, p_cadence_sessions integer, p_last_session date) TO sra_transformer;
GRANT ALL ON FUNCTION ops.stale_cutoff(p_kind text, p_cadence_sessions integer, p_last_session date) TO sra_reader;

GRANT ALL ON FUNCTION ops.type_class(p_kind text) TO sra_transformer;

GRANT ALL ON FUNCTION ops.unit_factor(p_table text, p_column text, p_as_of timestamp with time zone) TO sra_transformer;

GRANT ALL ON FUNCTION ops.value_class(v jsonb) TO sra_transformer;

GRANT ALL ON FUNCTION ops.value_number(v jsonb) TO sra_transformer;

GRANT ALL ON FUNCTION ops.write_corrected_version(p_table text, p_key jsonb, p_from integer, p_column text, p_value numeric, p_correction bigint) TO sra_transformer;

GRANT ALL ON FUNCTION parse_careful.day(v text) TO sra_transformer;

GRANT ALL ON FUNCTION parse_careful.dec12_2(v text) TO sra_transformer;

GRANT ALL ON FUNCTION parse_careful.intg(v text) TO sra_transformer;

GRANT ALL ON FUNCTION parse_careful.num(v text) TO sra_transformer;

GRANT ALL ON FUNCTION parse_careful.pct(v text) TO sra_transformer;

GRANT ALL ON FUNCTION parse_careful.ts(v text) TO sra_transformer;

GRANT ALL ON FUNCTION parse_careful.ts_new_york(v text) TO sra_transformer;

GRANT ALL ON FUNCTION parse_fast.day(v text) TO sra_transformer;

GRANT ALL ON FUNCTION parse_fast.dec12_2(v text) TO sra_transformer;

GRANT ALL ON FUNCTION parse_fast.intg(v text) TO sra_transformer;

GRANT ALL ON FUNCTION parse_fast.num(v text) TO sra_transformer;

GRANT ALL ON FUNCTION parse_fast.pct(v text) TO sra_transformer;

GRANT ALL ON FUNCTION parse_fast.ts(v text) TO sra_transformer;

REVOKE ALL ON FUNCTION raw.land_referencing(p_batch_id bigint, p_ref_batch_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION raw.land_referencing(p_batch_id bigint, p_ref_batch_id bigint) TO sra_loader;

REVOKE ALL ON FUNCTION raw.refresh_statistics() FROM PUBLIC;
GRANT ALL ON FUNCTION raw.refresh_statistics() TO sra_loader;
GRANT ALL ON FUNCTION raw.refresh_statistics() TO sra_transformer;

GRANT ALL ON FUNCTION core.product(double precision) TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE agg.analytics_batch TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_quotes TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_quotes TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE agg.analytics_price_input TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE agg.analytics_state TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE agg.api_usage_minute TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE agg.equity_ohlcv_monthly TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE agg.equity_ohlcv_weekly TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE agg.factor_comovement TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE agg.factor_exposure TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE agg.fund_metrics TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE agg.fund_nav_monthly TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE agg.portfolio_history TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE agg.position_analytics TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE agg.position_correlation TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE agg.security_metrics TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE agg.security_price TO sra_transformer;

GRANT SELECT ON TABLE api.api_usage_minute TO sra_transformer;
GRANT SELECT ON TABLE api.api_usage_minute TO sra_reader;

GRANT SELECT,INSERT ON TABLE ops.quality_score TO sra_transformer;

GRANT SELECT,INSERT,UPDATE ON TABLE raw.batch TO sra_loader;
GRANT SELECT ON TABLE raw.batch TO sra_transformer;

GRANT SELECT ON TABLE api.data_quality TO sra_transformer;
GRANT SELECT ON TABLE api.data_quality TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_dividend TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_dividend_current TO sra_transformer;

GRANT INSERT ON TABLE raw.stored_record TO sra_loader;
GRANT SELECT ON TABLE raw.stored_record TO sra_transformer;

GRANT SELECT ON TABLE raw.record TO sra_transformer;
GRANT INSERT ON TABLE raw.record TO sra_loader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_dividend_latest TO sra_transformer;

GRANT SELECT ON TABLE api.equity_dividend TO sra_transformer;
GRANT SELECT ON TABLE api.equity_dividend TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_financial_scores TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_financial_scores_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_financial_scores_latest TO sra_transformer;

GRANT SELECT ON TABLE api.equity_financial_scores TO sra_transformer;
GRANT SELECT ON TABLE api.equity_financial_scores TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_balance TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_balance_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_balance_latest TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_cash_flow TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_cash_flow_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_cash_flow_latest TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_income TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_income_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_income_latest TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_key_metrics TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_key_metrics_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_key_metrics_latest TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_ratios TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_ratios_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_ratios_latest TO sra_transformer;

GRANT SELECT ON TABLE api.equity_fundamentals TO sra_transformer;
GRANT SELECT ON TABLE api.equity_fundamentals TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_balance_growth TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_balance_growth_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_balance_growth_latest TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_cashflow_growth TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_cashflow_growth_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_cashflow_growth_latest TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_financial_growth TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_financial_growth_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_financial_growth_latest TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_income_growth TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_income_growth_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_income_growth_latest TO sra_transformer;

GRANT SELECT ON TABLE api.equity_growth TO sra_transformer;
GRANT SELECT ON TABLE api.equity_growth TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_quotes_current_date TO sra_transformer;

GRANT SELECT ON TABLE api.equity_latest_price TO sra_transformer;
GRANT SELECT ON TABLE api.equity_latest_price TO sra_reader;

GRANT SELECT ON TABLE api.equity_ohlcv_monthly TO sra_transformer;
GRANT SELECT ON TABLE api.equity_ohlcv_monthly TO sra_reader;

GRANT SELECT ON TABLE api.equity_ohlcv_weekly TO sra_transformer;
GRANT SELECT ON TABLE api.equity_ohlcv_weekly TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_peers TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_peers_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_peers_latest TO sra_transformer;

GRANT SELECT ON TABLE api.equity_peers TO sra_transformer;
GRANT SELECT ON TABLE api.equity_peers TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_quotes_current TO sra_transformer;

GRANT SELECT ON TABLE api.equity_price TO sra_transformer;
GRANT SELECT ON TABLE api.equity_price TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_quotes_latest TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_split TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_split_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_split_latest TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_dividend TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_dividend_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_dividend_latest TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_quotes_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_quotes_latest TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_split TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_split_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_split_latest TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.price_adjustment_event TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.total_return_price TO sra_transformer;

GRANT SELECT ON TABLE api.equity_price_adjusted TO sra_transformer;
GRANT SELECT ON TABLE api.equity_price_adjusted TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_profile TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_profile_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_profile_latest TO sra_transformer;

GRANT SELECT ON TABLE api.equity_profile TO sra_transformer;
GRANT SELECT ON TABLE api.equity_profile TO sra_reader;

GRANT SELECT ON TABLE api.equity_split TO sra_transformer;
GRANT SELECT ON TABLE api.equity_split TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_country_weightings TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_country_weightings_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_country_weightings_latest TO sra_transformer;

GRANT SELECT ON TABLE api.etf_country_weighting TO sra_transformer;
GRANT SELECT ON TABLE api.etf_country_weighting TO sra_reader;

GRANT SELECT ON TABLE api.etf_dividend TO sra_transformer;
GRANT SELECT ON TABLE api.etf_dividend TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_holdings TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_holdings_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_holdings_latest TO sra_transformer;

GRANT SELECT ON TABLE api.etf_holding TO sra_transformer;
GRANT SELECT ON TABLE api.etf_holding TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_quotes_current_date TO sra_transformer;

GRANT SELECT ON TABLE api.etf_latest_price TO sra_transformer;
GRANT SELECT ON TABLE api.etf_latest_price TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_peers TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_peers_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_peers_latest TO sra_transformer;

GRANT SELECT ON TABLE api.etf_peers TO sra_transformer;
GRANT SELECT ON TABLE api.etf_peers TO sra_reader;

GRANT SELECT ON TABLE api.etf_price TO sra_transformer;
GRANT SELECT ON TABLE api.etf_price TO sra_reader;

GRANT SELECT ON TABLE api.etf_price_adjusted TO sra_transformer;
GRANT SELECT ON TABLE api.etf_price_adjusted TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_profile TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_profile_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_profile_latest TO sra_transformer;

GRANT SELECT ON TABLE api.etf_profile TO sra_transformer;
GRANT SELECT ON TABLE api.etf_profile TO sra_reader;

GRANT SELECT ON TABLE api.etf_sector_weighting TO sra_transformer;
GRANT SELECT ON TABLE api.etf_sector_weighting TO sra_reader;

GRANT SELECT ON TABLE api.etf_split TO sra_transformer;
GRANT SELECT ON TABLE api.etf_split TO sra_reader;

GRANT SELECT ON TABLE api.factor_exposure TO sra_transformer;
GRANT SELECT ON TABLE api.factor_exposure TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_data TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_data_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_data_latest TO sra_transformer;

GRANT SELECT ON TABLE api.fund TO sra_transformer;
GRANT SELECT ON TABLE api.fund TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_advanced_performance TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_advanced_performance_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_advanced_performance_latest TO sra_transformer;

GRANT SELECT ON TABLE api.fund_advanced_performance TO sra_transformer;
GRANT SELECT ON TABLE api.fund_advanced_performance TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_allocations TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_allocations_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_allocations_latest TO sra_transformer;

GRANT SELECT ON TABLE api.fund_allocations TO sra_transformer;
GRANT SELECT ON TABLE api.fund_allocations TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_assets TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_assets_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_assets_latest TO sra_transformer;

GRANT SELECT ON TABLE api.fund_assets TO sra_transformer;
GRANT SELECT ON TABLE api.fund_assets TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_associated_benchmarks TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_associated_benchmarks_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_associated_benchmarks_latest TO sra_transformer;

GRANT SELECT ON TABLE api.fund_associated_benchmark TO sra_transformer;
GRANT SELECT ON TABLE api.fund_associated_benchmark TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_distributions TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_distributions_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_distributions_latest TO sra_transformer;

GRANT SELECT ON TABLE api.fund_distributions TO sra_transformer;
GRANT SELECT ON TABLE api.fund_distributions TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_equity_style TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_equity_style_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_equity_style_latest TO sra_transformer;

GRANT SELECT ON TABLE api.fund_equity_style TO sra_transformer;
GRANT SELECT ON TABLE api.fund_equity_style TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_expenses TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_expenses_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_expenses_latest TO sra_transformer;

GRANT SELECT ON TABLE api.fund_expenses TO sra_transformer;
GRANT SELECT ON TABLE api.fund_expenses TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_fixed_income_style TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_fixed_income_style_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_fixed_income_style_latest TO sra_transformer;

GRANT SELECT ON TABLE api.fund_fixed_income_style TO sra_transformer;
GRANT SELECT ON TABLE api.fund_fixed_income_style TO sra_reader;

GRANT SELECT ON TABLE api.fund_history TO sra_transformer;
GRANT SELECT ON TABLE api.fund_history TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_quotes_current_date TO sra_transformer;

GRANT SELECT ON TABLE api.fund_latest_nav TO sra_transformer;
GRANT SELECT ON TABLE api.fund_latest_nav TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_loads TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_loads_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_loads_latest TO sra_transformer;

GRANT SELECT ON TABLE api.fund_load TO sra_transformer;
GRANT SELECT ON TABLE api.fund_load TO sra_reader;

GRANT SELECT ON TABLE api.fund_metrics TO sra_transformer;
GRANT SELECT ON TABLE api.fund_metrics TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_quotes TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_quotes_current TO sra_transformer;

GRANT SELECT ON TABLE api.fund_nav TO sra_transformer;
GRANT SELECT ON TABLE api.fund_nav TO sra_reader;

GRANT SELECT ON TABLE api.fund_nav_monthly TO sra_transformer;
GRANT SELECT ON TABLE api.fund_nav_monthly TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_other_fees TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_other_fees_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_other_fees_latest TO sra_transformer;

GRANT SELECT ON TABLE api.fund_other_fees TO sra_transformer;
GRANT SELECT ON TABLE api.fund_other_fees TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_performance_summary TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_performance_summary_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_performance_summary_latest TO sra_transformer;

GRANT SELECT ON TABLE api.fund_performance TO sra_transformer;
GRANT SELECT ON TABLE api.fund_performance TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_top_holdings TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_top_holdings_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_top_holdings_latest TO sra_transformer;

GRANT SELECT ON TABLE api.fund_top_holdings TO sra_transformer;
GRANT SELECT ON TABLE api.fund_top_holdings TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_trailer_schedules TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_trailer_schedules_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_trailer_schedules_latest TO sra_transformer;

GRANT SELECT ON TABLE api.fund_trailer_schedule TO sra_transformer;
GRANT SELECT ON TABLE api.fund_trailer_schedule TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_yearly_performance TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_yearly_performance_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_yearly_performance_latest TO sra_transformer;

GRANT SELECT ON TABLE api.fund_yearly_performance TO sra_transformer;
GRANT SELECT ON TABLE api.fund_yearly_performance TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_yearly_performance_ranking TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_yearly_performance_ranking_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_yearly_performance_ranking_latest TO sra_transformer;

GRANT SELECT ON TABLE api.fund_yearly_performance_ranking TO sra_transformer;
GRANT SELECT ON TABLE api.fund_yearly_performance_ranking TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_yearly_performance_risk TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_yearly_performance_risk_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_yearly_performance_risk_latest TO sra_transformer;

GRANT SELECT ON TABLE api.fund_yearly_performance_risk TO sra_transformer;
GRANT SELECT ON TABLE api.fund_yearly_performance_risk TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_instrument_identifiers TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_instrument_identifiers_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_instrument_identifiers_latest TO sra_transformer;

GRANT SELECT ON TABLE api.instrument_identifiers TO sra_transformer;
GRANT SELECT ON TABLE api.instrument_identifiers TO sra_reader;

GRANT SELECT ON TABLE api.latest_company_metrics TO sra_transformer;
GRANT SELECT ON TABLE api.latest_company_metrics TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.market_and_sector_quotes TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.market_and_sector_quotes_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.market_and_sector_quotes_latest TO sra_transformer;

GRANT SELECT ON TABLE api.market_quote TO sra_transformer;
GRANT SELECT ON TABLE api.market_quote TO sra_reader;

GRANT SELECT ON TABLE api.portfolio_exposure_by_tag TO sra_transformer;
GRANT SELECT ON TABLE api.portfolio_exposure_by_tag TO sra_reader;

GRANT SELECT ON TABLE api.portfolio_exposure_by_underlying TO sra_transformer;
GRANT SELECT ON TABLE api.portfolio_exposure_by_underlying TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.factor TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.portfolio TO sra_transformer;

GRANT SELECT ON TABLE api.portfolio_factor_exposure TO sra_transformer;
GRANT SELECT ON TABLE api.portfolio_factor_exposure TO sra_reader;

GRANT SELECT ON TABLE api.portfolio_history TO sra_transformer;
GRANT SELECT ON TABLE api.portfolio_history TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.scenario TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.scenario_shock TO sra_transformer;

GRANT SELECT ON TABLE api.portfolio_scenario TO sra_transformer;
GRANT SELECT ON TABLE api.portfolio_scenario TO sra_reader;

GRANT SELECT ON TABLE api.portfolio_summary TO sra_transformer;
GRANT SELECT ON TABLE api.portfolio_summary TO sra_reader;

GRANT SELECT ON TABLE api.position_analytics TO sra_transformer;
GRANT SELECT ON TABLE api.position_analytics TO sra_reader;

GRANT SELECT ON TABLE api.position_correlation TO sra_transformer;
GRANT SELECT ON TABLE api.position_correlation TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ops.series_state TO sra_transformer;

GRANT SELECT ON TABLE api.security_freshness TO sra_transformer;
GRANT SELECT ON TABLE api.security_freshness TO sra_reader;

GRANT SELECT ON TABLE api.security_metrics TO sra_transformer;
GRANT SELECT ON TABLE api.security_metrics TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.exchange_calendar TO sra_transformer;

GRANT SELECT ON TABLE api.trading_calendar TO sra_transformer;
GRANT SELECT ON TABLE api.trading_calendar TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.treasury TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.treasury_current TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.treasury_latest TO sra_transformer;

GRANT SELECT ON TABLE api.treasury_rate TO sra_transformer;
GRANT SELECT ON TABLE api.treasury_rate TO sra_reader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_quotes_current_default TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_quotes_current_y2026 TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_quotes_current_y2027 TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_quotes_default TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_quotes_y2026 TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.equity_quotes_y2027 TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_quotes_current_default TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_quotes_current_y2026 TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_quotes_current_y2027 TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_quotes_default TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_quotes_y2026 TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.etfs_quotes_y2027 TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_quotes_current_default TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_quotes_current_y2026 TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_quotes_current_y2027 TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_quotes_default TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_quotes_latest TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_quotes_y2026 TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.fundata_quotes_y2027 TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.instrument TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core."position" TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.security_search TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.security_search_word TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.security_search_word_variant TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ops.aggregate_batch TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ops.aggregate_invalidation TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ops.aggregate_state TO sra_transformer;

GRANT SELECT,INSERT,UPDATE ON TABLE ops.backfill_request TO sra_transformer;

GRANT SELECT ON TABLE ops.batch_newest_date TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ops.quality_issue TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ops.quarantine TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ops.transform_batch TO sra_transformer;

GRANT SELECT ON TABLE ops.batch_quality TO sra_transformer;

GRANT SELECT,INSERT,UPDATE ON TABLE ops.correction TO sra_transformer;

GRANT SELECT ON TABLE ops.correction_rule TO sra_transformer;

GRANT SELECT,INSERT,UPDATE ON TABLE ops.schema_change TO sra_transformer;

GRANT SELECT,INSERT,UPDATE ON TABLE ops.stage_fields TO sra_transformer;

GRANT SELECT ON TABLE ops.transform_definition TO sra_transformer;

GRANT UPDATE(needs_rebuild) ON TABLE ops.transform_definition TO sra_transformer;

GRANT SELECT ON TABLE ops.dataset_field TO sra_transformer;
GRANT SELECT ON TABLE ops.dataset_field TO sra_loader;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ops.transform_batch_failure TO sra_transformer;

GRANT SELECT ON TABLE ops.failed_batch TO sra_transformer;

GRANT SELECT,INSERT,UPDATE ON TABLE ops.file_tracker TO sra_loader;

GRANT SELECT,INSERT ON TABLE ops.fmp_api_call TO sra_loader;
GRANT SELECT ON TABLE ops.fmp_api_call TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ops.fund_cadence TO sra_transformer;

GRANT SELECT ON TABLE ops.fund_cadence_override TO sra_transformer;

GRANT SELECT,INSERT,UPDATE ON TABLE ops.schema_policy TO sra_transformer;

GRANT SELECT ON TABLE ops.held_batch TO sra_transformer;
GRANT SELECT ON TABLE ops.held_batch TO sra_loader;

GRANT SELECT ON TABLE ops.market_closure TO sra_transformer;

GRANT SELECT ON TABLE ops.metric_range TO sra_transformer;

GRANT SELECT,INSERT,DELETE ON TABLE ops.quality_check_batch TO sra_transformer;

GRANT SELECT ON TABLE ops.scheduled_job TO sra_transformer;

GRANT SELECT,INSERT,UPDATE ON TABLE ops.schema_check TO sra_transformer;

GRANT SELECT ON TABLE ops.setting TO sra_transformer;

GRANT SELECT,INSERT,UPDATE ON TABLE ops.task_run TO sra_loader;
GRANT SELECT,INSERT,UPDATE ON TABLE ops.task_run TO sra_transformer;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ops.transform_run TO sra_transformer;

GRANT SELECT ON TABLE ops.unit_cutover TO sra_transformer;

GRANT SELECT ON TABLE raw.record_ref TO sra_transformer;

GRANT INSERT ON TABLE raw.rejected_row TO sra_loader;
GRANT SELECT ON TABLE raw.rejected_row TO sra_transformer;

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA agg GRANT USAGE ON SEQUENCES  TO sra_transformer;

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA agg GRANT ALL ON FUNCTIONS  TO sra_transformer;

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA agg GRANT SELECT,INSERT,DELETE,UPDATE ON TABLES  TO sra_transformer;

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA api GRANT SELECT ON TABLES  TO sra_transformer;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA api GRANT SELECT ON TABLES  TO sra_reader;

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA core GRANT USAGE ON SEQUENCES  TO sra_transformer;

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA core GRANT ALL ON FUNCTIONS  TO sra_transformer;

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA core GRANT SELECT,INSERT,DELETE,UPDATE ON TABLES  TO sra_transformer;

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA ops GRANT ALL ON FUNCTIONS  TO sra_transformer;

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA parse_careful GRANT ALL ON FUNCTIONS  TO sra_transformer;

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA parse_fast GRANT ALL ON FUNCTIONS  TO sra_transformer;

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA raw GRANT SELECT ON TABLES  TO sra_transformer;

