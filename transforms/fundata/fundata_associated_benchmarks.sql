-- transform: fundata_associated_benchmarks
-- version: 1
-- target: core.fundata_associated_benchmarks
-- datasets: fundata.fund_associated_benchmark
-- Grain: one row per identifier per benchmark per version. From the Fundata
-- API's fund/getassociatedbenchmark CSV rows: the benchmarks a fund is
-- compared with (a blend's weight in percent) (docs/FUNDATA-API.md).

create or replace function core.transform_fundata_associated_benchmarks(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_associated_benchmarks', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'benchmark_identifier text BenchmarkInstrumentKey',
        ---------- benchmark: weight (percent), DECIMAL(12,2) half away from zero
        'benchmark_name text BenchmarkName',
        'benchmark_type text BenchmarkType',
        'weight dec12_2 Weight',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_associated_benchmarks', 'core.fundata_associated_benchmarks', array['identifier', 'benchmark_identifier'],
        array['change_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;
