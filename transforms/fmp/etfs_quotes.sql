-- transform: etfs_quotes
-- version: 1
-- target: core.etfs_quotes
-- datasets: fmp.etf_price
-- Grain: one row per symbol per trading date per version. From FMP daily
-- ETF prices: legacy {symbol, historical: [...]} (newest first) and the stable
-- flat array; columns, typing and price rules in core.fmp_transform_prices
-- (transforms/fmp/fmp_common.sql). Overlapping date windows add nothing:
-- an unchanged day is the same content.

create or replace function core.transform_etfs_quotes(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
begin
    return query select * from core.fmp_transform_prices('etfs_quotes', 'core.etfs_quotes', p_batches);
end
$$;
