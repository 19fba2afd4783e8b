-- transform: fundata_top_holdings
-- version: 1
-- target: core.fundata_top_holdings
-- datasets: fundata.fund_top_holding
-- Grain: one row per identifier per holdings date per rank per version. From
-- the Fundata API's fund/gettopholding CSV rows.

create or replace function core.transform_fundata_top_holdings(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    v_issues bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_top_holdings', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'holdings_date day HoldingsDate',
        'holding_rank intg Rank',
        ---------- holding
        'holding_name text HoldingName',
        'holding_symbol text HoldingSymbol',
        'weight dec12_2 Weight',
        'market_value dec12_2 MarketValue',
        'sector text Sector',
        'country text Country',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- quality: incomplete keys are quarantined by core.write_versions;
    ---------- say which part was missing (bad values were recorded by core.stage)
    insert into ops.quality_issue (batch_id, line, dataset, transform_name, rule, field, raw_value, identifier, detail)
    select s.batch_id, s.line, s.dataset, 'fundata_top_holdings',
        case when k.field = 'identifier' then 'missing_identifier' else 'missing_key' end,
        k.field, k.raw_value, s.identifier, 'record quarantined'
    from _stage as s
    cross join lateral (
        values
            ('identifier', s.payload ->> 'InstrumentKey', s.identifier is null),
            ('holdings_date', s.payload ->> 'HoldingsDate', s.holdings_date is null),
            ('holding_rank', s.payload ->> 'Rank', s.holding_rank is null)
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
    select * into w from core.write_versions('fundata_top_holdings', 'core.fundata_top_holdings', array['identifier', 'holdings_date', 'holding_rank']);

    return query select v_in, w.rows_out, v_issues + w.issues, w.quarantined;
end
$$;
