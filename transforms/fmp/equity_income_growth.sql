-- transform: equity_income_growth
-- version: 2
-- target: core.equity_income_growth
-- datasets: fmp.income_growth
-- Grain: one row per symbol, period and fiscal period end date per version.
-- From FMP income statement growth, both API generations.

create or replace function core.transform_equity_income_growth(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
begin
    -- stage, keep the remainder, write versions: core.fmp_transform_documents (fmp_common.sql)
    return query select * from core.fmp_transform_documents('equity_income_growth', 'core.equity_income_growth', p_batches, array[
        ---------- keys
        'symbol text symbol|@symbol',
        'period text period',
        'date day date',
        'fiscal_year intg fiscalYear|calendarYear',
        'reported_currency text reportedCurrency',
        ---------- growth
        'growth_revenue num growthRevenue',
        'growth_cost_of_revenue num growthCostOfRevenue',
        'growth_gross_profit num growthGrossProfit',
        'growth_gross_profit_ratio num growthGrossProfitRatio',
        'growth_research_and_development_expenses num growthResearchAndDevelopmentExpenses',
        'growth_general_and_administrative_expenses num growthGeneralAndAdministrativeExpenses',
        'growth_selling_and_marketing_expenses num growthSellingAndMarketingExpenses',
        'growth_other_expenses num growthOtherExpenses',
        'growth_operating_expenses num growthOperatingExpenses',
        'growth_cost_and_expenses num growthCostAndExpenses',
        'growth_interest_income num growthInterestIncome',
        'growth_interest_expense num growthInterestExpense',
        'growth_net_interest_income num growthNetInterestIncome',
        'growth_depreciation_and_amortization num growthDepreciationAndAmortization',
        'growth_ebitda num growthEBITDA',
        'growth_ebitda_ratio num growthEBITDARatio',
        'growth_ebit num growthEBIT',
        'growth_operating_income num growthOperatingIncome',
        'growth_operating_income_ratio num growthOperatingIncomeRatio',
        'growth_non_operating_income_excluding_interest num growthNonOperatingIncomeExcludingInterest',
        'growth_total_other_income_expenses_net num growthTotalOtherIncomeExpensesNet',
        'growth_income_before_tax num growthIncomeBeforeTax',
        'growth_income_before_tax_ratio num growthIncomeBeforeTaxRatio',
        'growth_income_tax_expense num growthIncomeTaxExpense',
        'growth_net_income_from_continuing_operations num growthNetIncomeFromContinuingOperations',
        'growth_net_income_deductions num growthNetIncomeDeductions',
        'growth_other_adjustments_to_net_income num growthOtherAdjustmentsToNetIncome',
        'growth_net_income num growthNetIncome',
        'growth_net_income_ratio num growthNetIncomeRatio',
        'growth_bottom_line_net_income num growthBottomLineNetIncome',
        'growth_eps num growthEPS',
        'growth_eps_diluted num growthEPSDiluted',
        'growth_weighted_average_shs_out num growthWeightedAverageShsOut',
        'growth_weighted_average_shs_out_dil num growthWeightedAverageShsOutDil'
    ], array['symbol', 'period', 'date'],
        array['date']);
end
$$;
