-- view: api.market_quote
-- Grain: one row per index or sector symbol per trading date (New York): the
-- latest quote of that day. From core.market_and_sector_quotes
-- (transforms/fmp/market_and_sector_quotes.sql).
create view api.market_quote as
select distinct on (q.symbol, q.date)
    q.symbol,
    q.date,
    q.symbol like '^%' as is_index,
    q.name,
    q.exchange,
    q.price,
    q.change,
    q.change_percent,
    q.open,
    q.previous_close,
    q.day_low,
    q.day_high,
    q.year_low,
    q.year_high,
    q.price_avg_50,
    q.price_avg_200,
    q.volume,
    q.avg_volume,
    q.market_cap,
    q.eps,
    q.pe,
    q.shares_outstanding,
    q.earnings_announcement,
    q.quote_at,
    q.data_version,
    q.api_version,
    q.updated_at
from core.market_and_sector_quotes_latest as q
order by q.symbol, q.date;

comment on view api.market_quote is 'One row per index or sector symbol per trading date: the latest quote of that day.';
