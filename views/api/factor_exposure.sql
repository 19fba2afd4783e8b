-- view: api.factor_exposure
-- Grain: one row per symbol per factor of the 7-factor model (market=SPY,
-- value=VTV, growth=VUG, momentum=MTUM, quality=QUAL, size=SLY,
-- low_volatility=USMV). From agg.factor_exposure, built by
-- agg.refresh_analytics(); formulas in docs/ANALYTICS.md.
create view api.factor_exposure as
select
    e.symbol,
    e.factor,
    e.factor_etf,
    e.beta,
    e.beta_uncapped,
    e.r_squared,
    e.n_obs,
    e.quality_flag,
    e.capped,
    e.as_of_date
from agg.factor_exposure as e;

comment on view api.factor_exposure is 'One row per symbol per factor: multivariate OLS betas of daily returns on the seven factor ETFs'' daily returns (docs/ANALYTICS.md).';
comment on column api.factor_exposure.factor_etf is 'The ETF whose daily returns stand for the factor.';
comment on column api.factor_exposure.beta is 'Per-day return sensitivity: OLS coefficient (with intercept, all seven factors together) over the last 252 dates on which all eight returns exist, capped at ±3; NULL below 60 dates.';
comment on column api.factor_exposure.beta_uncapped is 'The coefficient before the ±3 cap.';
comment on column api.factor_exposure.r_squared is 'R² (0..1) of the uncapped fit, the same for every factor of the symbol.';
comment on column api.factor_exposure.n_obs is 'Dates in the regression (at most 252).';
comment on column api.factor_exposure.quality_flag is 'insufficient_history (< 60 dates, betas NULL), limited_history (60-251), full_history (252), singular (factor returns without variation).';
comment on column api.factor_exposure.capped is 'true when the coefficient was beyond ±3 and beta is the cap.';
comment on column api.factor_exposure.as_of_date is 'The analytics as-of date: the latest date on which SPY has a price.';
