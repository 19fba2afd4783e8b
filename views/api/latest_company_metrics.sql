-- view: api.latest_company_metrics
-- Grain: one row per equity with an FMP company profile (core.equity_profile):
-- its profile and the latest valuation, profitability, financial-health,
-- performance and fundamental figures, each group with its own as-of date.
-- Stored: agg.latest_company_metrics, kept by agg.refresh_latest_company_metrics()
-- (transforms/agg/latest_company_metrics.sql), which agg.refresh() runs after
-- the transforms: only the symbols with new versions (profile, fiscal years,
-- prices, splits, dividends) are recomputed. Freshness of the performance group
-- (is_stale) is computed when read, by the continuity rule (docs/CONTINUITY.md).
-- Conventions in docs/CORPORATE-ACTIONS.md.
create view api.latest_company_metrics as
select
    m.symbol,
    m.company_name,
    m.exchange,
    m.sector,
    m.industry,
    m.country,
    m.currency,
    m.market_cap,
    m.beta,
    m.profile_price,
    m.is_actively_trading,
    m.profile_as_of,
    m.valuation_as_of,
    m.pe_ratio,
    m.pb_ratio,
    m.ps_ratio,
    m.price_to_free_cash_flow,
    m.peg_ratio,
    m.ev_to_ebitda,
    m.ev_to_sales,
    m.enterprise_value,
    m.dividend_yield,
    m.profitability_as_of,
    m.gross_profit_margin,
    m.operating_profit_margin,
    m.net_profit_margin,
    m.ebitda_margin,
    m.return_on_equity,
    m.return_on_assets,
    m.return_on_invested_capital,
    m.financial_health_as_of,
    m.debt_to_equity,
    m.debt_to_assets,
    m.current_ratio,
    m.quick_ratio,
    m.interest_coverage,
    m.net_debt_to_ebitda,
    m.performance_as_of,
    m.last_close,
    m.return_1m,
    m.return_ytd,
    m.return_1y,
    m.total_return_1y,
    m.fundamentals_as_of,
    m.fiscal_year,
    m.reported_currency,
    m.revenue,
    m.gross_profit,
    m.operating_income,
    m.ebitda,
    m.net_income,
    m.eps,
    m.eps_diluted,
    m.diluted_shares,
    ---------- added columns
    m.performance_as_of < (select ops.stale_cutoff('equity')) as is_stale,
    m.refreshed_at
from agg.latest_company_metrics as m;

comment on view api.latest_company_metrics is 'One row per equity with a profile: profile, latest valuation, profitability, financial health, performance and fundamentals, each group with its own as-of date (docs/CORPORATE-ACTIONS.md).';
comment on column api.latest_company_metrics.currency is 'Trading currency of the equity (FMP profile).';
comment on column api.latest_company_metrics.market_cap is 'Market capitalisation, trading currency, as of profile_as_of (FMP profile).';
comment on column api.latest_company_metrics.beta is 'FMP''s beta (profile), unitless.';
comment on column api.latest_company_metrics.profile_price is 'Price in the profile, trading currency, as of profile_as_of.';
comment on column api.latest_company_metrics.profile_as_of is 'When the current profile version was landed (FMP profiles carry no as-of date of their own).';
comment on column api.latest_company_metrics.valuation_as_of is 'Fiscal year end of the ratios and key metrics the valuation columns come from (the newest period FY).';
comment on column api.latest_company_metrics.pe_ratio is 'Price / earnings per share, times, FMP ratios of the fiscal year (price at the period end).';
comment on column api.latest_company_metrics.pb_ratio is 'Price / book value per share, times, FMP ratios of the fiscal year.';
comment on column api.latest_company_metrics.ps_ratio is 'Price / sales per share, times, FMP ratios of the fiscal year.';
comment on column api.latest_company_metrics.price_to_free_cash_flow is 'Price / free cash flow per share, times, FMP ratios of the fiscal year.';
comment on column api.latest_company_metrics.peg_ratio is 'P/E divided by earnings growth in percent, FMP ratios of the fiscal year.';
comment on column api.latest_company_metrics.ev_to_ebitda is 'Enterprise value / EBITDA, times: FMP key metrics of the fiscal year, else the ratios'' enterprise value multiple.';
comment on column api.latest_company_metrics.ev_to_sales is 'Enterprise value / revenue, times, FMP key metrics of the fiscal year.';
comment on column api.latest_company_metrics.enterprise_value is 'Enterprise value, reporting currency, FMP key metrics of the fiscal year.';
comment on column api.latest_company_metrics.dividend_yield is 'Fraction (0.005 = 0.5 %): dividends per share / price, FMP ratios of the fiscal year.';
comment on column api.latest_company_metrics.profitability_as_of is 'Fiscal year end of the profitability columns (the newest period FY of FMP ratios).';
comment on column api.latest_company_metrics.gross_profit_margin is 'Fraction: gross profit / revenue of the fiscal year.';
comment on column api.latest_company_metrics.operating_profit_margin is 'Fraction: operating income / revenue of the fiscal year.';
comment on column api.latest_company_metrics.net_profit_margin is 'Fraction: net income / revenue of the fiscal year.';
comment on column api.latest_company_metrics.ebitda_margin is 'Fraction: EBITDA / revenue of the fiscal year.';
comment on column api.latest_company_metrics.return_on_equity is 'Fraction: net income / shareholders'' equity of the fiscal year (FMP ratios).';
comment on column api.latest_company_metrics.return_on_assets is 'Fraction: net income / total assets of the fiscal year (FMP ratios).';
comment on column api.latest_company_metrics.return_on_invested_capital is 'Fraction: FMP key metrics'' ROIC of the fiscal year.';
comment on column api.latest_company_metrics.financial_health_as_of is 'Fiscal year end of the financial-health columns (the newest period FY of FMP ratios).';
comment on column api.latest_company_metrics.debt_to_equity is 'Times: total debt / shareholders'' equity at the fiscal year end.';
comment on column api.latest_company_metrics.debt_to_assets is 'Times: total debt / total assets at the fiscal year end.';
comment on column api.latest_company_metrics.current_ratio is 'Times: current assets / current liabilities at the fiscal year end.';
comment on column api.latest_company_metrics.quick_ratio is 'Times: (current assets - inventory) / current liabilities at the fiscal year end.';
comment on column api.latest_company_metrics.interest_coverage is 'Times: operating income (EBIT) / interest expense of the fiscal year.';
comment on column api.latest_company_metrics.net_debt_to_ebitda is 'Times: net debt / EBITDA of the fiscal year (FMP key metrics).';
comment on column api.latest_company_metrics.performance_as_of is 'The equity''s latest trading date in core.equity_quotes: the end of every return.';
comment on column api.latest_company_metrics.last_close is 'Close on performance_as_of, trading currency, as served.';
comment on column api.latest_company_metrics.return_1m is 'Fraction, price return (split-adjusted close) from the last close on or before performance_as_of - 1 calendar month; NULL without that history.';
comment on column api.latest_company_metrics.return_ytd is 'Fraction, price return (split-adjusted) from the last close on or before 31 December of the year before performance_as_of; NULL without it.';
comment on column api.latest_company_metrics.return_1y is 'Fraction, price return (split-adjusted) from the last close on or before performance_as_of - 1 year; NULL without that history.';
comment on column api.latest_company_metrics.total_return_1y is 'Fraction, total return over the return_1y span: split-adjusted, cash dividends reinvested at the ex-date (core.total_return_price basis).';
comment on column api.latest_company_metrics.fundamentals_as_of is 'Fiscal year end of the income statement the fundamental columns come from (the newest period FY).';
comment on column api.latest_company_metrics.reported_currency is 'Currency of the statements (may differ from the trading currency).';
comment on column api.latest_company_metrics.revenue is 'Revenue of the fiscal year, reported_currency.';
comment on column api.latest_company_metrics.gross_profit is 'Gross profit of the fiscal year, reported_currency.';
comment on column api.latest_company_metrics.operating_income is 'Operating income of the fiscal year, reported_currency.';
comment on column api.latest_company_metrics.ebitda is 'EBITDA of the fiscal year, reported_currency.';
comment on column api.latest_company_metrics.net_income is 'Net income of the fiscal year, reported_currency.';
comment on column api.latest_company_metrics.eps is 'Basic earnings per share of the fiscal year, reported_currency per share.';
comment on column api.latest_company_metrics.eps_diluted is 'Diluted earnings per share of the fiscal year, reported_currency per share.';
comment on column api.latest_company_metrics.diluted_shares is 'Weighted average diluted shares outstanding of the fiscal year, shares.';
comment on column api.latest_company_metrics.is_stale is 'Whether performance_as_of is more than stale_after_sessions (ops.setting, 2) NYSE sessions behind the last completed session when read (docs/CONTINUITY.md); NULL without prices.';
comment on column api.latest_company_metrics.refreshed_at is 'When agg.refresh_latest_company_metrics last recomputed the row.';
