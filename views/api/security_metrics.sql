-- view: api.security_metrics
-- Grain: one row per symbol with an FMP daily price (equity or ETF) on or
-- before the analytics as-of date. From agg.security_metrics, built by
-- agg.refresh_analytics() (transforms/analytics/refresh_analytics.sql);
-- formulas in docs/ANALYTICS.md.
create view api.security_metrics as
select
    m.symbol,
    m.as_of_date,
    m.last_date,
    m.close,
    m.return_1d,
    m.return_21d,
    m.return_63d,
    m.return_252d,
    m.return_ytd,
    m.volatility_21d,
    m.volatility_63d,
    m.volatility_252d,
    m.sma_20,
    m.sma_50,
    m.sma_200,
    m.high_52w,
    m.low_52w,
    m.max_drawdown_252d,
    m.market_beta,
    m.market_beta_r_squared,
    m.market_beta_n_obs,
    m.market_beta_flag,
    m.ir_beta,
    m.ir_beta_r_squared,
    m.ir_beta_n_obs,
    m.ir_beta_flag
from agg.security_metrics as m;

comment on view api.security_metrics is 'One row per symbol: returns, volatility, trend, range, drawdown and betas on the analytics as-of date (docs/ANALYTICS.md).';
comment on column api.security_metrics.as_of_date is 'The analytics as-of date: the latest date on which SPY has a price.';
comment on column api.security_metrics.last_date is 'The symbol''s latest trading date on or before as_of_date.';
comment on column api.security_metrics.close is 'Price on last_date: adjusted close where FMP gives one, else close (price return basis).';
comment on column api.security_metrics.return_1d is 'Fraction, price return: close / close 1 trading date of the symbol back - 1; NULL without that history.';
comment on column api.security_metrics.return_21d is 'Fraction, price return over 21 trading dates of the symbol; NULL without 21 dates of history.';
comment on column api.security_metrics.return_63d is 'Fraction, price return over 63 trading dates of the symbol; NULL without 63 dates of history.';
comment on column api.security_metrics.return_252d is 'Fraction, price return over 252 trading dates of the symbol; NULL without 252 dates of history.';
comment on column api.security_metrics.return_ytd is 'Fraction, price return since the last close of the year before as_of_date''s year; NULL without one.';
comment on column api.security_metrics.volatility_21d is 'Fraction, annualised: sample standard deviation (n - 1) of the last 21 daily returns × sqrt(252); NULL with fewer.';
comment on column api.security_metrics.volatility_63d is 'Fraction, annualised: sample standard deviation (n - 1) of the last 63 daily returns × sqrt(252); NULL with fewer.';
comment on column api.security_metrics.volatility_252d is 'Fraction, annualised: sample standard deviation (n - 1) of the last 252 daily returns × sqrt(252); NULL with fewer.';
comment on column api.security_metrics.sma_20 is 'Price: mean of the last 20 closes (of those there are when fewer).';
comment on column api.security_metrics.sma_50 is 'Price: mean of the last 50 closes (of those there are when fewer).';
comment on column api.security_metrics.sma_200 is 'Price: mean of the last 200 closes (of those there are when fewer).';
comment on column api.security_metrics.high_52w is 'Price: highest of the last 252 closes.';
comment on column api.security_metrics.low_52w is 'Price: lowest of the last 252 closes.';
comment on column api.security_metrics.max_drawdown_252d is 'Positive fraction: the largest 1 - close / running peak close over the last 252 closes.';
comment on column api.security_metrics.market_beta is 'CAPM beta: OLS slope (with intercept) of daily returns on SPY''s over the last 252 dates both exist; NULL below 60.';
comment on column api.security_metrics.market_beta_r_squared is 'R² of the market-beta regression (0..1); NULL below 60 dates.';
comment on column api.security_metrics.market_beta_n_obs is 'Dates in the market-beta regression (at most 252).';
comment on column api.security_metrics.market_beta_flag is 'insufficient_history (< 60 dates, beta NULL), limited_history (60-251), full_history (252).';
comment on column api.security_metrics.ir_beta is 'Daily return per 1 percentage point change of the 10-year treasury yield: OLS slope with intercept, last 252 common dates; NULL below 60.';
comment on column api.security_metrics.ir_beta_r_squared is 'R² of the interest-rate-beta regression; NULL below 60 dates.';
comment on column api.security_metrics.ir_beta_n_obs is 'Dates in the interest-rate-beta regression (at most 252).';
comment on column api.security_metrics.ir_beta_flag is 'insufficient_history (< 60 dates, beta NULL), limited_history (60-251), full_history (252).';
