-- transform: etfs_holdings
-- version: 2
-- target: core.etfs_holdings
-- datasets: fmp.etf_holdings
-- Grain: one row per ETF symbol and holding per version. From FMP ETF
-- holdings, one response per ETF exploded into one document per holding:
-- legacy v3 /etf-holder rows, legacy v4 SEC N-PORT rows, stable rows.
-- holding_key identifies the holding within its ETF's response: its ticker
-- (asset; the N-PORT row's own symbol), else its ISIN (global, where CUSIP
-- is North American), CUSIP, name or title, else its position in the
-- response ('#7'). Placeholders FMP writes where a holding has no such code
-- (CUSIP "000000000", ISIN "N/A", "0", "") are no identifier. A key that two
-- holdings of one response share gets the occurrence number from the second
-- on ('S&P500 EMINI FUT DEC24 #2'), so no holding of a response is lost and
-- the same response gives the same keys.
-- A response is the ETF's whole list: a holding it no longer names gets a row
-- with is_listed = false.

create or replace function core.transform_etfs_holdings(p_batches bigint[], p_run_id bigint)
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
    v_in := core.stage('etfs_holdings', p_batches, array[
        ---------- the ETF: the requested symbol (stable rows repeat it as symbol)
        'symbol text @symbol|symbol',
        ---------- holding
        'asset text asset',
        'name text name',
        'isin text isin',
        'cusip text securityCusip|cusip',
        'shares_number num sharesNumber|balance',
        'weight_percentage pct weightPercentage|pctVal',
        'market_value num marketValue|valUsd',
        -- FMP's own time of the list; a naive value is read as UTC
        'holding_updated_at ts updatedAt|updated',
        ---------- SEC N-PORT detail (legacy v4 rows)
        'report_date day date',
        'cik text cik',
        -- EDGAR's acceptance time: a naive value is New York time
        'acceptance_time ts_new_york acceptanceTime',
        'lei text lei',
        'title text title',
        'units text units',
        'currency text cur_cd',
        'payoff_profile text payoffProfile',
        'asset_category text assetCat',
        'issuer_category text issuerCat',
        'investment_country text invCountry',
        'is_restricted_security bool isRestrictedSec|isRestricted',
        'fair_value_level intg fairValLevel',
        'is_cash_collateral bool isCashCollateral',
        'is_non_cash_collateral bool isNonCashCollateral',
        'is_loan_by_fund bool isLoanByFund'
    ], core.fmp_docs('rows'));

    ---------- placeholders are not identifiers: NULL, each reported once
    insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, raw_value, identifier, detail)
    select s.batch_id, s.line, s.elem, s.dataset, 'etfs_holdings', 'placeholder_identifier', k.key, left(s.payload ->> k.key, 200), s.symbol,
        'a placeholder, not an identifier: NULL, the holding is keyed by its next identifier, name or position'
    from _stage as s
    cross join unnest(array['asset', 'symbol', 'isin', 'cusip', 'securityCusip', 'lei']) as k (key)
    where jsonb_typeof(s.payload -> k.key) in ('string', 'number')
        and core.clean_text(s.payload ->> k.key) is not null
        and core.fmp_identifier(s.payload ->> k.key) is null;
    get diagnostics v_issues = row_count;

    -- fairValLevel is the ASC 820 level: 1, 2 or 3 ("N/A": not categorized)
    insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, raw_value, identifier, detail)
    select s.batch_id, s.line, s.elem, s.dataset, 'etfs_holdings', 'out_of_range', 'fairValLevel', s.payload ->> 'fairValLevel', s.symbol,
        'a fair value level is 1, 2 or 3'
    from _stage as s
    where s.fair_value_level not between 1 and 3;
    get diagnostics v_n = row_count;
    v_issues := v_issues + v_n;

    ---------- the holding's identity
    alter table _stage
        add column holding_key text collate "C",
        add column is_listed boolean not null default true;
    with
    keyed as (
        select
            s.batch_id, s.line, s.elem, s.symbol,
            h.asset,
            coalesce(h.asset, core.fmp_identifier(s.isin), core.fmp_identifier(s.cusip), s.name, s.title) as base_key
        from _stage as s
        -- an N-PORT row's symbol is the holding's (the ETF's in stable rows)
        cross join lateral (
            select coalesce(core.fmp_identifier(s.asset),
                nullif(core.fmp_identifier(s.payload ->> 'symbol'), s.symbol)) collate "C" as asset
        ) as h
    ),
    numbered as (
        select k.*,
            row_number() over (partition by k.batch_id, k.symbol, k.base_key order by k.line, k.elem) as occurrence
        from keyed as k
    )
    update _stage as s
    set asset = n.asset,
        isin = core.fmp_identifier(s.isin),
        cusip = core.fmp_identifier(s.cusip),
        lei = core.fmp_identifier(s.lei),
        holding_key = case
            when n.base_key is null then '#' || (s.elem + 1)
            when n.occurrence = 1 then n.base_key
            else n.base_key || ' #' || n.occurrence
        end,
        fair_value_level = case when s.fair_value_level between 1 and 3 then s.fair_value_level end
    from numbered as n
    where n.batch_id = s.batch_id and n.line = s.line and n.elem = s.elem;

    ---------- holdings a later response no longer lists
    perform core.fmp_mark_unlisted('core.etfs_holdings', 'symbol', 'holding_key');

    ---------- versions
    select * into w from core.write_versions('etfs_holdings', 'core.etfs_holdings', array['symbol', 'holding_key']);
    return query select v_in, w.rows_out, v_issues + w.issues, w.quarantined;
end
$$;
