-- transform: fundata_distributions
-- version: 2
-- target: core.fundata_distributions
-- datasets: fundata.fund_distribution
-- Grain: one row per identifier per distribution (ex) date per version. From
-- the Fundata API's fund/getdistribution CSV rows: amounts per unit.

create or replace function core.transform_fundata_distributions(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_distributions', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'distribution_date day DistributionDate',
        ---------- amounts per unit, DECIMAL(12,2) half away from zero
        'pay_date day PayableDate',
        'total_amount dec12_2 Amount',
        'income_amount dec12_2 IncomeAmount',
        'capital_gains_amount dec12_2 CapitalGainsAmount',
        'return_of_capital_amount dec12_2 ReturnOfCapitalAmount',
        'reinvestment_price dec12_2 ReinvestmentPrice',
        'currency text Currency',
        'frequency text DistributionFrequency',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_distributions', 'core.fundata_distributions', array['identifier', 'distribution_date'],
        array['change_date', 'distribution_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;
