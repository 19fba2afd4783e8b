-- transform: fundata_advanced_performance
-- version: 1
-- target: core.fundata_advanced_performance
-- datasets: fundata.fund_advanced_performance
-- Grain: one row per identifier per version. From the Fundata API's
-- fund/getadvancedperformance CSV rows: longer annualized returns and three-
-- year risk statistics (docs/FUNDATA-API.md).

create or replace function core.transform_fundata_advanced_performance(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_advanced_performance', p_batches, array[
        ---------- key
        'identifier text InstrumentKey',
        ---------- returns and risk (percent; Sharpe and beta in units), DECIMAL(12,2) half away from zero
        'as_of_date day PerformanceAsOfDate',
        'two_year_return dec12_2 TwoYearReturn',
        'four_year_return dec12_2 FourYearReturn',
        'fifteen_year_return dec12_2 FifteenYearReturn',
        'twenty_year_return dec12_2 TwentyYearReturn',
        'standard_deviation_3y dec12_2 StandardDeviation3Yr',
        'sharpe_ratio_3y dec12_2 SharpeRatio3Yr',
        'alpha_3y dec12_2 Alpha3Yr',
        'beta_3y dec12_2 Beta3Yr',
        'r_squared_3y dec12_2 RSquared3Yr',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_advanced_performance', 'core.fundata_advanced_performance', array['identifier'],
        array['change_date', 'as_of_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;
