-- transform: fundata_performance_summary
-- version: 1
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
    v_issues bigint;
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

    ---------- quality: incomplete keys are quarantined by core.write_versions;
    ---------- say which part was missing (bad values were recorded by core.stage)
    insert into ops.quality_issue (batch_id, line, dataset, transform_name, rule, field, raw_value, identifier, detail)
    select s.batch_id, s.line, s.dataset, 'fundata_performance_summary',
        case when k.field = 'identifier' then 'missing_identifier' else 'missing_key' end,
        k.field, k.raw_value, s.identifier, 'record quarantined'
    from _stage as s
    cross join lateral (
        values
            ('identifier', s.payload ->> 'InstrumentKey', s.identifier is null)
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
    select * into w from core.write_versions('fundata_performance_summary', 'core.fundata_performance_summary', array['identifier']);

    return query select v_in, w.rows_out, v_issues + w.issues, w.quarantined;
end
$$;
