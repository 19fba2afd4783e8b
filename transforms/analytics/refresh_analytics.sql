-- definition: analytics.refresh
-- version: 1
-- The analytics build (docs/ANALYTICS.md): `select * from agg.refresh_analytics()`
-- recomputes, in one transaction and set-based, from the latest version of
-- every FMP daily price (core.equity_quotes, core.etfs_quotes), the treasury
-- curve (core.treasury) and the latest version of every portfolio
-- (core.portfolio, core.position):
--   agg.security_price     price, daily return, 63-day volatility per day
--   agg.security_metrics   returns, volatilities, SMAs, range, drawdown,
--                          CAPM market beta, interest-rate beta
--   agg.factor_exposure    the 7-factor OLS betas
--   agg.position_analytics each position valued, with its Greeks
--   agg.factor_comovement, agg.position_correlation, agg.portfolio_history
--   agg.fund_metrics       returns and volatility of Fundata NAVPS
-- Every table is recomputed whole except the portfolio history, which is
-- recomputed from the earliest date the batches consumed since the last
-- build touched (agg.analytics_batch); `agg.refresh_analytics(true)`
-- recomputes all of it. A refresh equals a rebuild from scratch
-- (tests/sql/analytics/incremental_equals_full.test.sql).

---------------------------------------------------------------------------
-- Solve the symmetric system a x = b (n x n, row-major in a flat array) by
-- Gauss-Jordan elimination with partial pivoting; NULL when singular.
---------------------------------------------------------------------------
create or replace function agg.solve_linear(a double precision[], b double precision[])
returns double precision[]
language plpgsql
immutable strict parallel safe
as $$
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

---------------------------------------------------------------------------
-- The history flag of a regression over n observations.
---------------------------------------------------------------------------
create or replace function agg.history_flag(n bigint)
returns text
language sql
immutable strict parallel safe
as $$
    select case when n < 60 then 'insufficient_history' when n < 252 then 'limited_history' else 'full_history' end
$$;

---------------------------------------------------------------------------
-- The build
---------------------------------------------------------------------------
drop function if exists agg.refresh_analytics();
create or replace function agg.refresh_analytics(p_full boolean default false)
returns table (as_of_date date, symbols integer, positions integer, history_from date, ms integer)
language plpgsql
as $$
declare
    v_started timestamptz := clock_timestamp();
    v_old_as_of date := (select st.as_of_date from agg.analytics_state as st);
    v_full boolean := p_full;
    v_from date;
    v_as_of date;
    v_rate double precision;
    v_symbols integer;
    v_positions integer;
    v_cov text;
    v_sql text;
    r record;
    v_a double precision[];
    v_b double precision[];
    v_x double precision[];
    v_r2 double precision;
begin
    perform pg_advisory_xact_lock(hashtext('sra.analytics'));
    perform set_config('work_mem', '256MB', true);

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

    ---------- prices: the latest version of each day, adjusted close else close
    drop table if exists _px;
    create temp table _px on commit drop as
    select q.symbol, q.date, q.price as close
    from (
        select distinct on (u.symbol, u.date) u.symbol, u.date, coalesce(u.adj_close, u.close) as price
        from (
            select e.symbol, e.date, e.adj_close, e.close, e.data_version, 1 as src from core.equity_quotes as e
            union all
            select f.symbol, f.date, f.adj_close, f.close, f.data_version, 2 from core.etfs_quotes as f
        ) as u
        order by u.symbol, u.date, u.src, u.data_version desc
    ) as q
    where q.price > 0;

    -- as_of_date: the latest date on which SPY has a price (any symbol's
    -- latest date when SPY has none)
    select coalesce(max(p.date) filter (where p.symbol = 'SPY'), max(p.date)) into v_as_of from _px as p;

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

    raise debug 'analytics: % done at % ms', 'prices', round(extract(epoch from clock_timestamp() - v_started) * 1000);
    ---------- agg.security_price
    delete from agg.security_price;
    insert into agg.security_price (symbol, date, close, daily_return, volatility_63d)
    select w.symbol, w.date, w.close, w.daily_return,
        case when count(w.daily_return) over v63 = 63 then stddev_samp(w.daily_return) over v63 * sqrt(252) end
    from (
        select p.symbol, p.date, p.close,
            p.close / lag(p.close) over (partition by p.symbol order by p.date) - 1 as daily_return
        from _px as p
        where p.date <= v_as_of
    ) as w
    window v63 as (partition by w.symbol order by w.date rows between 62 preceding and current row);

    raise debug 'analytics: % done at % ms', 'security_price', round(extract(epoch from clock_timestamp() - v_started) * 1000);
    ---------- agg.security_metrics
    delete from agg.security_metrics;
    insert into agg.security_metrics (symbol, as_of_date, last_date, close,
        return_1d, return_21d, return_63d, return_252d, return_ytd,
        volatility_21d, volatility_63d, volatility_252d, sma_20, sma_50, sma_200,
        high_52w, low_52w, max_drawdown_252d,
        market_beta, market_beta_r_squared, market_beta_n_obs, market_beta_flag,
        ir_beta, ir_beta_r_squared, ir_beta_n_obs, ir_beta_flag)
    with
    ranked as (
        select s.symbol, s.date, s.close, s.daily_return,
            row_number() over (partition by s.symbol order by s.date desc) as n
        from agg.security_price as s
    ),
    base as (
        select
            k.symbol,
            max(k.date) as last_date,
            max(k.close) filter (where k.n = 1) as close,
            max(k.close) filter (where k.n = 2) as close_1,
            max(k.close) filter (where k.n = 22) as close_21,
            max(k.close) filter (where k.n = 64) as close_63,
            max(k.close) filter (where k.n = 253) as close_252,
            (array_agg(k.close order by k.date desc) filter (where k.date < date_trunc('year', v_as_of)::date))[1] as close_prev_year,
            count(k.daily_return) filter (where k.n <= 21) as n_21,
            count(k.daily_return) filter (where k.n <= 63) as n_63,
            count(k.daily_return) filter (where k.n <= 252) as n_252,
            stddev_samp(k.daily_return order by k.date) filter (where k.n <= 21) as sd_21,
            stddev_samp(k.daily_return order by k.date) filter (where k.n <= 63) as sd_63,
            stddev_samp(k.daily_return order by k.date) filter (where k.n <= 252) as sd_252,
            avg(k.close order by k.date) filter (where k.n <= 20) as sma_20,
            avg(k.close order by k.date) filter (where k.n <= 50) as sma_50,
            avg(k.close order by k.date) filter (where k.n <= 200) as sma_200,
            max(k.close) filter (where k.n <= 252) as high_52w,
            min(k.close) filter (where k.n <= 252) as low_52w
        from ranked as k
        group by k.symbol
    ),
    drawdown as (
        select d.symbol, max(1 - d.close / d.peak) as max_drawdown
        from (
            select k.symbol, k.close,
                max(k.close) over (partition by k.symbol order by k.date rows between unbounded preceding and current row) as peak
            from ranked as k
            where k.n <= 252
        ) as d
        group by d.symbol
    ),
    market as (
        select m.symbol, regr_slope(m.y, m.x order by m.date) as beta, regr_r2(m.y, m.x order by m.date) as r2, count(*) as n_obs
        from (
            select s.symbol, s.date, s.daily_return as y, spy.daily_return as x,
                row_number() over (partition by s.symbol order by s.date desc) as n
            from agg.security_price as s
            join agg.security_price as spy on spy.symbol = 'SPY' and spy.date = s.date
            where s.daily_return is not null and spy.daily_return is not null
        ) as m
        where m.n <= 252
        group by m.symbol
    ),
    yield10 as (
        select y.date, y.year10 - lag(y.year10) over (order by y.date) as change
        from (
            select distinct on (c.date) c.date, c.year10::double precision as year10
            from core.treasury as c
            where c.date <= v_as_of
            order by c.date, c.data_version desc
        ) as y
        where y.year10 is not null
    ),
    rates as (
        select m.symbol, regr_slope(m.y, m.x order by m.date) as beta, regr_r2(m.y, m.x order by m.date) as r2, count(*) as n_obs
        from (
            select s.symbol, s.date, s.daily_return as y, t.change as x,
                row_number() over (partition by s.symbol order by s.date desc) as n
            from agg.security_price as s
            join yield10 as t on t.date = s.date
            where s.daily_return is not null and t.change is not null
        ) as m
        where m.n <= 252
        group by m.symbol
    )
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
        d.max_drawdown,
        case when coalesce(m.n_obs, 0) >= 60 then m.beta end,
        case when coalesce(m.n_obs, 0) >= 60 then m.r2 end,
        coalesce(m.n_obs, 0),
        agg.history_flag(coalesce(m.n_obs, 0)),
        case when coalesce(t.n_obs, 0) >= 60 then t.beta end,
        case when coalesce(t.n_obs, 0) >= 60 then t.r2 end,
        coalesce(t.n_obs, 0),
        agg.history_flag(coalesce(t.n_obs, 0))
    from base as b
    left join drawdown as d on d.symbol = b.symbol
    left join market as m on m.symbol = b.symbol
    left join rates as t on t.symbol = b.symbol;
    get diagnostics v_symbols = row_count;

    raise debug 'analytics: % done at % ms', 'security_metrics', round(extract(epoch from clock_timestamp() - v_started) * 1000);
    ---------- agg.factor_exposure: the centred normal equations of every
    ---------- symbol in one pass (covariances of the eight returns over the
    ---------- last 252 dates on which all eight exist), solved per symbol
    drop table if exists _fx;
    create temp table _fx on commit drop as
    select s.date,
        max(s.daily_return) filter (where f.factor_no = 1) as x1,
        max(s.daily_return) filter (where f.factor_no = 2) as x2,
        max(s.daily_return) filter (where f.factor_no = 3) as x3,
        max(s.daily_return) filter (where f.factor_no = 4) as x4,
        max(s.daily_return) filter (where f.factor_no = 5) as x5,
        max(s.daily_return) filter (where f.factor_no = 6) as x6,
        max(s.daily_return) filter (where f.factor_no = 7) as x7
    from agg.security_price as s
    join core.factor as f on f.factor_etf = s.symbol
    where s.daily_return is not null
    group by s.date
    having count(*) = 7;

    select string_agg(format('covar_pop(w.x%s, w.x%s order by w.date)', i, j), ', ' order by i, j) into v_cov
    from generate_series(1, 7) as i, generate_series(1, 7) as j;

    drop table if exists _fsys;
    v_sql := format(
        $q$
        create temp table _fsys on commit drop as
        select w.symbol, count(*) as n_obs, var_pop(w.y order by w.date) as var_y,
            array[%s] as a,
            array[covar_pop(w.y, w.x1 order by w.date), covar_pop(w.y, w.x2 order by w.date), covar_pop(w.y, w.x3 order by w.date), covar_pop(w.y, w.x4 order by w.date),
                covar_pop(w.y, w.x5 order by w.date), covar_pop(w.y, w.x6 order by w.date), covar_pop(w.y, w.x7 order by w.date)] as b
        from (
            select s.symbol, s.daily_return as y, x.*,
                row_number() over (partition by s.symbol order by s.date desc) as n
            from agg.security_price as s
            join _fx as x on x.date = s.date
            where s.daily_return is not null
        ) as w
        where w.n <= 252
        group by w.symbol
        $q$, v_cov);
    execute v_sql;

    delete from agg.factor_exposure;
    for r in select * from _fsys loop
        v_x := case when r.n_obs >= 60 then agg.solve_linear(r.a, r.b) end;
        v_r2 := null;
        if v_x is not null and r.var_y > 0 then
            select sum(v_x[i] * r.b[i]) / r.var_y into v_r2 from generate_series(1, 7) as i;
        end if;
        insert into agg.factor_exposure (symbol, factor, factor_etf, beta, beta_uncapped, r_squared, n_obs,
            quality_flag, capped, as_of_date)
        select r.symbol, f.factor, f.factor_etf,
            case when v_x[f.factor_no] is not null then greatest(-3, least(3, v_x[f.factor_no])) end,
            v_x[f.factor_no],
            v_r2,
            r.n_obs,
            case when r.n_obs >= 60 and v_x is null then 'singular' else agg.history_flag(r.n_obs) end,
            coalesce(abs(v_x[f.factor_no]) > 3, false),
            v_as_of
        from core.factor as f;
    end loop;

    raise debug 'analytics: % done at % ms', 'factor_exposure', round(extract(epoch from clock_timestamp() - v_started) * 1000);
    ---------- agg.position_analytics
    perform agg.refresh_position_analytics(v_as_of, v_rate);
    select count(*) into v_positions from agg.position_analytics;

    raise debug 'analytics: % done at % ms', 'position_analytics', round(extract(epoch from clock_timestamp() - v_started) * 1000);
    ---------- scenarios' factor co-movement, position correlations, history
    ---------- (transforms/analytics/portfolio_risk.sql)
    perform agg.refresh_factor_comovement(v_as_of);
    perform agg.refresh_position_correlation(v_as_of);
    -- The history of dates before the earliest date a new batch touched
    -- stands: recomputed from there (prices and curves carry forward, so a
    -- change on a date reaches every later date), or whole after a rebuild
    -- (a batch consumed again), a new portfolio version, or a first build.
    v_full := v_full or v_old_as_of is null
        or exists (select 1 from _pending as p where p.reconsumed or p.target = 'core.portfolio')
        or v_as_of < v_old_as_of;
    if not v_full then
        select least(v_old_as_of + 1, min(c.date)) into v_from
        from (
            select q.date from core.equity_quotes as q
            where q.batch_id in (select p.batch_id from _pending as p where p.target = 'core.equity_quotes')
            union all
            select q.date from core.etfs_quotes as q
            where q.batch_id in (select p.batch_id from _pending as p where p.target = 'core.etfs_quotes')
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
$$;
