-- definition: analytics.position_analytics
-- version: 3
-- Every position of the latest version of every portfolio, valued on the
-- analytics as-of date (docs/ANALYTICS.md), into agg.position_analytics;
-- called by agg.refresh_analytics() with the as-of date and the 3-month rate.
-- - price: a stock's (or ETF's) close on as_of_date; an option's last_price
--   when the file gives one, else its Black-Scholes value (intrinsic value
--   once expired); price_source says which;
-- - Black-Scholes inputs: S = the underlying's close on as_of_date, the
--   underlying's 63-day volatility, the 3-month treasury yield / 100, time =
--   calendar days to expiry / 365;
-- - previous price: a stock's close on its trading date before as_of_date;
--   an option's Black-Scholes value on that date of its underlying (its
--   close and 63-day volatility then, the same rate) unless priced from
--   last_price (then no daily P&L);
-- - Greeks: per share × quantity × 100 for options; a stock's delta is its
--   quantity and its other Greeks 0.

create or replace function agg.refresh_position_analytics(p_as_of date, p_rate double precision)
returns void
language plpgsql
as $$
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
