-- view: api.equity_price
-- Grain: one row per symbol per trading date: the latest version of that
-- day's equity OHLCV. From core.equity_quotes (transforms/fmp/equity_quotes.sql).
create view api.equity_price as
select distinct on (q.symbol, q.date)
    q.symbol,
    q.date,
    q.open,
    q.high,
    q.low,
    q.close,
    q.adj_close,
    q.volume,
    q.unadjusted_volume,
    q.change,
    q.change_percent,
    q.vwap,
    q.data_version,
    q.api_version,
    q.updated_at
from core.equity_quotes_latest as q
order by q.symbol, q.date;

comment on view api.equity_price is 'One row per symbol per trading date: the latest version of the daily equity OHLCV.';
