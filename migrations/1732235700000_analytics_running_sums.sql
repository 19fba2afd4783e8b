-- Up Migration
-- The analytics build keeps, on every daily price, the running count, sum
-- and sum of squares of the symbol's daily returns since its first price, so
-- the 63-day volatility is one difference of two running sums a row, and a
-- refresh continues them from the last row kept exactly as a rebuild
-- computes them (docs/ANALYTICS.md).
alter table agg.security_price
    add column return_count integer,
    add column return_sum double precision,
    add column return_sq_sum double precision;
comment on column agg.security_price.return_count is
    'The number of daily returns of the symbol from its first price through this date.';
comment on column agg.security_price.return_sum is
    'The running sum (in date order) of the symbol''s daily returns through this date; 0 before the first.';
comment on column agg.security_price.return_sq_sum is
    'The running sum (in date order) of the squares of the symbol''s daily returns through this date; 0 before the first.';
-- rows built before hold no sums: the next build is a full one
update agg.analytics_state set as_of_date = null;

-- a refresh finds the days a new price batch touched by its batch, and reads
-- the prices from the first of them on by date
create index if not exists equity_quotes_batch_idx on core.equity_quotes (batch_id);
create index if not exists etfs_quotes_batch_idx on core.etfs_quotes (batch_id);
create index if not exists equity_quotes_date_idx on core.equity_quotes (date);
create index if not exists etfs_quotes_date_idx on core.etfs_quotes (date);
