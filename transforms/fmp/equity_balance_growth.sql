-- transform: equity_balance_growth
-- version: 2
-- target: core.equity_balance_growth
-- datasets: fmp.balance_growth
-- Grain: one row per symbol, period and fiscal period end date per version.
-- From FMP balance sheet growth, both API generations.

create or replace function core.transform_equity_balance_growth(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
begin
    -- stage, keep the remainder, write versions: core.fmp_transform_documents (fmp_common.sql)
    return query select * from core.fmp_transform_documents('equity_balance_growth', 'core.equity_balance_growth', p_batches, array[
        ---------- keys
        'symbol text symbol|@symbol',
        'period text period',
        'date day date',
        'fiscal_year intg fiscalYear|calendarYear',
        'reported_currency text reportedCurrency',
        ---------- growth (legacy key misspelled "Deferrred")
        'growth_cash_and_cash_equivalents num growthCashAndCashEquivalents',
        'growth_short_term_investments num growthShortTermInvestments',
        'growth_cash_and_short_term_investments num growthCashAndShortTermInvestments',
        'growth_net_receivables num growthNetReceivables',
        'growth_accounts_receivables num growthAccountsReceivables',
        'growth_other_receivables num growthOtherReceivables',
        'growth_inventory num growthInventory',
        'growth_prepaids num growthPrepaids',
        'growth_other_current_assets num growthOtherCurrentAssets',
        'growth_total_current_assets num growthTotalCurrentAssets',
        'growth_property_plant_equipment_net num growthPropertyPlantEquipmentNet',
        'growth_goodwill num growthGoodwill',
        'growth_intangible_assets num growthIntangibleAssets',
        'growth_goodwill_and_intangible_assets num growthGoodwillAndIntangibleAssets',
        'growth_long_term_investments num growthLongTermInvestments',
        'growth_tax_assets num growthTaxAssets',
        'growth_other_non_current_assets num growthOtherNonCurrentAssets',
        'growth_total_non_current_assets num growthTotalNonCurrentAssets',
        'growth_other_assets num growthOtherAssets',
        'growth_total_assets num growthTotalAssets',
        'growth_account_payables num growthAccountPayables',
        'growth_total_payables num growthTotalPayables',
        'growth_other_payables num growthOtherPayables',
        'growth_accrued_expenses num growthAccruedExpenses',
        'growth_short_term_debt num growthShortTermDebt',
        'growth_capital_lease_obligations_current num growthCapitalLeaseObligationsCurrent',
        'growth_tax_payables num growthTaxPayables',
        'growth_deferred_revenue num growthDeferredRevenue',
        'growth_other_current_liabilities num growthOtherCurrentLiabilities',
        'growth_total_current_liabilities num growthTotalCurrentLiabilities',
        'growth_long_term_debt num growthLongTermDebt',
        'growth_capital_lease_obligations_non_current num growthCapitalLeaseObligationsNonCurrent',
        'growth_deferred_revenue_non_current num growthDeferredRevenueNonCurrent',
        'growth_deferred_tax_liabilities_non_current num growthDeferredTaxLiabilitiesNonCurrent|growthDeferrredTaxLiabilitiesNonCurrent',
        'growth_other_non_current_liabilities num growthOtherNonCurrentLiabilities',
        'growth_total_non_current_liabilities num growthTotalNonCurrentLiabilities',
        'growth_other_liabilities num growthOtherLiabilities',
        'growth_total_liabilities num growthTotalLiabilities',
        'growth_treasury_stock num growthTreasuryStock',
        'growth_preferred_stock num growthPreferredStock',
        'growth_common_stock num growthCommonStock',
        'growth_retained_earnings num growthRetainedEarnings',
        'growth_additional_paid_in_capital num growthAdditionalPaidInCapital',
        'growth_accumulated_other_comprehensive_income_loss num growthAccumulatedOtherComprehensiveIncomeLoss',
        'growth_other_total_stockholders_equity num growthOtherTotalStockholdersEquity|growthOthertotalStockholdersEquity',
        'growth_total_stockholders_equity num growthTotalStockholdersEquity',
        'growth_minority_interest num growthMinorityInterest',
        'growth_total_equity num growthTotalEquity',
        'growth_total_liabilities_and_stockholders_equity num growthTotalLiabilitiesAndStockholdersEquity',
        'growth_total_liabilities_and_total_equity num growthTotalLiabilitiesAndTotalEquity',
        'growth_total_investments num growthTotalInvestments',
        'growth_total_debt num growthTotalDebt',
        'growth_net_debt num growthNetDebt'
    ], array['symbol', 'period', 'date'],
        array['date']);
end
$$;
