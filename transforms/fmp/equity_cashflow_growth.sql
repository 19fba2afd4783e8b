-- transform: equity_cashflow_growth
-- version: 2
-- target: core.equity_cashflow_growth
-- datasets: fmp.cashflow_growth
-- Grain: one row per symbol, period and fiscal period end date per version.
-- From FMP cash-flow statement growth, both API generations.

create or replace function core.transform_equity_cashflow_growth(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
begin
    -- stage, keep the remainder, write versions: core.fmp_transform_documents (fmp_common.sql)
    return query select * from core.fmp_transform_documents('equity_cashflow_growth', 'core.equity_cashflow_growth', p_batches, array[
        ---------- keys
        'symbol text symbol|@symbol',
        'period text period',
        'date day date',
        'fiscal_year intg fiscalYear|calendarYear',
        'reported_currency text reportedCurrency',
        ---------- growth (legacy keys misspelled "Activites")
        'growth_net_income num growthNetIncome',
        'growth_depreciation_and_amortization num growthDepreciationAndAmortization',
        'growth_deferred_income_tax num growthDeferredIncomeTax',
        'growth_stock_based_compensation num growthStockBasedCompensation',
        'growth_change_in_working_capital num growthChangeInWorkingCapital',
        'growth_accounts_receivables num growthAccountsReceivables',
        'growth_inventory num growthInventory',
        'growth_accounts_payables num growthAccountsPayables',
        'growth_other_working_capital num growthOtherWorkingCapital',
        'growth_other_non_cash_items num growthOtherNonCashItems',
        'growth_net_cash_provided_by_operating_activities num growthNetCashProvidedByOperatingActivities|growthNetCashProvidedByOperatingActivites',
        'growth_investments_in_property_plant_and_equipment num growthInvestmentsInPropertyPlantAndEquipment',
        'growth_acquisitions_net num growthAcquisitionsNet',
        'growth_purchases_of_investments num growthPurchasesOfInvestments',
        'growth_sales_maturities_of_investments num growthSalesMaturitiesOfInvestments',
        'growth_other_investing_activities num growthOtherInvestingActivities|growthOtherInvestingActivites',
        'growth_net_cash_provided_by_investing_activities num growthNetCashProvidedByInvestingActivities|growthNetCashUsedForInvestingActivites',
        'growth_debt_repayment num growthDebtRepayment',
        'growth_net_debt_issuance num growthNetDebtIssuance',
        'growth_long_term_net_debt_issuance num growthLongTermNetDebtIssuance',
        'growth_short_term_net_debt_issuance num growthShortTermNetDebtIssuance',
        'growth_net_stock_issuance num growthNetStockIssuance',
        'growth_common_stock_issuance num growthCommonStockIssuance|growthCommonStockIssued',
        'growth_common_stock_repurchased num growthCommonStockRepurchased',
        'growth_net_dividends_paid num growthNetDividendsPaid|growthDividendsPaid',
        'growth_common_dividends_paid num growthCommonDividendsPaid',
        'growth_preferred_dividends_paid num growthPreferredDividendsPaid',
        'growth_other_financing_activities num growthOtherFinancingActivities|growthOtherFinancingActivites',
        'growth_net_cash_provided_by_financing_activities num growthNetCashProvidedByFinancingActivities|growthNetCashUsedProvidedByFinancingActivities',
        'growth_effect_of_forex_changes_on_cash num growthEffectOfForexChangesOnCash',
        'growth_net_change_in_cash num growthNetChangeInCash',
        'growth_cash_at_end_of_period num growthCashAtEndOfPeriod',
        'growth_cash_at_beginning_of_period num growthCashAtBeginningOfPeriod',
        'growth_operating_cash_flow num growthOperatingCashFlow',
        'growth_capital_expenditure num growthCapitalExpenditure',
        'growth_free_cash_flow num growthFreeCashFlow',
        'growth_income_taxes_paid num growthIncomeTaxesPaid',
        'growth_interest_paid num growthInterestPaid'
    ], array['symbol', 'period', 'date'],
        array['date']);
end
$$;
