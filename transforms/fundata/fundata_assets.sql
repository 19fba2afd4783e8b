-- transform: fundata_assets
-- version: 1
-- target: core.fundata_assets
-- datasets: fundata.fund_assets
-- Grain: one row per identifier per assets date per version. From the Fundata
-- API's fund/getassets CSV rows: net assets in millions of the currency.

create or replace function core.transform_fundata_assets(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    v_issues bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_assets', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'assets_date day AssetsDate',
        ---------- assets (millions), DECIMAL(12,2) half away from zero
        'total_net_assets dec12_2 TotalNetAssets',
        'series_net_assets dec12_2 SeriesNetAssets',
        'currency text Currency',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- quality: incomplete keys are quarantined by core.write_versions;
    ---------- say which part was missing (bad values were recorded by core.stage)
    insert into ops.quality_issue (batch_id, line, dataset, transform_name, rule, field, raw_value, identifier, detail)
    select s.batch_id, s.line, s.dataset, 'fundata_assets',
        case when k.field = 'identifier' then 'missing_identifier' else 'missing_key' end,
        k.field, k.raw_value, s.identifier, 'record quarantined'
    from _stage as s
    cross join lateral (
        values
            ('identifier', s.payload ->> 'InstrumentKey', s.identifier is null),
            ('assets_date', s.payload ->> 'AssetsDate', s.assets_date is null)
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
    select * into w from core.write_versions('fundata_assets', 'core.fundata_assets', array['identifier', 'assets_date']);

    return query select v_in, w.rows_out, v_issues + w.issues, w.quarantined;
end
$$;
