-- view: api.etf_price
-- Grain: one row per symbol per trading date: the latest version of that
-- day's ETF OHLCV. From core.etfs_quotes (transforms/fmp/etfs_quotes.sql).
-- Read from the stored latest (core.etfs_quotes_current: its key's index holds
-- data_version, so a date range of one key is an index-only scan in the year
-- partitions the range reaches), each day's row by the version key
-- (docs/SCALING.md, "Read paths"): never the key's whole history.
create view api.etf_price as
select
    c.symbol,
    c.date,
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
from core.etfs_quotes_current as c
cross join lateral (
    -- the day's current version (its first row when a document held arrays)
    select h.*
    from core.etfs_quotes as h
    where h.symbol = c.symbol and h.date = c.date and h.data_version = c.data_version
    order by h.array_source_field nulls first, h.array_element_index nulls first
    limit 1
) as q;

comment on view api.etf_price is 'One row per symbol per trading date: the latest version of the daily ETF OHLCV.';
comment on column api.etf_price.close is 'Closing price on date, in the listing''s currency, as FMP gives it (not adjusted for dividends or splits; adj_close is).';
