-- view: api.portfolio_history
-- Grain: one row per portfolio per trading date (SPY's) from its earliest
-- entry date to the analytics as-of date. From agg.portfolio_history, built
-- by agg.refresh_analytics(); formulas in docs/ANALYTICS.md.
create view api.portfolio_history as
select
    h.portfolio,
    h.date,
    h.market_value,
    h.exposure,
    h.daily_pnl,
    h.cumulative_pnl,
    h.position_count
from agg.portfolio_history as h;

comment on view api.portfolio_history is 'One row per portfolio per trading date since its earliest entry date: the latest version''s positions, each counted from its entry date, valued that day.';
comment on column api.portfolio_history.market_value is 'Currency: Σ |quantity| × value × multiplier; value: the latest close on or before the date, options at Black-Scholes with that day''s underlying close, 63-day volatility and 3-month rate.';
comment on column api.portfolio_history.exposure is 'Currency, signed: Σ quantity × value × multiplier.';
comment on column api.portfolio_history.cumulative_pnl is 'Currency: Σ quantity × (value - entry_price) × multiplier over the positions held that day.';
comment on column api.portfolio_history.daily_pnl is 'Currency: cumulative_pnl - the previous trading date''s (the first date: its cumulative_pnl).';
comment on column api.portfolio_history.position_count is 'Positions held that day (entry date on or before it).';
