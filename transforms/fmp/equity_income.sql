-- transform: equity_income
-- version: 2
-- target: core.equity_income
-- datasets: fmp.income_statement
-- Grain: one row per symbol, period (FY, Q1..Q4) and fiscal period end date
-- per version. From FMP income statements, annual and quarterly, both API
-- generations (stable key first, then the legacy one).

create or replace function core.transform_equity_income(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
begin
    -- stage, keep the remainder, write versions: core.fmp_transform_documents (fmp_common.sql)
    return query select * from core.fmp_transform_documents('equity_income', 'core.equity_income', p_batches, array[
        ---------- keys and filing
        'symbol text symbol|@symbol',
        'period text period',
        'date day date',
        'fiscal_year intg fiscalYear|calendarYear',
        'reported_currency text reportedCurrency',
        'cik text cik',
        'filing_date day filingDate|fillingDate',
        'accepted_date ts_new_york acceptedDate',
        'link text link',
        'final_link text finalLink',
        ---------- income statement
        'revenue num revenue',
        'cost_of_revenue num costOfRevenue',
        'gross_profit num grossProfit',
        'gross_profit_ratio num grossProfitRatio',
        'research_and_development_expenses num researchAndDevelopmentExpenses',
        'general_and_administrative_expenses num generalAndAdministrativeExpenses',
        'selling_and_marketing_expenses num sellingAndMarketingExpenses',
        'selling_general_and_administrative_expenses num sellingGeneralAndAdministrativeExpenses',
        'other_expenses num otherExpenses',
        'operating_expenses num operatingExpenses',
        'cost_and_expenses num costAndExpenses',
        'net_interest_income num netInterestIncome',
        'interest_income num interestIncome',
        'interest_expense num interestExpense',
        'depreciation_and_amortization num depreciationAndAmortization',
        'ebitda num ebitda',
        'ebitda_ratio num ebitdaratio',
        'ebit num ebit',
        'non_operating_income_excluding_interest num nonOperatingIncomeExcludingInterest',
        'operating_income num operatingIncome',
        'operating_income_ratio num operatingIncomeRatio',
        'total_other_income_expenses_net num totalOtherIncomeExpensesNet',
        'income_before_tax num incomeBeforeTax',
        'income_before_tax_ratio num incomeBeforeTaxRatio',
        'income_tax_expense num incomeTaxExpense',
        'net_income_from_continuing_operations num netIncomeFromContinuingOperations',
        'net_income_from_discontinued_operations num netIncomeFromDiscontinuedOperations',
        'other_adjustments_to_net_income num otherAdjustmentsToNetIncome',
        'net_income num netIncome',
        'net_income_deductions num netIncomeDeductions',
        'bottom_line_net_income num bottomLineNetIncome',
        'net_income_ratio num netIncomeRatio',
        'eps num eps',
        'eps_diluted num epsDiluted|epsdiluted',
        'weighted_average_shs_out num weightedAverageShsOut',
        'weighted_average_shs_out_dil num weightedAverageShsOutDil'
    ], array['symbol', 'period', 'date']);
end
$$;
