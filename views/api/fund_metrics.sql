-- view: api.fund_metrics
-- Grain: one row per fund identifier with a NAVPS: returns and volatility of
-- its NAVPS on its own latest date, beside the trailing returns Fundata
-- reports, and the difference. From agg.fund_metrics, built by
-- agg.refresh_analytics() (transforms/analytics/fund_metrics.sql).
create view api.fund_metrics as
select
    m.identifier,
    m.as_of_date,
    m.navps,
    m.return_1d,
    m.return_21d,
    m.return_63d,
    m.return_252d,
    m.return_ytd,
    m.volatility_21d,
    m.volatility_63d,
    m.volatility_252d,
    m.reported_as_of_date,
    m.reported_one_month_return,
    m.reported_three_month_return,
    m.reported_ytd_return,
    m.reported_one_year_return,
    m.return_21d * 100 - m.reported_one_month_return as one_month_difference,
    m.return_63d * 100 - m.reported_three_month_return as three_month_difference,
    m.return_ytd * 100 - m.reported_ytd_return as ytd_difference,
    m.return_252d * 100 - m.reported_one_year_return as one_year_difference
from agg.fund_metrics as m;

comment on view api.fund_metrics is 'One row per fund: NAVPS returns and volatility computed here, beside Fundata''s reported trailing returns (docs/ANALYTICS.md).';
comment on column api.fund_metrics.as_of_date is 'The fund''s latest NAVPS date.';
comment on column api.fund_metrics.navps is 'NAVPS on as_of_date (latest version); returns are NAVPS (price) returns, distributions not added back.';
comment on column api.fund_metrics.return_1d is 'Fraction: NAVPS / NAVPS 1 NAV date back - 1.';
comment on column api.fund_metrics.return_21d is 'Fraction: over 21 NAV dates; NULL without them.';
comment on column api.fund_metrics.return_63d is 'Fraction: over 63 NAV dates; NULL without them.';
comment on column api.fund_metrics.return_252d is 'Fraction: over 252 NAV dates; NULL without them.';
comment on column api.fund_metrics.return_ytd is 'Fraction: against the last NAVPS of the year before as_of_date''s year.';
comment on column api.fund_metrics.volatility_21d is 'Fraction, annualised: sample standard deviation of the last 21 daily NAVPS returns × sqrt(252); NULL with fewer.';
comment on column api.fund_metrics.volatility_63d is 'Fraction, annualised: the same over 63 returns.';
comment on column api.fund_metrics.volatility_252d is 'Fraction, annualised: the same over 252 returns.';
comment on column api.fund_metrics.reported_as_of_date is 'The as-of date of Fundata''s reported returns (its latest performance summary).';
comment on column api.fund_metrics.reported_one_month_return is 'Percent, as Fundata reports it (calendar month, total return by Fundata''s method).';
comment on column api.fund_metrics.reported_three_month_return is 'Percent, as Fundata reports it.';
comment on column api.fund_metrics.reported_ytd_return is 'Percent, as Fundata reports it.';
comment on column api.fund_metrics.reported_one_year_return is 'Percent, as Fundata reports it.';
comment on column api.fund_metrics.one_month_difference is 'Percentage points: return_21d × 100 - reported_one_month_return.';
comment on column api.fund_metrics.three_month_difference is 'Percentage points: return_63d × 100 - reported_three_month_return.';
comment on column api.fund_metrics.ytd_difference is 'Percentage points: return_ytd × 100 - reported_ytd_return.';
comment on column api.fund_metrics.one_year_difference is 'Percentage points: return_252d × 100 - reported_one_year_return.';
