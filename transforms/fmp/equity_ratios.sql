-- transform: equity_ratios
-- version: 2
-- target: core.equity_ratios
-- datasets: fmp.ratios
-- Grain: one row per symbol, period and fiscal period end date per version.
-- From FMP financial ratios, both API generations.

create or replace function core.transform_equity_ratios(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
begin
    -- stage, keep the remainder, write versions: core.fmp_transform_documents (fmp_common.sql)
    return query select * from core.fmp_transform_documents('equity_ratios', 'core.equity_ratios', p_batches, array[
        ---------- keys
        'symbol text symbol|@symbol',
        'period text period',
        'date day date',
        'fiscal_year intg fiscalYear|calendarYear',
        'reported_currency text reportedCurrency',
        ---------- liquidity and cycle
        'current_ratio num currentRatio',
        'quick_ratio num quickRatio',
        'cash_ratio num cashRatio',
        'solvency_ratio num solvencyRatio',
        'days_of_sales_outstanding num daysOfSalesOutstanding',
        'days_of_inventory_outstanding num daysOfInventoryOutstanding',
        'operating_cycle num operatingCycle',
        'days_of_payables_outstanding num daysOfPayablesOutstanding',
        'cash_conversion_cycle num cashConversionCycle',
        ---------- margins and returns
        'gross_profit_margin num grossProfitMargin',
        'ebit_margin num ebitMargin',
        'ebitda_margin num ebitdaMargin',
        'operating_profit_margin num operatingProfitMargin',
        'pretax_profit_margin num pretaxProfitMargin',
        'continuous_operations_profit_margin num continuousOperationsProfitMargin',
        'net_profit_margin num netProfitMargin',
        'bottom_line_profit_margin num bottomLineProfitMargin',
        'effective_tax_rate num effectiveTaxRate',
        'return_on_assets num returnOnAssets',
        'return_on_equity num returnOnEquity',
        'return_on_capital_employed num returnOnCapitalEmployed',
        'net_income_per_ebt num netIncomePerEBT',
        'ebt_per_ebit num ebtPerEbit',
        'ebit_per_revenue num ebitPerRevenue',
        ---------- leverage
        'debt_to_assets_ratio num debtToAssetsRatio|debtRatio',
        'debt_to_equity_ratio num debtToEquityRatio|debtEquityRatio',
        'debt_to_capital_ratio num debtToCapitalRatio|totalDebtToCapitalization',
        'long_term_debt_to_capital_ratio num longTermDebtToCapitalRatio|longTermDebtToCapitalization',
        'interest_coverage_ratio num interestCoverageRatio|interestCoverage',
        'cash_flow_to_debt_ratio num cashFlowToDebtRatio',
        'financial_leverage_ratio num financialLeverageRatio|companyEquityMultiplier',
        'debt_to_market_cap num debtToMarketCap',
        ---------- turnover
        'receivables_turnover num receivablesTurnover',
        'payables_turnover num payablesTurnover',
        'inventory_turnover num inventoryTurnover',
        'fixed_asset_turnover num fixedAssetTurnover',
        'asset_turnover num assetTurnover',
        'working_capital_turnover_ratio num workingCapitalTurnoverRatio',
        ---------- per share
        'revenue_per_share num revenuePerShare',
        'net_income_per_share num netIncomePerShare',
        'interest_debt_per_share num interestDebtPerShare',
        'cash_per_share num cashPerShare',
        'book_value_per_share num bookValuePerShare',
        'tangible_book_value_per_share num tangibleBookValuePerShare',
        'shareholders_equity_per_share num shareholdersEquityPerShare',
        'operating_cash_flow_per_share num operatingCashFlowPerShare',
        'capex_per_share num capexPerShare',
        'free_cash_flow_per_share num freeCashFlowPerShare',
        ---------- cash flow coverage
        'operating_cash_flow_ratio num operatingCashFlowRatio',
        'operating_cash_flow_sales_ratio num operatingCashFlowSalesRatio',
        'free_cash_flow_operating_cash_flow_ratio num freeCashFlowOperatingCashFlowRatio',
        'operating_cash_flow_coverage_ratio num operatingCashFlowCoverageRatio|cashFlowCoverageRatios',
        'short_term_operating_cash_flow_coverage_ratio num shortTermOperatingCashFlowCoverageRatio|shortTermCoverageRatios',
        'capital_expenditure_coverage_ratio num capitalExpenditureCoverageRatio',
        'dividend_paid_and_capex_coverage_ratio num dividendPaidAndCapexCoverageRatio',
        'debt_service_coverage_ratio num debtServiceCoverageRatio',
        ---------- dividends and valuation
        'payout_ratio num payoutRatio',
        'dividend_payout_ratio num dividendPayoutRatio',
        'dividend_yield num dividendYield',
        'dividend_yield_percentage num dividendYieldPercentage',
        'dividend_per_share num dividendPerShare',
        'price_to_earnings_ratio num priceToEarningsRatio|priceEarningsRatio',
        'price_to_earnings_growth_ratio num priceToEarningsGrowthRatio|priceEarningsToGrowthRatio',
        'forward_price_to_earnings_growth_ratio num forwardPriceToEarningsGrowthRatio',
        'price_to_book_ratio num priceToBookRatio|priceBookValueRatio',
        'price_to_sales_ratio num priceToSalesRatio|priceSalesRatio',
        'price_to_free_cash_flow_ratio num priceToFreeCashFlowRatio|priceToFreeCashFlowsRatio',
        'price_to_operating_cash_flow_ratio num priceToOperatingCashFlowRatio|priceToOperatingCashFlowsRatio',
        'price_cash_flow_ratio num priceCashFlowRatio',
        'enterprise_value_multiple num enterpriseValueMultiple',
        'price_to_fair_value num priceToFairValue|priceFairValue'
    ], array['symbol', 'period', 'date'],
        array['date']);
end
$$;
