-- definition: analytics.refresh
-- version: 4
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
-- rebuild from scratch exactly (tests/sql/analytics/incremental_equals_full.test.sql),
-- except the portfolio history, summed by hashing: equal to 1e-9 relative.

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
$$;
