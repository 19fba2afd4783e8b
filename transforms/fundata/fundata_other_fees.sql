-- transform: fundata_other_fees
-- version: 1
-- target: core.fundata_other_fees
-- datasets: fundata.fund_other_fees
-- Grain: one row per identifier per fee type per version. From the Fundata
-- API's fund/getotherfees CSV rows: fees beyond loads and the MER, as an
-- amount of Currency or a percent (docs/FUNDATA-API.md).

create or replace function core.transform_fundata_other_fees(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_other_fees', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'fee_type text FeeType',
        ---------- fee: amount (currency) or percent, DECIMAL(12,2) half away from zero
        'fee_amount dec12_2 FeeAmount',
        'fee_percent dec12_2 FeePercent',
        'currency text Currency',
        'description text Description',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_other_fees', 'core.fundata_other_fees', array['identifier', 'fee_type'],
        array['change_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;
