-- transform: fundata_data
-- version: 1
-- target: core.fundata_data
-- datasets: fundata.data, fundata.fund_general, fundata.benchmark_general
-- Grain: one row per identifier per version (one per array element when a
-- JSON document holds arrays). From Fundata reference rows: seed CSV files
-- (FundGeneralSeed, BenchmarkGeneralSeed) and the API's general endpoints.

create or replace function core.transform_fundata_data(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    v_issues bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_data', p_batches, array[
        ---------- key
        'identifier text InstrumentKey|identifier',
        ---------- descriptive
        'record_id text RecordId|record_id',
        'language text Language',
        'legal_name text LegalName|name',
        'family_name text FamilyName',
        'series_name text SeriesName',
        'company text Company',
        'inception_date day InceptionDate',
        'currency text Currency',
        'record_state text RecordState',
        'change_date day ChangeDate',
        ---------- numbers, DECIMAL(12,2) half away from zero
        'management_fee dec12_2 ManagementFee',
        'expense_ratio dec12_2 MER|ExpenseRatio',
        'minimum_investment dec12_2 MinimumInvestment',
        'nav_value dec12_2 NAV|NAVPS|nav',
        'yield_rate dec12_2 Yield|yield'
    ]);
    -- Fundata's default currency
    update _stage set currency = 'CAD' where currency is null;

    ---------- quality: missing key (bad values were recorded by core.stage)
    insert into ops.quality_issue (batch_id, line, dataset, transform_name, rule, field, raw_value, detail)
    select s.batch_id, s.line, s.dataset, 'fundata_data', 'missing_identifier', 'identifier',
        s.payload ->> 'InstrumentKey', 'record quarantined'
    from _stage as s
    where s.identifier is null;
    get diagnostics v_issues = row_count;

    ---------- shared instrument registry
    insert into core.instrument as i (identifier, first_batch_id, in_fundata_data)
    select s.identifier, min(s.batch_id), true
    from _stage as s
    where s.identifier is not null
    group by s.identifier
    on conflict (identifier) do update
        set in_fundata_data = true
        where not i.in_fundata_data;

    ---------- versions
    select * into w from core.write_versions('fundata_data', 'core.fundata_data', array['identifier']);

    return query select v_in, w.rows_out, v_issues + w.issues, w.quarantined;
end
$$;
