-- transform: etfs_profile
-- version: 2
-- target: core.etfs_profile
-- datasets: fmp.etf_profile
-- Grain: one row per ETF symbol per version, one per sectorsList element
-- ({industry, exposure}, exploded into the array columns). From FMP ETF
-- information (legacy /api/v4/etf-info, stable /stable/etf/info). FMP
-- writes 0 for an expense ratio, assets under management, holdings count or
-- NAV it does not know: those are NULL and a 'zero_means_unknown' issue.

create or replace function core.transform_etfs_profile(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_fields constant text[] := array[
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
    ];
    v_in bigint;
    v_issues bigint;
    w record;
begin
    v_in := core.stage('etfs_profile', p_batches, v_fields, core.fmp_docs('rows'));
    v_issues := core.fmp_keep_remainder('etfs_profile', v_fields);
    ---------- 0 is "not known" here: a listed ETF has assets, holdings and a NAV, and
    ---------- FMP writes an expense ratio of 0 for funds that report none (a fee
    ---------- waived to 0 % reads the same; the issue keeps the raw 0)
    v_issues := v_issues + core.fmp_zero_means_unknown('etfs_profile', array[
        'expense_ratio expenseRatio',
        'assets_under_management assetsUnderManagement|aum',
        'nav nav',
        'holdings_count holdingsCount'
    ]);
    select * into w from core.write_versions('etfs_profile', 'core.etfs_profile', array['symbol']);
    return query select v_in, w.rows_out, v_issues + w.issues, w.quarantined;
end
$$;
