-- view: api.latest_company_metrics
-- Grain: one row per equity with an FMP company profile (core.equity_profile):
-- its profile and the latest valuation, profitability, financial-health,
-- performance and fundamental figures, each group with its own as-of date.
-- A plain view over the stored latest (<table>_current, docs/ARCHITECTURE.md
-- §10): every group is an index lookup per equity (the newest fiscal year of
-- core.equity_ratios, core.equity_key_metrics, core.equity_income; the newest
-- and three anchor closes of core.equity_quotes; the splits and dividends
-- between them), so it is current the moment a transform writes a version,
-- with nothing to refresh. Conventions in docs/CORPORATE-ACTIONS.md.
create view api.latest_company_metrics as
select
    ---------- profile
    p.symbol,
    p.company_name,
    p.exchange,
    p.sector,
    p.industry,
    p.country,
    p.currency,
    p.market_cap,
    p.beta,
    p.price as profile_price,
    p.is_actively_trading,
    pc.vendor_as_of as profile_as_of,
    ---------- valuation (FMP ratios and key metrics of the newest fiscal year)
    r.date as valuation_as_of,
    r.price_to_earnings_ratio as pe_ratio,
    r.price_to_book_ratio as pb_ratio,
    r.price_to_sales_ratio as ps_ratio,
    r.price_to_free_cash_flow_ratio as price_to_free_cash_flow,
    r.price_to_earnings_growth_ratio as peg_ratio,
    coalesce(k.ev_to_ebitda, r.enterprise_value_multiple) as ev_to_ebitda,
    k.ev_to_sales,
    k.enterprise_value,
    r.dividend_yield,
    ---------- profitability (newest fiscal year)
    r.date as profitability_as_of,
    r.gross_profit_margin,
    r.operating_profit_margin,
    r.net_profit_margin,
    r.ebitda_margin,
    r.return_on_equity,
    r.return_on_assets,
    k.return_on_invested_capital,
    ---------- financial health (newest fiscal year)
    r.date as financial_health_as_of,
    r.debt_to_equity_ratio as debt_to_equity,
    r.debt_to_assets_ratio as debt_to_assets,
    r.current_ratio,
    r.quick_ratio,
    r.interest_coverage_ratio as interest_coverage,
    k.net_debt_to_ebitda,
    ---------- performance (daily prices, split-adjusted)
    last.date as performance_as_of,
    last.close as last_close,
    round(last.close * m1.split_multiple / m1.close - 1, 6) as return_1m,
    round(last.close * ytd.split_multiple / ytd.close - 1, 6) as return_ytd,
    round(last.close * y1.split_multiple / y1.close - 1, 6) as return_1y,
    round(last.close * y1.split_multiple * y1.dividend_multiple / y1.close - 1, 6) as total_return_1y,
    ---------- fundamentals (income statement of the newest fiscal year)
    i.date as fundamentals_as_of,
    i.fiscal_year,
    i.reported_currency,
    i.revenue,
    i.gross_profit,
    i.operating_income,
    i.ebitda,
    i.net_income,
    i.eps,
    i.eps_diluted,
    i.weighted_average_shs_out_dil as diluted_shares
from core.equity_profile_current as pc
join core.equity_profile as p on p.symbol = pc.symbol and p.data_version = pc.data_version
left join lateral (
    select h.*
    from core.equity_ratios_current as c
    join core.equity_ratios as h on h.symbol = c.symbol and h.period = c.period and h.date = c.date and h.data_version = c.data_version
    where c.symbol = pc.symbol and c.period = 'FY'
    order by c.date desc
    limit 1
) as r on true
left join lateral (
    select h.*
    from core.equity_key_metrics_current as c
    join core.equity_key_metrics as h
        on h.symbol = c.symbol and h.period = c.period and h.date = c.date and h.data_version = c.data_version
    where c.symbol = pc.symbol and c.period = 'FY'
    order by c.date desc
    limit 1
) as k on true
left join lateral (
    select h.*
    from core.equity_income_current as c
    join core.equity_income as h on h.symbol = c.symbol and h.period = c.period and h.date = c.date and h.data_version = c.data_version
    where c.symbol = pc.symbol and c.period = 'FY'
    order by c.date desc
    limit 1
) as i on true
left join lateral (
    select c.date, h.close
    from core.equity_quotes_current as c
    join core.equity_quotes as h on h.symbol = c.symbol and h.date = c.date and h.data_version = c.data_version
    where c.symbol = pc.symbol
    order by c.date desc
    limit 1
) as last on true
-- each anchor: the last close on or before the anchor date, and the
-- multiples that carry it to last.date's basis: the splits after it (ratio
-- numerator / denominator) and, for total return, each dividend after it
-- reinvested (1 / (1 - dividend / previous close))
left join lateral (
    select a.close, a.split_multiple
    from core.equity_return_anchor(pc.symbol, (last.date - interval '1 month')::date, last.date) as a
) as m1 on true
left join lateral (
    select a.close, a.split_multiple
    from core.equity_return_anchor(pc.symbol, make_date(extract(year from last.date)::integer - 1, 12, 31), last.date) as a
) as ytd on true
left join lateral (
    select a.close, a.split_multiple, a.dividend_multiple
    from core.equity_return_anchor(pc.symbol, (last.date - interval '1 year')::date, last.date) as a
) as y1 on true;

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
