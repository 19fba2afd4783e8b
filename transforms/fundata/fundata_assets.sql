-- transform: fundata_assets
-- version: 2
-- target: core.fundata_assets
-- datasets: fundata.fund_assets
-- Grain: one row per identifier per assets date per version. From the Fundata
-- API's fund/getassets CSV rows: net assets in millions of the currency.

create or replace function core.transform_fundata_assets(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_assets', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'assets_date day AssetsDate',
        ---------- assets (millions), DECIMAL(12,2) half away from zero
        'total_net_assets dec12_2 TotalNetAssets',
        'series_net_assets dec12_2 SeriesNetAssets',
        'currency text Currency',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_assets', 'core.fundata_assets', array['identifier', 'assets_date'],
        array['change_date', 'assets_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;
