-- view: api.equity_profile
-- Grain: one row per symbol: the latest version of its FMP company profile.
-- From core.equity_profile (transforms/fmp/equity_profile.sql).
create view api.equity_profile as
select distinct on (p.symbol)
    ---------- company
    p.symbol,
    p.company_name,
    p.exchange,
    p.exchange_full_name,
    p.sector,
    p.industry,
    p.country,
    p.currency,
    p.market_cap,
    p.employees,
    p.description,
    p.website,
    p.ceo,
    p.is_etf,
    p.is_actively_trading,
    p.is_adr,
    p.is_fund,
    p.cik,
    p.isin,
    p.cusip,
    p.phone,
    p.address,
    p.city,
    p.state,
    p.zip,
    p.image,
    p.ipo_date,
    ---------- market data as of the profile
    p.price,
    p.beta,
    p.average_volume,
    p.volume,
    p.last_dividend,
    p.price_range,
    p.change,
    p.change_percent,
    p.dcf,
    p.dcf_diff,
    ---------- version
    p.data_version,
    p.api_version,
    p.updated_at
from core.equity_profile_latest as p
order by p.symbol;

comment on view api.equity_profile is 'One row per symbol: the latest version of its company profile.';
