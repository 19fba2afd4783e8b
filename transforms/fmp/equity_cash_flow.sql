-- transform: equity_cash_flow
-- version: 2
-- target: core.equity_cash_flow
-- datasets: fmp.cash_flow
-- Grain: one row per symbol, period and fiscal period end date per version.
-- From FMP cash-flow statements, annual and quarterly, both API generations
-- (legacy keys misspelled as FMP sends them).

create or replace function core.transform_equity_cash_flow(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
begin
    -- stage, keep the remainder, write versions: core.fmp_transform_documents (fmp_common.sql)
    return query select * from core.fmp_transform_documents('equity_cash_flow', 'core.equity_cash_flow', p_batches, array[
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
        ---------- operating activities
        'net_income num netIncome',
        'depreciation_and_amortization num depreciationAndAmortization',
        'deferred_income_tax num deferredIncomeTax',
        'stock_based_compensation num stockBasedCompensation',
        'change_in_working_capital num changeInWorkingCapital',
        'accounts_receivables num accountsReceivables',
        'inventory num inventory',
        'accounts_payables num accountsPayables',
        'other_working_capital num otherWorkingCapital',
        'other_non_cash_items num otherNonCashItems',
        'net_cash_provided_by_operating_activities num netCashProvidedByOperatingActivities',
        ---------- investing activities (legacy keys misspelled "Activites")
        'investments_in_property_plant_and_equipment num investmentsInPropertyPlantAndEquipment',
        'acquisitions_net num acquisitionsNet',
        'purchases_of_investments num purchasesOfInvestments',
        'sales_maturities_of_investments num salesMaturitiesOfInvestments',
        'other_investing_activities num otherInvestingActivities|otherInvestingActivites',
        'net_cash_provided_by_investing_activities num netCashProvidedByInvestingActivities|netCashUsedForInvestingActivites',
        ---------- financing activities
        'debt_repayment num debtRepayment',
        'net_debt_issuance num netDebtIssuance',
        'long_term_net_debt_issuance num longTermNetDebtIssuance',
        'short_term_net_debt_issuance num shortTermNetDebtIssuance',
        'net_stock_issuance num netStockIssuance',
        'net_common_stock_issuance num netCommonStockIssuance',
        'common_stock_issuance num commonStockIssuance|commonStockIssued',
        'common_stock_repurchased num commonStockRepurchased',
        'net_preferred_stock_issuance num netPreferredStockIssuance',
        'net_dividends_paid num netDividendsPaid|dividendsPaid',
        'common_dividends_paid num commonDividendsPaid',
        'preferred_dividends_paid num preferredDividendsPaid',
        'other_financing_activities num otherFinancingActivities|otherFinancingActivites',
        'net_cash_provided_by_financing_activities num netCashProvidedByFinancingActivities|netCashUsedProvidedByFinancingActivities',
        ---------- cash
        'effect_of_forex_changes_on_cash num effectOfForexChangesOnCash',
        'net_change_in_cash num netChangeInCash',
        'cash_at_end_of_period num cashAtEndOfPeriod',
        'cash_at_beginning_of_period num cashAtBeginningOfPeriod',
        'operating_cash_flow num operatingCashFlow',
        'capital_expenditure num capitalExpenditure',
        'free_cash_flow num freeCashFlow',
        'income_taxes_paid num incomeTaxesPaid',
        'interest_paid num interestPaid'
    ], array['symbol', 'period', 'date']);
end
$$;
