-- transform: equity_key_metrics
-- version: 2
-- target: core.equity_key_metrics
-- datasets: fmp.key_metrics
-- Grain: one row per symbol, period and fiscal period end date per version.
-- From FMP key metrics, both API generations.

create or replace function core.transform_equity_key_metrics(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
begin
    -- stage, keep the remainder, write versions: core.fmp_transform_documents (fmp_common.sql)
    return query select * from core.fmp_transform_documents('equity_key_metrics', 'core.equity_key_metrics', p_batches, array[
        ---------- keys
        'symbol text symbol|@symbol',
        'period text period',
        'date day date',
        'fiscal_year intg fiscalYear|calendarYear',
        'reported_currency text reportedCurrency',
        ---------- valuation
        'market_cap num marketCap',
        'enterprise_value num enterpriseValue',
        'pe_ratio num peRatio',
        'price_to_sales_ratio num priceToSalesRatio',
        'pocf_ratio num pocfratio',
        'pfcf_ratio num pfcfRatio',
        'pb_ratio num pbRatio',
        'ptb_ratio num ptbRatio',
        'ev_to_sales num evToSales',
        'ev_to_ebitda num evToEBITDA|enterpriseValueOverEBITDA',
        'ev_to_operating_cash_flow num evToOperatingCashFlow',
        'ev_to_free_cash_flow num evToFreeCashFlow',
        'earnings_yield num earningsYield',
        'free_cash_flow_yield num freeCashFlowYield',
        'graham_number num grahamNumber',
        'graham_net_net num grahamNetNet',
        ---------- per share
        'revenue_per_share num revenuePerShare',
        'net_income_per_share num netIncomePerShare',
        'operating_cash_flow_per_share num operatingCashFlowPerShare',
        'free_cash_flow_per_share num freeCashFlowPerShare',
        'cash_per_share num cashPerShare',
        'book_value_per_share num bookValuePerShare',
        'tangible_book_value_per_share num tangibleBookValuePerShare',
        'shareholders_equity_per_share num shareholdersEquityPerShare',
        'interest_debt_per_share num interestDebtPerShare',
        'capex_per_share num capexPerShare',
        ---------- leverage and quality
        'debt_to_equity num debtToEquity',
        'debt_to_assets num debtToAssets',
        'net_debt_to_ebitda num netDebtToEBITDA',
        'current_ratio num currentRatio',
        'interest_coverage num interestCoverage',
        'income_quality num incomeQuality',
        'tax_burden num taxBurden',
        'interest_burden num interestBurden',
        'dividend_yield num dividendYield',
        'payout_ratio num payoutRatio',
        ---------- intensity (legacy key misspelled "Ddevelopement")
        'sales_general_and_administrative_to_revenue num salesGeneralAndAdministrativeToRevenue',
        'research_and_development_to_revenue num researchAndDevelopementToRevenue|researchAndDdevelopementToRevenue|researchAndDevelopmentToRevenue',
        'intangibles_to_total_assets num intangiblesToTotalAssets',
        'capex_to_operating_cash_flow num capexToOperatingCashFlow',
        'capex_to_revenue num capexToRevenue',
        'capex_to_depreciation num capexToDepreciation',
        'stock_based_compensation_to_revenue num stockBasedCompensationToRevenue',
        ---------- returns
        'return_on_equity num returnOnEquity|roe',
        'return_on_invested_capital num returnOnInvestedCapital|roic',
        'return_on_assets num returnOnAssets',
        'operating_return_on_assets num operatingReturnOnAssets',
        'return_on_tangible_assets num returnOnTangibleAssets',
        'return_on_capital_employed num returnOnCapitalEmployed',
        ---------- capital and working capital
        'working_capital num workingCapital',
        'tangible_asset_value num tangibleAssetValue',
        'net_current_asset_value num netCurrentAssetValue',
        'invested_capital num investedCapital',
        'average_receivables num averageReceivables',
        'average_payables num averagePayables',
        'average_inventory num averageInventory',
        'days_of_sales_outstanding num daysOfSalesOutstanding|daysSalesOutstanding',
        'days_of_payables_outstanding num daysOfPayablesOutstanding|daysPayablesOutstanding',
        'days_of_inventory_outstanding num daysOfInventoryOutstanding|daysOfInventoryOnHand',
        'receivables_turnover num receivablesTurnover',
        'payables_turnover num payablesTurnover',
        'inventory_turnover num inventoryTurnover',
        'operating_cycle num operatingCycle',
        'cash_conversion_cycle num cashConversionCycle',
        'free_cash_flow_to_equity num freeCashFlowToEquity',
        'free_cash_flow_to_firm num freeCashFlowToFirm'
    ], array['symbol', 'period', 'date'],
        array['date']);
end
$$;
