-- transform: equity_profile
-- version: 2
-- target: core.equity_profile
-- datasets: fmp.profile
-- Grain: one row per symbol per version. From FMP company profiles (weekly),
-- both API generations: where the generations name a field differently, its
-- line lists both keys.

create or replace function core.transform_equity_profile(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
begin
    -- stage, keep the remainder, write versions: core.fmp_transform_documents (fmp_common.sql)
    return query select * from core.fmp_transform_documents('equity_profile', 'core.equity_profile', p_batches, array[
        ---------- key
        'symbol text symbol',
        ---------- company
        'company_name text companyName',
        'exchange text exchangeShortName|exchange',
        'exchange_full_name text exchangeFullName|exchange',
        'sector text sector',
        'industry text industry',
        'country text country',
        'currency text currency',
        'cik text cik',
        'isin text isin',
        'cusip text cusip',
        'ceo text ceo',
        'employees intg fullTimeEmployees',
        'website text website',
        'description text description',
        'phone text phone',
        'address text address',
        'city text city',
        'state text state',
        'zip text zip',
        'image text image',
        'default_image bool defaultImage',
        'ipo_date day ipoDate',
        'is_etf bool isEtf',
        'is_actively_trading bool isActivelyTrading',
        'is_adr bool isAdr',
        'is_fund bool isFund',
        ---------- market data
        'price num price',
        'beta num beta',
        'market_cap num mktCap|marketCap',
        'average_volume intg volAvg|averageVolume',
        'volume intg volume',
        'last_dividend num lastDiv|lastDividend',
        'price_range text range',
        'change num changes|change',
        'change_percent num changePercentage',
        'dcf num dcf',
        'dcf_diff num dcfDiff'
    ], array['symbol'],
        '{}');
end
$$;
