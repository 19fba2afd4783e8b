-- transform: fundata_yearly_performance
-- version: 1
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
    v_issues bigint;
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

    ---------- quality: incomplete keys are quarantined by core.write_versions;
    ---------- say which part was missing (bad values were recorded by core.stage)
    insert into ops.quality_issue (batch_id, line, dataset, transform_name, rule, field, raw_value, identifier, detail)
    select s.batch_id, s.line, s.dataset, 'fundata_yearly_performance',
        case when k.field = 'identifier' then 'missing_identifier' else 'missing_key' end,
        k.field, k.raw_value, s.identifier, 'record quarantined'
    from _stage as s
    cross join lateral (
        values
            ('identifier', s.payload ->> 'InstrumentKey', s.identifier is null),
            ('performance_year', s.payload ->> 'Year', s.performance_year is null)
    ) as k (field, raw_value, is_missing)
    where k.is_missing;
    get diagnostics v_issues = row_count;

    ---------- shared instrument registry
    insert into core.instrument (identifier, first_batch_id)
    select s.identifier, min(s.batch_id)
    from _stage as s
    where s.identifier is not null
    group by s.identifier
    on conflict (identifier) do nothing;

    ---------- versions
    select * into w from core.write_versions('fundata_yearly_performance', 'core.fundata_yearly_performance', array['identifier', 'performance_year']);

    return query select v_in, w.rows_out, v_issues + w.issues, w.quarantined;
end
$$;
