-- transform: etfs_country_weightings
-- version: 2
-- target: core.etfs_country_weightings
-- datasets: fmp.etf_country_weightings
-- Grain: one row per ETF symbol and country per version. From FMP ETF country
-- weightings, one response per ETF (weights as "86.68%" strings or numbers,
-- in percent). A response is the ETF's whole list: a country it no longer
-- names gets a row with is_listed = false.

create or replace function core.transform_etfs_country_weightings(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('etfs_country_weightings', p_batches, array[
        ---------- keys: the ETF is the requested symbol
        'symbol text @symbol|symbol',
        'country text country',
        ---------- weight, percent
        'weight_percentage pct weightPercentage'
    ], core.fmp_docs('rows'));

    ---------- countries a later response no longer lists
    alter table _stage add column is_listed boolean not null default true;
    perform core.fmp_mark_unlisted('core.etfs_country_weightings', 'symbol', 'country', '{}');

    ---------- versions
    select * into w from core.write_versions('etfs_country_weightings', 'core.etfs_country_weightings', array['symbol', 'country'],
        '{}');
    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;
