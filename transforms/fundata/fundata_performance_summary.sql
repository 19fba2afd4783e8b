-- transform: fundata_performance_summary
-- version: 2
-- target: core.fundata_performance_summary
-- datasets: fundata.fund_performance_summary
-- Grain: one row per identifier per version. From the Fundata API's
-- fund/getperformancesummary CSV rows: trailing returns in percent.

create or replace function core.transform_fundata_performance_summary(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_performance_summary', p_batches, array[
        ---------- key
        'identifier text InstrumentKey',
        ---------- returns (percent), DECIMAL(12,2) half away from zero
        'as_of_date day PerformanceAsOfDate',
        'one_month_return dec12_2 OneMonthReturn',
        'three_month_return dec12_2 ThreeMonthReturn',
        'six_month_return dec12_2 SixMonthReturn',
        'ytd_return dec12_2 YearToDateReturn',
        'one_year_return dec12_2 OneYearReturn',
        'three_year_return dec12_2 ThreeYearReturn',
        'five_year_return dec12_2 FiveYearReturn',
        'ten_year_return dec12_2 TenYearReturn',
        'inception_return dec12_2 InceptionReturn',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_performance_summary', 'core.fundata_performance_summary', array['identifier'],
        array['change_date', 'as_of_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;
