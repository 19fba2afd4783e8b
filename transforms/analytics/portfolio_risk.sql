-- definition: analytics.portfolio_risk
-- version: 3
-- The parts of the analytics build (agg.refresh_analytics) that look at a
-- portfolio through time and across factors (docs/ANALYTICS.md):
--   agg.factor_comovement    RiskMetrics correlations and volatility ratios
--                            of the factor ETFs, for correlated scenarios
--   agg.position_correlation Pearson correlations of the larger stock and
--                            ETF positions' daily returns
--   agg.portfolio_history    value and P&L on every trading date since the
--                            earliest entry date

create or replace function agg.refresh_factor_comovement(p_as_of date)
returns void
language plpgsql
as $$
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

create or replace function agg.refresh_position_correlation(p_as_of date)
returns void
language plpgsql
as $$
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

-- p_from: recompute the dates from p_from on (the earlier ones stand); NULL: all.
drop function if exists agg.refresh_portfolio_history(date);
create or replace function agg.refresh_portfolio_history(p_as_of date, p_from date default null)
returns void
language plpgsql
as $$
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
