-- transform: etfs_holdings
-- version: 1
-- target: core.etfs_holdings
-- datasets: fmp.etf_holdings
-- Grain: one row per ETF symbol and holding per version. From FMP ETF
-- holdings, one response per ETF exploded into one document per holding:
-- legacy v3 /etf-holder rows, legacy v4 SEC N-PORT rows, stable rows.
-- holding_key identifies the holding: its ticker (asset; the N-PORT row's
-- own symbol), else its ISIN, CUSIP or name. A response is the ETF's whole
-- list: a holding it no longer names gets a row with is_listed = false.

create or replace function core.transform_etfs_holdings(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
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
        'holding_updated_at ts updatedAt|updated',
        ---------- SEC N-PORT detail (legacy v4 rows)
        'report_date day date',
        'cik text cik',
        'acceptance_time ts acceptanceTime',
        'lei text lei',
        'title text title',
        'units text units',
        'currency text cur_cd',
        'payoff_profile text payoffProfile',
        'asset_category text assetCat',
        'issuer_category text issuerCat',
        'investment_country text invCountry',
        'is_restricted_security bool isRestrictedSec',
        'fair_value_level text fairValLevel'
    ], core.fmp_docs('rows'));

    ---------- the holding's identity
    alter table _stage
        add column holding_key text collate "C",
        add column is_listed boolean not null default true;
    -- an N-PORT row's symbol is the holding's (the ETF's in stable rows)
    update _stage as s
    set asset = coalesce(s.asset, nullif(core.clean_text(s.payload ->> 'symbol'), s.symbol)),
        holding_key = coalesce(s.asset, nullif(core.clean_text(s.payload ->> 'symbol'), s.symbol), s.isin, s.cusip, s.name);

    ---------- holdings a later response no longer lists
    perform core.fmp_mark_unlisted('core.etfs_holdings', 'symbol', 'holding_key');

    ---------- versions
    select * into w from core.write_versions('etfs_holdings', 'core.etfs_holdings', array['symbol', 'holding_key']);
    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;
