-- transform: fundata_top_holdings
-- version: 2
-- target: core.fundata_top_holdings
-- datasets: fundata.fund_top_holding
-- Grain: one row per identifier per holdings date per rank per version. From
-- the Fundata API's fund/gettopholding CSV rows.

create or replace function core.transform_fundata_top_holdings(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_top_holdings', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'holdings_date day HoldingsDate',
        'holding_rank intg Rank',
        ---------- holding
        'holding_name text HoldingName',
        'holding_symbol text HoldingSymbol',
        'weight dec12_2 Weight',
        'market_value dec12_2 MarketValue',
        'sector text Sector',
        'country text Country',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_top_holdings', 'core.fundata_top_holdings', array['identifier', 'holdings_date', 'holding_rank'],
        array['change_date', 'holdings_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;
