-- transform: fundata_data
-- version: 2
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

    ---------- versions (bad values were recorded by core.stage; records that
    ---------- cannot be keyed are quarantined by core.write_versions)
    select * into w from core.write_versions('fundata_data', 'core.fundata_data', array['identifier']);

    ---------- shared instrument registry: the identifiers of the records kept
    perform core.register_instruments(array['identifier'], 'in_fundata_data');

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;
