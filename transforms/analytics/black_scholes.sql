-- definition: analytics.black_scholes
-- version: 3
-- Black-Scholes (European, no dividends) price and Greeks of one option on
-- one share, and the standard normal distribution they need
-- (docs/ANALYTICS.md). Used by the analytics build (agg.refresh_analytics).

-- Standard normal cumulative distribution N(x): Hart's double-precision rational
-- approximation (Hart 1968, algorithm 5666, as given by G. West, "Better
-- approximations to cumulative normal functions", 2005); absolute error
-- below 1e-14.
-- The lower tail at -|x| (one expression, written out: an inlined SQL
-- function, no per-call executor).
create or replace function agg.norm_tail(x double precision)
returns double precision
language sql
immutable parallel safe
as $$
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

create or replace function agg.norm_cdf(x double precision)
returns double precision
language sql
immutable parallel safe
as $$
    select case when x > 0 then 1 - agg.norm_tail(x) else agg.norm_tail(x) end
$$;

-- Standard normal density.
create or replace function agg.norm_pdf(x double precision)
returns double precision
language sql
immutable strict parallel safe
as $$ select exp(-x * x / 2) / sqrt(2 * pi()) $$;

-- Price and Greeks of a European call (p_call) or put on one share.
-- p_s: the underlying's price, p_k: strike, p_t: years to expiry (calendar
-- days / 365), p_r: continuous risk-free rate (a fraction), p_sigma:
-- annualised volatility (a fraction).
-- theta: per calendar day (the yearly theta / 365); vega and rho: per 1
-- point (0.01) of volatility and rate. Expired (p_t <= 0): the intrinsic
-- value and every Greek 0. No volatility (NULL or not positive): NULLs.
create or replace function agg.black_scholes(
    p_call boolean,
    p_s double precision,
    p_k double precision,
    p_t double precision,
    p_r double precision,
    p_sigma double precision
)
returns table (price double precision, delta double precision, gamma double precision,
    theta double precision, vega double precision, rho double precision)
language plpgsql
immutable parallel safe
as $$
-- simple assignments: d1, d2, the normal distribution at each and the
-- discount factor computed once (an inlined SQL expression repeats them in
-- every Greek)
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

-- The Black-Scholes value alone (the same conventions as agg.black_scholes),
-- for valuing many option-days (api.portfolio_history): simple assignments,
-- each one fast-path expression with the normal distribution inlined.
create or replace function agg.black_scholes_price(
    p_call boolean,
    p_s double precision,
    p_k double precision,
    p_t double precision,
    p_r double precision,
    p_sigma double precision
)
returns double precision
language plpgsql
immutable parallel safe
as $$
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
