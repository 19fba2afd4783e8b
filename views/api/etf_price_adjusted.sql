-- view: api.etf_price_adjusted
-- Grain: one row per symbol per trading date of api.etf_price: the close as
-- served beside its split-adjusted and total-return closes. From
-- core.total_return_price (transforms/fmp/adjusted_prices.sql): computed from
-- the stored splits and dividends on every read, so a late split or dividend
-- re-adjusts earlier prices at once (docs/CORPORATE-ACTIONS.md).
create view api.etf_price_adjusted as
select
    p.symbol,
    p.date,
    p.close,
    p.split_adjusted_close,
    p.total_return_close,
    p.split_factor,
    p.dividend_factor,
    p.basis
from core.total_return_price as p
where p.kind = 'etf';

comment on view api.etf_price_adjusted is 'One row per ETF symbol and trading date: close, split-adjusted close (price returns) and total-return close (total returns), CRSP-style backward adjustment.';
comment on column api.etf_price_adjusted.close is 'Close as served by FMP, trading currency.';
comment on column api.etf_price_adjusted.split_adjusted_close is 'close * split_factor, trading currency, 6 decimals: use for price returns.';
comment on column api.etf_price_adjusted.total_return_close is 'close * split_factor * dividend_factor, trading currency, 6 decimals: use for total returns (cash dividends reinvested at the ex-date).';
comment on column api.etf_price_adjusted.split_factor is 'Product of denominator / numerator over the splits with ex-date after date; 1 when none.';
comment on column api.etf_price_adjusted.dividend_factor is 'Product of (1 - dividend / previous close) over the cash dividends with ex-date after date; previous close = the last close before the ex-date; 1 when none.';
comment on column api.etf_price_adjusted.basis is 'adjusted: the symbol has a split or dividend stored; unadjusted: none stored (the adjusted closes equal close).';
