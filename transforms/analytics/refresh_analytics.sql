-- definition: analytics.refresh
-- version: 2
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
-- What a refresh recomputes (the batches consumed since the last build:
-- agg.analytics_batch): the daily prices only from each symbol's first date
-- a new batch touched (at the latest the day after the last as-of date),
-- continuing the windows from the 63 rows kept before it; every symbol's
-- metrics and betas from its last 253 rows (a new day changes them all);
-- the positions on the as-of date; the portfolio history from the earliest
-- date new batches touched. A rebuilt transform (a batch consumed again), an
-- as-of date moving back, a first build or `agg.refresh_analytics(true)`
-- recompute everything. Every floating-point aggregate reads its rows in
-- date order (sorted subqueries, no parallel plans), so a refresh equals a
-- rebuild from scratch exactly (tests/sql/analytics/incremental_equals_full.test.sql).

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
-- The 63-day volatility from the count, sum and sum of squares of the daily
-- returns in the window (each the difference of two running sums, kept on
-- agg.security_price): the sample standard deviation (n - 1) × sqrt(252),
-- NULL with fewer than 63 returns.
---------------------------------------------------------------------------
create or replace function agg.volatility_63d(n bigint, s1 double precision, s2 double precision)
returns double precision
language sql
immutable parallel safe
as $$
    select case when n = 63 then sqrt(greatest((s2 - s1 * s1 / n) / (n - 1), 0)) * sqrt(252) end
$$;

---------------------------------------------------------------------------
-- The price input of the analytics, in one place: the latest version of each
-- symbol's daily price, the adjusted close else the close (so returns are
-- price returns on the vendor's adjusted close), the equity's row before the
-- ETF's when both have the day.
---------------------------------------------------------------------------
create or replace view agg.analytics_price_input as
select q.symbol, q.date, q.price as close
from (
    select distinct on (u.symbol, u.date) u.symbol, u.date, coalesce(u.adj_close, u.close)::double precision as price
    from (
        select e.symbol, e.date, e.adj_close, e.close, e.data_version, 1 as src from core.equity_quotes as e
        union all
        select f.symbol, f.date, f.adj_close, f.close, f.data_version, 2 from core.etfs_quotes as f
    ) as u
    order by u.symbol, u.date, u.src, u.data_version desc
) as q
where q.price > 0;
comment on view agg.analytics_price_input is
    'The analytics'' price input (docs/ANALYTICS.md): one row per symbol and date, the latest version''s adjusted close else its close.';
grant select on agg.analytics_price_input to sra_transformer;

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
    v_px_full boolean;
    v_from date;
    v_px_from date;
    v_as_of date;
    v_rate double precision;
    v_symbols integer;
    v_positions integer;
    v_cov text;
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
        insert into agg.security_price (symbol, date, close, daily_return, volatility_63d,
            return_count, return_sum, return_sq_sum)
        select z.symbol, z.date, z.close, z.daily_return, z.volatility_63d, z.n, z.s1, z.s2
        from (
            select c.symbol, c.date, c.close, c.daily_return,
                agg.volatility_63d(c.n - lag(c.n, 63, 0::bigint) over w, c.s1 - lag(c.s1, 63, 0::float8) over w,
                    c.s2 - lag(c.s2, 63, 0::float8) over w) as volatility_63d,
                c.n, c.s1, c.s2, c.fresh
            from (
                -- the running sums continued from the last row kept: its sums,
                -- then each fresh return added in date order (as a rebuild adds them)
                select r.symbol, r.date, r.close, r.daily_return, r.fresh,
                    case when r.fresh then sum(case when r.fresh then (r.daily_return is not null)::integer
                        when r.k = 1 then r.n end) over run else r.n end::bigint as n,
                    case when r.fresh then coalesce(sum(case when r.fresh then r.daily_return
                        when r.k = 1 then r.s1 end) over run, 0) else r.s1 end as s1,
                    case when r.fresh then coalesce(sum(case when r.fresh then r.daily_return * r.daily_return
                        when r.k = 1 then r.s2 end) over run, 0) else r.s2 end as s2
                from (
                    select v.symbol, v.date, v.close, v.fresh, v.k, v.n, v.s1, v.s2,
                        case when v.fresh then v.close / lag(v.close) over (partition by v.symbol order by v.date) - 1
                            else v.daily_return end as daily_return
                    from (
                        select f.symbol, f.date, f.close, null::double precision as daily_return, true as fresh,
                            null::bigint as k, null::bigint as n, null::double precision as s1, null::double precision as s2
                        from _fresh as f
                        union all
                        select k.symbol, x.date, x.close, x.daily_return, false, x.k, x.return_count, x.return_sum,
                            x.return_sq_sum
                        from (select distinct f.symbol from _fresh as f) as k
                        cross join lateral (
                            select s.date, s.close, s.daily_return, s.return_count, s.return_sum, s.return_sq_sum,
                                row_number() over (order by s.date desc) as k
                            from agg.security_price as s
                            where s.symbol = k.symbol
                            order by s.date desc
                            limit 63
                        ) as x
                    ) as v
                ) as r
                window run as (partition by r.symbol order by r.date rows unbounded preceding)
            ) as c
            window w as (partition by c.symbol order by c.date)
        ) as z
        where z.fresh;
    end if;

    raise debug 'analytics: % done at % ms', 'security_price', round(extract(epoch from clock_timestamp() - v_started) * 1000);
    ---------- every symbol's last 300 rows (the metrics need 253, the
    ---------- regressions 252 dates with both returns), in date order
    drop table if exists _sym;
    create temp table _sym on commit drop as
    select distinct s.symbol from agg.security_price as s;
    drop table if exists _last;
    create temp table _last on commit drop as
    select k.symbol, x.date, x.close, x.daily_return, x.n
    from _sym as k
    cross join lateral (
        select s.date, s.close, s.daily_return, row_number() over (order by s.date desc) as n
        from agg.security_price as s
        where s.symbol = k.symbol
        order by s.date desc
        limit 300
    ) as x
    order by k.symbol, x.date;

    -- the explanatory returns by date: SPY's, the 10-year yield's daily
    -- change, the factor ETFs' on the dates all seven have one
    drop table if exists _spy;
    create temp table _spy (date date primary key, x double precision not null) on commit drop;
    insert into _spy (date, x)
    select s.date, s.daily_return from agg.security_price as s where s.symbol = 'SPY' and s.daily_return is not null;

    drop table if exists _y10;
    create temp table _y10 (date date primary key, change double precision not null) on commit drop;
    insert into _y10 (date, change)
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
    where y.change is not null;

    drop table if exists _fx;
    create temp table _fx (date date primary key, x1 float8, x2 float8, x3 float8, x4 float8, x5 float8,
        x6 float8, x7 float8) on commit drop;
    insert into _fx
    select s.date,
        max(s.daily_return) filter (where f.factor_no = 1),
        max(s.daily_return) filter (where f.factor_no = 2),
        max(s.daily_return) filter (where f.factor_no = 3),
        max(s.daily_return) filter (where f.factor_no = 4),
        max(s.daily_return) filter (where f.factor_no = 5),
        max(s.daily_return) filter (where f.factor_no = 6),
        max(s.daily_return) filter (where f.factor_no = 7)
    from agg.security_price as s
    join core.factor as f on f.factor_etf = s.symbol
    where s.daily_return is not null
    group by s.date
    having count(*) = 7;

    -- the regressions' rows: each return with the explanatory returns of its
    -- date, over the symbol's last 300 rows; over all its rows when those
    -- hold fewer than 252 dates for one of the three regressions while that
    -- series goes back further (gaps in the dates)
    drop table if exists _reg;
    create temp table _reg on commit drop as
    select l.symbol, l.date, l.daily_return as y, m.x as xm, t.change as xr,
        f.x1, f.x2, f.x3, f.x4, f.x5, f.x6, f.x7
    from _last as l
    left join _spy as m on m.date = l.date
    left join _y10 as t on t.date = l.date
    left join _fx as f on f.date = l.date
    where l.daily_return is not null;

    drop table if exists _regfull;
    create temp table _regfull on commit drop as
    select c.symbol
    from (
        select r.symbol, count(r.xm) as nm, count(r.xr) as nr, count(r.x1) as nf, min(r.date) as first_date
        from _reg as r
        group by r.symbol
    ) as c
    where exists (select 1 from _last as l where l.symbol = c.symbol and l.n = 300)
        and ((c.nm < 252 and exists (select 1 from _spy as m where m.date < c.first_date))
            or (c.nr < 252 and exists (select 1 from _y10 as t where t.date < c.first_date))
            or (c.nf < 252 and exists (select 1 from _fx as f where f.date < c.first_date)));
    delete from _reg as r using _regfull as g where g.symbol = r.symbol;
    insert into _reg
    select s.symbol, s.date, s.daily_return, m.x, t.change, f.x1, f.x2, f.x3, f.x4, f.x5, f.x6, f.x7
    from _regfull as g
    join agg.security_price as s on s.symbol = g.symbol
    left join _spy as m on m.date = s.date
    left join _y10 as t on t.date = s.date
    left join _fx as f on f.date = s.date
    where s.daily_return is not null;

    ---------- agg.security_metrics
    delete from agg.security_metrics;
    insert into agg.security_metrics (symbol, as_of_date, last_date, close,
        return_1d, return_21d, return_63d, return_252d, return_ytd,
        volatility_21d, volatility_63d, volatility_252d, sma_20, sma_50, sma_200,
        high_52w, low_52w, max_drawdown_252d,
        market_beta, market_beta_r_squared, market_beta_n_obs, market_beta_flag,
        ir_beta, ir_beta_r_squared, ir_beta_n_obs, ir_beta_flag)
    with
    base as (
        select
            k.symbol,
            max(k.date) as last_date,
            max(k.close) filter (where k.n = 1) as close,
            max(k.close) filter (where k.n = 2) as close_1,
            max(k.close) filter (where k.n = 22) as close_21,
            max(k.close) filter (where k.n = 64) as close_63,
            max(k.close) filter (where k.n = 253) as close_252,
            count(k.daily_return) filter (where k.n <= 21) as n_21,
            count(k.daily_return) filter (where k.n <= 63) as n_63,
            count(k.daily_return) filter (where k.n <= 252) as n_252,
            stddev_samp(k.daily_return) filter (where k.n <= 21) as sd_21,
            stddev_samp(k.daily_return) filter (where k.n <= 63) as sd_63,
            stddev_samp(k.daily_return) filter (where k.n <= 252) as sd_252,
            avg(k.close) filter (where k.n <= 20) as sma_20,
            avg(k.close) filter (where k.n <= 50) as sma_50,
            avg(k.close) filter (where k.n <= 200) as sma_200,
            max(k.close) filter (where k.n <= 252) as high_52w,
            min(k.close) filter (where k.n <= 252) as low_52w
        from (select l.* from _last as l where l.n <= 253 order by l.symbol, l.date) as k
        group by k.symbol
    ),
    prev_year as (
        select k.symbol, x.close
        from _sym as k
        cross join lateral (
            select s.close from agg.security_price as s
            where s.symbol = k.symbol and s.date < date_trunc('year', v_as_of)::date
            order by s.date desc
            limit 1
        ) as x
    ),
    drawdown as (
        select d.symbol, max(1 - d.close / d.peak) as max_drawdown
        from (
            select k.symbol, k.close,
                max(k.close) over (partition by k.symbol order by k.date rows between unbounded preceding and current row) as peak
            from _last as k
            where k.n <= 252
        ) as d
        group by d.symbol
    ),
    -- the CAPM and rates regressions over each symbol's last 252 dates with
    -- both returns, in date order
    market as (
        select m.symbol, regr_slope(m.y, m.x) as beta, regr_r2(m.y, m.x) as r2, count(*) as n_obs
        from (
            select r.symbol, r.date, r.y, r.xm as x
            from (
                select r.*, row_number() over (partition by r.symbol order by r.date desc) as k
                from _reg as r
                where r.xm is not null
            ) as r
            where r.k <= 252
            order by r.symbol, r.date
        ) as m
        group by m.symbol
    ),
    rates as (
        select m.symbol, regr_slope(m.y, m.x) as beta, regr_r2(m.y, m.x) as r2, count(*) as n_obs
        from (
            select r.symbol, r.date, r.y, r.xr as x
            from (
                select r.*, row_number() over (partition by r.symbol order by r.date desc) as k
                from _reg as r
                where r.xr is not null
            ) as r
            where r.k <= 252
            order by r.symbol, r.date
        ) as m
        group by m.symbol
    )
    select
        b.symbol, v_as_of, b.last_date, b.close,
        b.close / b.close_1 - 1,
        b.close / b.close_21 - 1,
        b.close / b.close_63 - 1,
        b.close / b.close_252 - 1,
        b.close / y.close - 1,
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
    left join prev_year as y on y.symbol = b.symbol
    left join drawdown as d on d.symbol = b.symbol
    left join market as m on m.symbol = b.symbol
    left join rates as t on t.symbol = b.symbol;
    get diagnostics v_symbols = row_count;

    raise debug 'analytics: % done at % ms', 'security_metrics', round(extract(epoch from clock_timestamp() - v_started) * 1000);
    ---------- agg.factor_exposure: the centred normal equations of every
    ---------- symbol in one grouped pass (covariances of the eight returns
    ---------- over the last 252 dates on which all eight exist, in date
    ---------- order), each 7 x 7 system solved once
    select string_agg(format('covar_pop(w.x%s, w.x%s)', i, j), ', ' order by i, j) into v_cov
    from generate_series(1, 7) as i, generate_series(1, 7) as j;

    drop table if exists _fsys;
    execute format(
        $q$
        create temp table _fsys on commit drop as
        select w.symbol, count(*) as n_obs, var_pop(w.y) as var_y,
            array[%s] as a,
            array[covar_pop(w.y, w.x1), covar_pop(w.y, w.x2), covar_pop(w.y, w.x3), covar_pop(w.y, w.x4),
                covar_pop(w.y, w.x5), covar_pop(w.y, w.x6), covar_pop(w.y, w.x7)] as b
        from (
            select r.*
            from (
                select r.*, row_number() over (partition by r.symbol order by r.date desc) as k
                from _reg as r
                where r.x1 is not null
            ) as r
            where r.k <= 252
            order by r.symbol, r.date
        ) as w
        group by w.symbol
        $q$, v_cov);

    delete from agg.factor_exposure;
    insert into agg.factor_exposure (symbol, factor, factor_etf, beta, beta_uncapped, r_squared, n_obs,
        quality_flag, capped, as_of_date)
    select r.symbol, f.factor, f.factor_etf,
        case when s.x[f.factor_no] is not null then greatest(-3, least(3, s.x[f.factor_no])) end,
        s.x[f.factor_no],
        case when s.x is not null and r.var_y > 0 then
            (select sum(s.x[i] * r.b[i]) from generate_series(1, 7) as i) / r.var_y
        end,
        r.n_obs,
        case when r.n_obs >= 60 and s.x is null then 'singular' else agg.history_flag(r.n_obs) end,
        coalesce(abs(s.x[f.factor_no]) > 3, false),
        v_as_of
    from _fsys as r
    cross join lateral (select case when r.n_obs >= 60 then agg.solve_linear(r.a, r.b) end as x offset 0) as s
    cross join core.factor as f;

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
$$;
