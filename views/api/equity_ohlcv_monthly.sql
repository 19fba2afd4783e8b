-- view: api.equity_ohlcv_monthly
-- Grain: one row per symbol per calendar month with a daily close: open of its
-- first day, high, low, close of its last day, total volume.
-- From agg.equity_ohlcv_monthly (transforms/agg/refresh_aggregates.sql).
create view api.equity_ohlcv_monthly as
select
    m.symbol,
    m.month_start_date,
    m.first_date,
    m.last_date,
    m.open,
    m.high,
    m.low,
    m.close,
    m.volume,
    m.trading_days
from agg.equity_ohlcv_monthly as m;

comment on view api.equity_ohlcv_monthly is 'One row per symbol per calendar month: open, high, low, close and volume of its trading days.';
