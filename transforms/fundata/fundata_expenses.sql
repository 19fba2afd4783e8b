-- transform: fundata_expenses
-- version: 2
-- target: core.fundata_expenses
-- datasets: fundata.fund_expense
-- Grain: one row per identifier per version. From the Fundata API's
-- fund/getexpense CSV rows: expense ratios and fees in percent.

create or replace function core.transform_fundata_expenses(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_expenses', p_batches, array[
        ---------- key
        'identifier text InstrumentKey',
        ---------- ratios (percent), DECIMAL(12,2) half away from zero
        'mer_date day MERDate',
        'mer dec12_2 MER',
        'management_fee dec12_2 ManagementFee',
        'trading_expense_ratio dec12_2 TradingExpenseRatio',
        'total_expense_ratio dec12_2 TotalExpenseRatio',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_expenses', 'core.fundata_expenses', array['identifier'],
        array['change_date', 'mer_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;
