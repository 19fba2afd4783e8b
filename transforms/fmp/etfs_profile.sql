-- transform: etfs_profile
-- version: 1
-- target: core.etfs_profile
-- datasets: fmp.etf_profile
-- Grain: one row per ETF symbol per version, one per sectorsList element
-- ({industry, exposure}, exploded into the array columns). From FMP ETF
-- information (legacy /api/v4/etf-info, stable /stable/etf/info).

create or replace function core.transform_etfs_profile(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
begin
    -- stage, keep the remainder, write versions: core.fmp_transform_documents (fmp_common.sql)
    return query select * from core.fmp_transform_documents('etfs_profile', 'core.etfs_profile', p_batches, array[
        ---------- key
        'symbol text symbol|@symbol',
        ---------- fund
        'name text name',
        'description text description',
        'isin text isin',
        'cusip text securityCusip|cusip',
        'asset_class text assetClass',
        'domicile text domicile',
        'website text website',
        'etf_company text etfCompany',
        'inception_date day inceptionDate',
        'nav_currency text navCurrency',
        'info_updated_at ts updatedAt',
        ---------- figures
        'expense_ratio num expenseRatio',
        'assets_under_management num assetsUnderManagement|aum',
        'nav num nav',
        'avg_volume intg avgVolume',
        'holdings_count intg holdingsCount'
    ], array['symbol']);
end
$$;
