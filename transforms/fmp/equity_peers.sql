-- transform: equity_peers
-- version: 1
-- target: core.equity_peers
-- datasets: fmp.equity_peers
-- Grain: one row per symbol per version per peer (array columns). From FMP
-- stock peers: legacy [{symbol, peersList: [...]}], stable one peer object per
-- row for the requested symbol; see core.fmp_transform_peers
-- (transforms/fmp/fmp_common.sql).

create or replace function core.transform_equity_peers(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
begin
    return query select * from core.fmp_transform_peers('equity_peers', 'core.equity_peers', p_batches);
end
$$;
