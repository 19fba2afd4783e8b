-- view: api.fund_equity_style
-- Grain: one row per identifier: the latest version of its equity style.
-- From core.fundata_equity_style (transforms/fundata/fundata_equity_style.sql); units in the column comments
-- and docs/FUNDATA-API.md.
create view api.fund_equity_style as
select distinct on (e.identifier)
    e.identifier,
    e.style_date,
    e.market_cap_style,
    e.investment_style,
    e.average_market_cap,
    e.price_to_earnings,
    e.price_to_book,
    e.dividend_yield,
    e.record_state,
    e.change_date,
    e.data_version,
    e.data_source,
    e.updated_at
from core.fundata_equity_style_latest as e
order by e.identifier,
    e.array_source_field nulls first, e.array_element_index nulls first;

comment on view api.fund_equity_style is 'One row per identifier: a fund''s equity style box and portfolio ratios, latest version.';
comment on column api.fund_equity_style.identifier is 'Fundata InstrumentKey of the fund.';
comment on column api.fund_equity_style.style_date is 'Portfolio date the style was computed for.';
comment on column api.fund_equity_style.market_cap_style is 'Size axis of the style box: Large, Mid or Small.';
comment on column api.fund_equity_style.investment_style is 'Value axis of the style box: Value, Blend or Growth.';
comment on column api.fund_equity_style.average_market_cap is 'Weighted average market capitalization of the equity holdings, in millions of the fund currency, DECIMAL(12,2).';
comment on column api.fund_equity_style.price_to_earnings is 'Weighted average price/earnings of the holdings, in times (x), DECIMAL(12,2).';
comment on column api.fund_equity_style.price_to_book is 'Weighted average price/book of the holdings, in times (x), DECIMAL(12,2).';
comment on column api.fund_equity_style.dividend_yield is 'Weighted average dividend yield of the holdings, in percent (2.5 = 2.5 %), DECIMAL(12,2).';
comment on column api.fund_equity_style.record_state is 'Fundata RecordState of the record (Active, Inactive, ...).';
comment on column api.fund_equity_style.change_date is 'Fundata ChangeDate: when the vendor last changed the record; orders the versions.';
comment on column api.fund_equity_style.data_version is 'Version of the row in core (1 = first seen; +1 on each change of content).';
comment on column api.fund_equity_style.data_source is 'Where the version came from: API (the Fundata dbsync API) or CSV.';
comment on column api.fund_equity_style.updated_at is 'When the batch of this version landed (UTC).';
