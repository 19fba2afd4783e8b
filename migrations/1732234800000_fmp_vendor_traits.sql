-- Up Migration
-- FMP's traits read rightly (docs/FMP-DATA.md): the SEC N-PORT flags of a
-- holding become typed columns, the fair value level a number, and the columns
-- whose reading depends on a vendor convention say which one.
-- Rows already in core were typed the old way (SEC acceptance times read
-- as UTC, zeros kept as facts): the transforms' new versions flag them for
-- "sra transform --rebuild".

alter table core.etfs_holdings
    add column is_cash_collateral boolean,
    add column is_non_cash_collateral boolean,
    add column is_loan_by_fund boolean,
    alter column fair_value_level type smallint using (
        case when btrim(fair_value_level) in ('1', '2', '3') then btrim(fair_value_level)::smallint end
    );

comment on column core.etfs_holdings.symbol is 'The ETF: the requested symbol.';
comment on column core.etfs_holdings.holding_key is
    'The holding within its ETF: asset, else ISIN, CUSIP, name or title, else its 1-based position in the response (#7); placeholders (CUSIP 000000000, ISIN N/A, 0) are no identifier; a key two holdings of one response share gets " #2", " #3" … from its second occurrence.';
comment on column core.etfs_holdings.asset is 'The holding''s ticker (legacy and stable asset, the N-PORT row''s own symbol); NULL when FMP gives none or a placeholder.';
comment on column core.etfs_holdings.isin is 'The holding''s ISIN; NULL when FMP gives none or a placeholder (N/A, 0, zeros).';
comment on column core.etfs_holdings.cusip is 'The holding''s CUSIP (securityCusip, cusip); NULL when FMP gives none or a placeholder (000000000).';
comment on column core.etfs_holdings.shares_number is 'Shares, contracts or principal held (sharesNumber; N-PORT balance, in units).';
comment on column core.etfs_holdings.weight_percentage is 'Weight in the fund''s net assets, in percent (7.12 = 7.12 %).';
comment on column core.etfs_holdings.market_value is 'Market value of the position (marketValue; N-PORT valUsd, in US dollars).';
comment on column core.etfs_holdings.holding_updated_at is
    'When FMP last updated the list (stable updatedAt, legacy updated): a value with an offset or Z as given; a naive value (FMP writes "2024-11-29 05:08:17") is read as UTC.';
comment on column core.etfs_holdings.acceptance_time is
    'When SEC EDGAR accepted the N-PORT filing (acceptanceTime): a naive value is New York time (EST/EDT).';
comment on column core.etfs_holdings.is_restricted_security is 'N-PORT isRestrictedSec: the security is restricted (not freely tradable); Y/N as true/false.';
comment on column core.etfs_holdings.fair_value_level is 'N-PORT fairValLevel: the ASC 820 fair value hierarchy level, 1 (quoted prices), 2 (observable inputs) or 3 (unobservable inputs); NULL when not categorized (N/A).';
comment on column core.etfs_holdings.is_cash_collateral is 'N-PORT isCashCollateral: the position is cash collateral (for securities lending or derivatives).';
comment on column core.etfs_holdings.is_non_cash_collateral is 'N-PORT isNonCashCollateral: the position is non-cash collateral.';
comment on column core.etfs_holdings.is_loan_by_fund is 'N-PORT isLoanByFund: the fund has lent out (part of) this security.';

comment on column core.equity_income.accepted_date is
    'When SEC EDGAR accepted the filing (acceptedDate): a naive value is New York time (EST/EDT).';
comment on column core.equity_balance.accepted_date is
    'When SEC EDGAR accepted the filing (acceptedDate): a naive value is New York time (EST/EDT).';
comment on column core.equity_cash_flow.accepted_date is
    'When SEC EDGAR accepted the filing (acceptedDate): a naive value is New York time (EST/EDT).';

comment on column core.etfs_profile.expense_ratio is 'Annual expense ratio, in percent (0.0945 = 0.0945 %); NULL when FMP writes 0 (not reported).';
comment on column core.etfs_profile.assets_under_management is 'Assets under management, in the fund''s currency; NULL when FMP writes 0 (not known).';
comment on column core.etfs_profile.nav is 'Net asset value per share, in nav_currency; NULL when FMP writes 0 (not known).';
comment on column core.etfs_profile.holdings_count is 'Number of holdings; NULL when FMP writes 0 (not known).';
comment on column core.etfs_profile.info_updated_at is 'When FMP last updated the information (updatedAt), as given (FMP writes it with Z).';
