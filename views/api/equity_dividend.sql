-- view: api.equity_dividend
-- Grain: one row per symbol and ex-dividend date: the latest version of that
-- cash dividend. From core.equity_dividend (transforms/fmp/equity_dividend.sql);
-- conventions in docs/CORPORATE-ACTIONS.md.
create view api.equity_dividend as
select
    d.symbol,
    d.date,
    d.dividend,
    d.adj_dividend,
    d.record_date,
    d.payment_date,
    d.declaration_date,
    d.yield,
    d.frequency,
    d.data_version,
    d.api_version,
    d.updated_at
from core.equity_dividend_latest as d;

comment on view api.equity_dividend is 'One row per equity symbol and ex-dividend date: the latest version of the cash dividend (FMP).';
comment on column api.equity_dividend.date is 'Ex-dividend date: the first trading date the share trades without the dividend.';
comment on column api.equity_dividend.dividend is 'Cash dividend per share, trading currency, as declared (shares of the ex-date; not adjusted for later splits).';
comment on column api.equity_dividend.adj_dividend is 'Cash dividend per share, trading currency, adjusted by FMP for the splits after the ex-date (today''s shares).';
comment on column api.equity_dividend.record_date is 'Record date: holders of record on this date receive the dividend; NULL when FMP does not know it.';
comment on column api.equity_dividend.payment_date is 'Payment date; NULL when FMP does not know it.';
comment on column api.equity_dividend.declaration_date is 'Declaration date; NULL when FMP does not know it.';
comment on column api.equity_dividend.yield is 'Percent (2.1 = 2.1 %): FMP''s annualised dividend yield at the ex-date (stable API only; NULL from the legacy API).';
comment on column api.equity_dividend.frequency is 'Payment frequency as FMP writes it (Quarterly, Monthly, ...; stable API only).';
