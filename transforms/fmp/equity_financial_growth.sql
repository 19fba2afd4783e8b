-- transform: equity_financial_growth
-- version: 2
-- target: core.equity_financial_growth
-- datasets: fmp.financial_growth
-- Grain: one row per symbol, period and fiscal period end date per version.
-- From FMP financial growth, both API generations.

create or replace function core.transform_equity_financial_growth(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
begin
    -- stage, keep the remainder, write versions: core.fmp_transform_documents (fmp_common.sql)
    return query select * from core.fmp_transform_documents('equity_financial_growth', 'core.equity_financial_growth', p_batches, array[
        ---------- keys
        'symbol text symbol|@symbol',
        'period text period',
        'date day date',
        'fiscal_year intg fiscalYear|calendarYear',
        'reported_currency text reportedCurrency',
        ---------- growth
        'revenue_growth num revenueGrowth',
        'gross_profit_growth num grossProfitGrowth',
        'ebit_growth num ebitgrowth',
        'ebitda_growth num ebitdaGrowth',
        'operating_income_growth num operatingIncomeGrowth',
        'net_income_growth num netIncomeGrowth',
        'eps_growth num epsgrowth',
        'eps_diluted_growth num epsdilutedGrowth',
        'weighted_average_shares_growth num weightedAverageSharesGrowth',
        'weighted_average_shares_diluted_growth num weightedAverageSharesDilutedGrowth',
        'dividends_per_share_growth num dividendsPerShareGrowth|dividendsperShareGrowth',
        'operating_cash_flow_growth num operatingCashFlowGrowth',
        'free_cash_flow_growth num freeCashFlowGrowth',
        'receivables_growth num receivablesGrowth',
        'inventory_growth num inventoryGrowth',
        'asset_growth num assetGrowth',
        'book_value_per_share_growth num bookValueperShareGrowth|bookValuePerShareGrowth',
        'debt_growth num debtGrowth',
        'rd_expense_growth num rdexpenseGrowth',
        'sga_expenses_growth num sgaexpensesGrowth',
        'growth_capital_expenditure num growthCapitalExpenditure',
        ---------- per-share growth over 10, 5 and 3 years
        'ten_y_revenue_growth_per_share num tenYRevenueGrowthPerShare',
        'five_y_revenue_growth_per_share num fiveYRevenueGrowthPerShare',
        'three_y_revenue_growth_per_share num threeYRevenueGrowthPerShare',
        'ten_y_operating_cf_growth_per_share num tenYOperatingCFGrowthPerShare',
        'five_y_operating_cf_growth_per_share num fiveYOperatingCFGrowthPerShare',
        'three_y_operating_cf_growth_per_share num threeYOperatingCFGrowthPerShare',
        'ten_y_net_income_growth_per_share num tenYNetIncomeGrowthPerShare',
        'five_y_net_income_growth_per_share num fiveYNetIncomeGrowthPerShare',
        'three_y_net_income_growth_per_share num threeYNetIncomeGrowthPerShare',
        'ten_y_shareholders_equity_growth_per_share num tenYShareholdersEquityGrowthPerShare',
        'five_y_shareholders_equity_growth_per_share num fiveYShareholdersEquityGrowthPerShare',
        'three_y_shareholders_equity_growth_per_share num threeYShareholdersEquityGrowthPerShare',
        'ten_y_dividend_per_share_growth_per_share num tenYDividendperShareGrowthPerShare',
        'five_y_dividend_per_share_growth_per_share num fiveYDividendperShareGrowthPerShare',
        'three_y_dividend_per_share_growth_per_share num threeYDividendperShareGrowthPerShare',
        'ten_y_bottom_line_net_income_growth_per_share num tenYBottomLineNetIncomeGrowthPerShare',
        'five_y_bottom_line_net_income_growth_per_share num fiveYBottomLineNetIncomeGrowthPerShare',
        'three_y_bottom_line_net_income_growth_per_share num threeYBottomLineNetIncomeGrowthPerShare'
    ], array['symbol', 'period', 'date'],
        array['date']);
end
$$;
