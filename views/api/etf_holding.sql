-- view: api.etf_holding
-- Grain: one row per ETF symbol per holding its latest response lists: the
-- latest version of each holding, without those a later response dropped
-- (is_listed false). symbol is the ETF; asset the holding's ticker, when it
-- has one. From core.etfs_holdings (transforms/fmp/etfs_holdings.sql).
create view api.etf_holding as
select
    h.symbol,
    h.holding_key,
    h.asset,
    h.name,
    h.isin,
    h.cusip,
    h.shares_number,
    h.weight_percentage,
    h.market_value,
    h.holding_updated_at,
    h.report_date,
    h.currency,
    h.asset_category,
    h.issuer_category,
    h.investment_country,
    h.data_version,
    h.api_version,
    h.updated_at
from core.etfs_holdings as h
where h.is_listed
    and not exists (
        select 1
        from core.etfs_holdings as n
        where n.symbol = h.symbol
            and n.holding_key = h.holding_key
            and n.data_version > h.data_version
    );

comment on view api.etf_holding is 'One row per ETF symbol per holding: the holdings of its latest response, latest version each.';
