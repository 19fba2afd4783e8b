-- transform: fundata_yearly_performance_risk
-- version: 1
-- target: core.fundata_yearly_performance_risk
-- datasets: fundata.fund_yearly_performance_risk
-- Grain: one row per identifier per calendar year per version. From the
-- Fundata API's fund/getyearlyperformancerisk CSV rows: the year's risk
-- statistics from monthly returns (docs/FUNDATA-API.md).

create or replace function core.transform_fundata_yearly_performance_risk(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_yearly_performance_risk', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'performance_year intg Year',
        ---------- risk (percent; Sharpe in units), DECIMAL(12,2) half away from zero
        'standard_deviation dec12_2 StandardDeviation',
        'sharpe_ratio dec12_2 SharpeRatio',
        'max_drawdown dec12_2 MaxDrawdown',
        'best_month_return dec12_2 BestMonthReturn',
        'worst_month_return dec12_2 WorstMonthReturn',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_yearly_performance_risk', 'core.fundata_yearly_performance_risk', array['identifier', 'performance_year'],
        array['change_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;
