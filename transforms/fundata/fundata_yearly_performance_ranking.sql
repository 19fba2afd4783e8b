-- transform: fundata_yearly_performance_ranking
-- version: 1
-- target: core.fundata_yearly_performance_ranking
-- datasets: fundata.fund_yearly_performance_ranking
-- Grain: one row per identifier per calendar year per version. From the
-- Fundata API's fund/getyearlyperformanceranking CSV rows: the fund's rank
-- within its category for the year (whole numbers) (docs/FUNDATA-API.md).

create or replace function core.transform_fundata_yearly_performance_ranking(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_yearly_performance_ranking', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'performance_year intg Year',
        ---------- ranking (whole numbers)
        'quartile intg Quartile',
        'category_rank intg Rank',
        'category_count intg CategoryCount',
        'percentile_rank intg Percentile',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_yearly_performance_ranking', 'core.fundata_yearly_performance_ranking', array['identifier', 'performance_year'],
        array['change_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;
