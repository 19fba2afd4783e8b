-- view: api.etf_holding
-- Grain: one row per ETF symbol per holding its latest response lists: the
-- latest version of each holding, without those a later response dropped
-- (is_listed false). symbol is the ETF; asset the holding's ticker, when it
-- has one. holding_key is never a placeholder code: see the transform.
-- From core.etfs_holdings (transforms/fmp/etfs_holdings.sql).
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
    h.acceptance_time,
    h.is_restricted_security,
    h.fair_value_level,
    h.is_cash_collateral,
    h.is_non_cash_collateral,
    h.is_loan_by_fund,
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

comment on column api.etf_holding.symbol is 'The ETF: the requested symbol.';
comment on column api.etf_holding.holding_key is 'The holding within its ETF: asset, else ISIN, CUSIP, name or title, else #position; " #2" … marks a later holding of the same response with the same key.';
comment on column api.etf_holding.weight_percentage is 'Weight in the fund''s net assets, in percent (7.12 = 7.12 %).';
comment on column api.etf_holding.holding_updated_at is 'When FMP last updated the list (stable updatedAt, legacy updated): with its offset as given; a naive value is read as UTC.';
comment on column api.etf_holding.acceptance_time is 'N-PORT rows: when SEC EDGAR accepted the filing; a naive value is New York time (EST/EDT).';
comment on column api.etf_holding.is_restricted_security is 'N-PORT isRestrictedSec: the security is restricted (not freely tradable).';
comment on column api.etf_holding.fair_value_level is 'N-PORT fairValLevel: ASC 820 fair value level 1 (quoted prices), 2 (observable inputs) or 3 (unobservable inputs); NULL when not categorized.';
comment on column api.etf_holding.is_cash_collateral is 'N-PORT isCashCollateral: the position is cash collateral.';
comment on column api.etf_holding.is_non_cash_collateral is 'N-PORT isNonCashCollateral: the position is non-cash collateral.';
comment on column api.etf_holding.is_loan_by_fund is 'N-PORT isLoanByFund: the fund has lent out (part of) this security.';
