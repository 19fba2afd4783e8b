-- transform: fundata_quotes
-- version: 6
-- target: core.fundata_quotes
-- datasets: fundata.quotes, fundata.fund_daily_navps
-- Grain: one row per identifier per date per version (one per array element
-- when a JSON document holds arrays). From Fundata daily NAVPS rows: seed CSV
-- files (data_source CSV) and the API (data_source API).

create or replace function core.transform_fundata_quotes(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    v_issues bigint;
    v_n bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_quotes', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey|identifier',
        'date day Date|date',
        ---------- prices, DECIMAL(12,2) half away from zero
        'navps dec12_2 NAVPS|navps|nav',
        'navps_penny_change dec12_2 NAVPSPennyChange',
        'navps_percent_change dec12_2 NAVPSPercentChange',
        'previous_date day PreviousDate',
        'previous_navps dec12_2 PreviousNAVPS',
        'current_yield dec12_2 CurrentYield|yield',
        'current_yield_percent_change dec12_2 CurrentYieldPercentChange',
        'price dec12_2 Price|price',
        'volume_weighted_price dec12_2 VolumeWeightedPrice',
        'bid_price dec12_2 BidPrice',
        'ask_price dec12_2 AskPrice',
        'split dec12_2 Split',
        ---------- record
        'record_id text RecordId|record_id',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- quality: price rules (bad values were recorded by core.stage,
    ---------- records without a key by core.write_versions)
    insert into ops.quality_issue (batch_id, line, dataset, transform_name, rule, field, raw_value, identifier, detail)
    select s.batch_id, s.line, s.dataset, 'fundata_quotes', r.rule, r.field, r.raw_value, s.identifier, r.detail
    from _stage as s
    cross join lateral (
        select 'non_positive_price' as rule, 'navps' as field, core.staged_record(s.batch_id, s.line, s.payload) ->> 'NAVPS' as raw_value, null::text as detail
        where s.navps <= 0
        union all
        select 'price_jump', 'navps', core.staged_record(s.batch_id, s.line, s.payload) ->> 'NAVPS',
            format('%s -> %s: more than 15%% from the previous NAVPS', s.previous_navps, s.navps)
        where s.previous_navps > 0 and abs(s.navps - s.previous_navps) > 0.15 * s.previous_navps
    ) as r
    where s.navps <= 0
        or (s.previous_navps > 0 and abs(s.navps - s.previous_navps) > 0.15 * s.previous_navps);
    get diagnostics v_issues = row_count;

    ---------- quality: stale data — an instrument whose newest NAVPS in a batch
    ---------- is more than 7 days older than the newest date the batch reaches
    insert into ops.quality_issue (batch_id, line, dataset, transform_name, rule, field, raw_value, identifier, detail)
    select l.batch_id, l.line, l.dataset, 'fundata_quotes', 'stale_data', 'date', l.date::text, l.identifier,
        format('newest NAVPS of %s is on %s; the batch reaches %s', l.identifier, l.date, l.batch_newest)
    from (
        -- the newest (date, line) per instrument per batch, by hashing, not sorting
        select g.batch_id, g.dataset, g.identifier,
            date '2000-01-01' + g.newest[1] as date, g.newest[2] as line,
            max(date '2000-01-01' + g.newest[1]) over (partition by g.batch_id) as batch_newest
        from (
            select s.batch_id, s.dataset, s.identifier, max(array[s.date - date '2000-01-01', s.line]) as newest
            from _stage as s
            where s.identifier is not null and s.date is not null
            group by s.batch_id, s.dataset, s.identifier
        ) as g
    ) as l
    where l.date < l.batch_newest - 7;
    get diagnostics v_n = row_count;
    v_issues := v_issues + v_n;

    ---------- the yearly partitions the records' dates need (docs/SCALING.md)
    perform core.create_date_partitions('core.fundata_quotes', array(
        select distinct extract(year from s.date)::integer from _stage as s where s.date is not null));

    ---------- versions
    select * into w from core.write_versions('fundata_quotes', 'core.fundata_quotes', array['identifier', 'date'],
        array['change_date', 'date']);

    ---------- the newest date of each fund among its current versions, with
    ---------- that day's current version and values (api.fund_latest_nav)
    execute core.newest_day_upsert_sql('core.fundata_quotes', 'identifier', array['data_version', 'navps',
        'previous_date', 'previous_navps', 'navps_penny_change', 'navps_percent_change', 'current_yield', 'updated_at']);

    ---------- shared instrument registry: the identifiers of the records kept
    perform core.register_instruments(array['identifier', 'date'], 'in_fundata_quotes');

    return query select v_in, w.rows_out, v_issues + w.issues, w.quarantined;
end
$$;
