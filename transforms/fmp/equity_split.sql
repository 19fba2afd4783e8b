-- transform: equity_split
-- version: 1
-- target: core.equity_split
-- datasets: fmp.equity_split
-- Grain: one row per symbol and ex-date per version. From FMP stock splits:
-- legacy {symbol, historical: [...]} and the stable flat array; columns and
-- typing in core.fmp_split_fields, the steps in
-- core.fmp_transform_corporate_actions (transforms/fmp/fmp_common.sql).
-- A symbol's whole history arrives with each answer: an unchanged ex-date is
-- the same content and adds nothing (docs/CORPORATE-ACTIONS.md).

create or replace function core.transform_equity_split(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
begin
    return query select * from core.fmp_transform_corporate_actions(
        'equity_split', 'core.equity_split', p_batches, core.fmp_split_fields()
    );
end
$$;
