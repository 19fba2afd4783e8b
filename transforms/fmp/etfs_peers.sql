-- transform: etfs_peers
-- version: 1
-- target: core.etfs_peers
-- datasets: fmp.etf_peers
-- Grain: one row per symbol per version per peer (array columns). From FMP
-- ETF peers: legacy [{symbol, peersList: [...]}], stable one peer object per
-- row for the requested symbol; see core.fmp_transform_peers
-- (transforms/fmp/fmp_common.sql).

create or replace function core.transform_etfs_peers(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
begin
    return query select * from core.fmp_transform_peers('etfs_peers', 'core.etfs_peers', p_batches);
end
$$;
