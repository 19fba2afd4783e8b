-- view: api.etf_latest_price
-- Grain: one row per symbol: its newest trading date's ETF OHLCV (latest
-- version). The newest date is stored per symbol with that day's latest
-- version's values (core.etfs_quotes_current_date, kept by the etfs_quotes transform):
-- one index lookup in one small table, never a sort of the symbol's history
-- nor a plan over every year partition (docs/SCALING.md, "Read paths").
create view api.etf_latest_price as
select
    d.symbol,
    d.date,
    d.open,
    d.high,
    d.low,
    d.close,
    d.adj_close,
    d.volume,
    d.unadjusted_volume,
    d.change,
    d.change_percent,
    d.vwap,
    d.data_version,
    d.api_version,
    d.updated_at,
    d.date as as_of_date,
    d.date < (select ops.stale_cutoff('etf')) as is_stale
from core.etfs_quotes_current_date as d;

comment on view api.etf_latest_price is 'One row per symbol: the latest version of its newest daily ETF OHLCV.';
comment on column api.etf_latest_price.date is 'The symbol''s newest trading date with a price (exchange calendar date).';
comment on column api.etf_latest_price.close is 'Closing price on date, in the listing''s currency, as FMP gives it (not adjusted for dividends or splits; adj_close is).';
comment on column api.etf_latest_price.change_percent is 'Change of the day in percent (1.25 = 1.25 %), as FMP gives it.';
comment on column api.etf_latest_price.as_of_date is 'The date of the price (date): the date is_stale judges.';
comment on column api.etf_latest_price.is_stale is 'Whether date is more than stale_after_sessions (ops.setting, 2) NYSE sessions behind the last completed session when read: the continuity rule (ops.stale_cutoff, docs/CONTINUITY.md).';
