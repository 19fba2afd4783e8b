-- transform: fundata_yearly_performance
-- version: 2
-- target: core.fundata_yearly_performance
-- datasets: fundata.fund_yearly_performance, fundata.benchmark_yearly_performance
-- Grain: one row per identifier per calendar year per version. From the
-- Fundata API's fund/getyearlyperformance and benchmark/getyearlyperformance
-- CSV rows: returns in percent.

create or replace function core.transform_fundata_yearly_performance(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_yearly_performance', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'performance_year intg Year',
        ---------- returns (percent), DECIMAL(12,2) half away from zero
        'annual_return dec12_2 Return',
        'category_return dec12_2 CategoryReturn',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_yearly_performance', 'core.fundata_yearly_performance', array['identifier', 'performance_year'],
        array['change_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;
