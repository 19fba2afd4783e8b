-- view: api.position_analytics
-- Grain: one row per position of the latest version of every portfolio,
-- valued on the analytics as-of date. From agg.position_analytics, built by
-- agg.refresh_analytics() (transforms/analytics/position_analytics.sql);
-- formulas in docs/ANALYTICS.md.
create view api.position_analytics as
select
    a.portfolio,
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
from agg.position_analytics as a;

comment on view api.position_analytics is 'One row per position of the latest version of every portfolio: value, P&L, betas and Greeks on the analytics as-of date (docs/ANALYTICS.md).';
comment on column api.position_analytics.position_no is 'The position''s order in its portfolio''s file.';
comment on column api.position_analytics.underlying is 'An option''s underlying; a stock is its own underlying.';
comment on column api.position_analytics.quantity is 'Signed: shares, or contracts for options; negative for SHORT, SC, SP.';
comment on column api.position_analytics.price is 'Per share: a stock''s close (adjusted, else close) on as_of_date; an option''s last_price, else its Black-Scholes value.';
comment on column api.position_analytics.price_source is 'close, last_price, black_scholes, or intrinsic (an expired option without last_price); NULL when no price exists on as_of_date.';
comment on column api.position_analytics.previous_price is 'Per share, on the trading date of the underlying before as_of_date (options: Black-Scholes then); NULL for options priced from last_price.';
comment on column api.position_analytics.underlying_price is 'Options: S, the underlying''s close on as_of_date.';
comment on column api.position_analytics.volatility is 'Options: the underlying''s 63-day volatility (annualised fraction) used by Black-Scholes.';
comment on column api.position_analytics.time_to_expiry is 'Options: calendar days from as_of_date to expiry / 365 (years).';
comment on column api.position_analytics.risk_free_rate is 'Options: the 3-month treasury yield / 100 on the latest curve on or before as_of_date, continuous.';
comment on column api.position_analytics.multiplier is '100 for options, 1 for stocks.';
comment on column api.position_analytics.market_value is 'Currency: |quantity| × price × multiplier.';
comment on column api.position_analytics.exposure is 'Currency, signed: quantity × price × multiplier.';
comment on column api.position_analytics.delta_adjusted_exposure is 'Currency, signed: stocks = exposure; options = position delta × underlying price.';
comment on column api.position_analytics.cost_basis is 'Currency, signed: quantity × entry_price × multiplier.';
comment on column api.position_analytics.unrealized_pnl is 'Currency: quantity × (price - entry_price) × multiplier.';
comment on column api.position_analytics.daily_pnl is 'Currency: quantity × (price - previous_price) × multiplier.';
comment on column api.position_analytics.daily_return is 'Fraction: price / previous_price - 1.';
comment on column api.position_analytics.market_beta is 'The CAPM beta of the symbol (options: of the underlying), from api.security_metrics.';
comment on column api.position_analytics.ir_beta is 'The interest-rate beta of the symbol (options: of the underlying), from api.security_metrics.';
comment on column api.position_analytics.delta is 'Shares-equivalent: options = Black-Scholes delta × quantity × 100; stocks = quantity; expired options 0.';
comment on column api.position_analytics.gamma is 'Options: Black-Scholes gamma (per 1 of the underlying''s price) × quantity × 100; stocks 0.';
comment on column api.position_analytics.theta is 'Currency per calendar day: Black-Scholes theta / 365 × quantity × 100; stocks 0.';
comment on column api.position_analytics.vega is 'Currency per 1 point (0.01) of volatility × quantity × 100; stocks 0.';
comment on column api.position_analytics.rho is 'Currency per 1 point (0.01) of the rate × quantity × 100; stocks 0.';
comment on column api.position_analytics.tags is 'The position''s tags (the file''s ;-separated list).';
comment on column api.position_analytics.data_version is 'The portfolio version the position belongs to.';
comment on column api.position_analytics.as_of_date is 'The analytics as-of date: the latest date on which SPY has a price.';
