-- view: api.fund_top_holdings
-- Grain: one row per identifier per rank, from the identifier's most recent
-- holdings date only (a shorter new list does not keep old ranks alive); the
-- latest version of each. From core.fundata_top_holdings
-- (transforms/fundata/fundata_top_holdings.sql).
create view api.fund_top_holdings as
select
    h.identifier,
    h.holdings_date,
    h.holding_rank,
    h.holding_name,
    h.holding_symbol,
    h.weight,
    h.market_value,
    h.sector,
    h.country,
    h.record_state,
    h.change_date,
    h.data_version,
    h.data_source,
    h.updated_at
from (
    select distinct on (t.identifier, t.holdings_date, t.holding_rank)
        t.*,
        max(t.holdings_date) over (partition by t.identifier) as latest_holdings_date
    from core.fundata_top_holdings_latest as t
    order by t.identifier, t.holdings_date, t.holding_rank,
        t.array_source_field nulls first, t.array_element_index nulls first
) as h
where h.holdings_date = h.latest_holdings_date;

comment on view api.fund_top_holdings is 'One row per identifier per rank: the fund''s top holdings as of its latest holdings date.';
