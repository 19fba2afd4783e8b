-- view: api.equity_ohlcv_weekly
-- Grain: one row per symbol per ISO week (Monday start) with a daily close:
-- open of its first day, high, low, close of its last day, total volume.
-- From agg.equity_ohlcv_weekly (transforms/agg/refresh_aggregates.sql).
create view api.equity_ohlcv_weekly as
select
    w.symbol,
    w.week_start_date,
    w.first_date,
    w.last_date,
    w.open,
    w.high,
    w.low,
    w.close,
    w.volume,
    w.trading_days
from agg.equity_ohlcv_weekly as w;

comment on view api.equity_ohlcv_weekly is 'One row per symbol per week (Monday start): open, high, low, close and volume of its trading days.';
