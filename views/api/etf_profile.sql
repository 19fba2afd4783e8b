-- view: api.etf_profile
-- Grain: one row per ETF symbol: the latest version of its FMP ETF
-- information. Sector exposures are in api.etf_sector_weighting.
-- From core.etfs_profile (transforms/fmp/etfs_profile.sql).
create view api.etf_profile as
select distinct on (e.symbol)
    e.symbol,
    e.name,
    e.etf_company,
    e.asset_class,
    e.description,
    e.isin,
    e.cusip,
    e.domicile,
    e.website,
    e.inception_date,
    e.expense_ratio,
    e.assets_under_management,
    e.nav,
    e.nav_currency,
    e.avg_volume,
    e.holdings_count,
    e.info_updated_at,
    e.data_version,
    e.api_version,
    e.updated_at
from core.etfs_profile_latest as e
order by e.symbol, e.array_element_index nulls first;

comment on view api.etf_profile is 'One row per ETF symbol: the latest version of its ETF information.';
