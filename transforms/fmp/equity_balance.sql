-- transform: equity_balance
-- version: 2
-- target: core.equity_balance
-- datasets: fmp.balance_sheet
-- Grain: one row per symbol, period and fiscal period end date per version.
-- From FMP balance sheets, annual and quarterly, both API generations.

create or replace function core.transform_equity_balance(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
begin
    -- stage, keep the remainder, write versions: core.fmp_transform_documents (fmp_common.sql)
    return query select * from core.fmp_transform_documents('equity_balance', 'core.equity_balance', p_batches, array[
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
        ---------- assets
        'cash_and_cash_equivalents num cashAndCashEquivalents',
        'short_term_investments num shortTermInvestments',
        'cash_and_short_term_investments num cashAndShortTermInvestments',
        'net_receivables num netReceivables',
        'accounts_receivables num accountsReceivables',
        'other_receivables num otherReceivables',
        'inventory num inventory',
        'prepaids num prepaids',
        'other_current_assets num otherCurrentAssets',
        'total_current_assets num totalCurrentAssets',
        'property_plant_equipment_net num propertyPlantEquipmentNet',
        'goodwill num goodwill',
        'intangible_assets num intangibleAssets',
        'goodwill_and_intangible_assets num goodwillAndIntangibleAssets',
        'long_term_investments num longTermInvestments',
        'tax_assets num taxAssets',
        'other_non_current_assets num otherNonCurrentAssets',
        'total_non_current_assets num totalNonCurrentAssets',
        'other_assets num otherAssets',
        'total_assets num totalAssets',
        ---------- liabilities
        'total_payables num totalPayables',
        'account_payables num accountPayables',
        'other_payables num otherPayables',
        'accrued_expenses num accruedExpenses',
        'short_term_debt num shortTermDebt',
        'capital_lease_obligations_current num capitalLeaseObligationsCurrent',
        'tax_payables num taxPayables',
        'deferred_revenue num deferredRevenue',
        'other_current_liabilities num otherCurrentLiabilities',
        'total_current_liabilities num totalCurrentLiabilities',
        'long_term_debt num longTermDebt',
        'capital_lease_obligations_non_current num capitalLeaseObligationsNonCurrent',
        'deferred_revenue_non_current num deferredRevenueNonCurrent',
        'deferred_tax_liabilities_non_current num deferredTaxLiabilitiesNonCurrent',
        'other_non_current_liabilities num otherNonCurrentLiabilities',
        'total_non_current_liabilities num totalNonCurrentLiabilities',
        'other_liabilities num otherLiabilities',
        'capital_lease_obligations num capitalLeaseObligations',
        'total_liabilities num totalLiabilities',
        ---------- equity
        'treasury_stock num treasuryStock',
        'preferred_stock num preferredStock',
        'common_stock num commonStock',
        'retained_earnings num retainedEarnings',
        'additional_paid_in_capital num additionalPaidInCapital',
        'accumulated_other_comprehensive_income_loss num accumulatedOtherComprehensiveIncomeLoss',
        'other_total_stockholders_equity num otherTotalStockholdersEquity|othertotalStockholdersEquity',
        'total_stockholders_equity num totalStockholdersEquity',
        'total_equity num totalEquity',
        'minority_interest num minorityInterest',
        'total_liabilities_and_stockholders_equity num totalLiabilitiesAndStockholdersEquity',
        'total_liabilities_and_total_equity num totalLiabilitiesAndTotalEquity',
        'total_investments num totalInvestments',
        'total_debt num totalDebt',
        'net_debt num netDebt'
    ], array['symbol', 'period', 'date']);
end
$$;
