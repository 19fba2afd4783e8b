-- view: api.etf_price
-- Grain: one row per symbol per trading date: the latest version of that
-- day's ETF OHLCV. From core.etfs_quotes (transforms/fmp/etfs_quotes.sql).
create view api.etf_price as
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
from core.etfs_quotes_latest as q
order by q.symbol, q.date;

comment on view api.etf_price is 'One row per symbol per trading date: the latest version of the daily ETF OHLCV.';
