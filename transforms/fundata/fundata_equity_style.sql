-- transform: fundata_equity_style
-- version: 1
-- target: core.fundata_equity_style
-- datasets: fundata.fund_equity_style
-- Grain: one row per identifier per version. From the Fundata API's
-- fund/getequitystyle CSV rows: the equity style box and portfolio ratios
-- (docs/FUNDATA-API.md).

create or replace function core.transform_fundata_equity_style(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_equity_style', p_batches, array[
        ---------- key
        'identifier text InstrumentKey',
        ---------- style; average market cap in millions, ratios in times, yield in percent, DECIMAL(12,2)
        'style_date day StyleDate',
        'market_cap_style text MarketCapitalization',
        'investment_style text InvestmentStyle',
        'average_market_cap dec12_2 AverageMarketCap',
        'price_to_earnings dec12_2 PriceToEarnings',
        'price_to_book dec12_2 PriceToBook',
        'dividend_yield dec12_2 DividendYield',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_equity_style', 'core.fundata_equity_style', array['identifier'],
        array['change_date', 'style_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;
