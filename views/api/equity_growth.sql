-- view: api.equity_growth
-- Grain: one row per symbol, period (FY, Q1..Q4) and fiscal period end date:
-- the latest version of each of FMP's four growth series for that period,
-- side by side. From core.equity_income_growth, equity_balance_growth,
-- equity_financial_growth, equity_cashflow_growth (transforms/fmp/).
create view api.equity_growth as
select
    ---------- keys
    k.symbol,
    k.period,
    k.date,
    coalesce(i.fiscal_year, b.fiscal_year, f.fiscal_year, c.fiscal_year) as fiscal_year,
    coalesce(i.reported_currency, b.reported_currency, f.reported_currency, c.reported_currency) as reported_currency,
    ---------- income statement growth
    i.growth_revenue,
    i.growth_cost_of_revenue,
    i.growth_gross_profit,
    i.growth_gross_profit_ratio,
    i.growth_research_and_development_expenses,
    i.growth_general_and_administrative_expenses,
    i.growth_selling_and_marketing_expenses,
    i.growth_other_expenses,
    i.growth_operating_expenses,
    i.growth_cost_and_expenses,
    i.growth_interest_income,
    i.growth_interest_expense,
    i.growth_net_interest_income,
    i.growth_depreciation_and_amortization,
    i.growth_ebitda,
    i.growth_ebitda_ratio,
    i.growth_ebit,
    i.growth_operating_income,
    i.growth_operating_income_ratio,
    i.growth_non_operating_income_excluding_interest,
    i.growth_total_other_income_expenses_net,
    i.growth_income_before_tax,
    i.growth_income_before_tax_ratio,
    i.growth_income_tax_expense,
    i.growth_net_income_from_continuing_operations,
    i.growth_net_income_deductions,
    i.growth_other_adjustments_to_net_income,
    i.growth_net_income,
    i.growth_net_income_ratio,
    i.growth_bottom_line_net_income,
    i.growth_eps,
    i.growth_eps_diluted,
    i.growth_weighted_average_shs_out,
    i.growth_weighted_average_shs_out_dil,
    ---------- balance sheet growth
    b.growth_cash_and_cash_equivalents,
    b.growth_short_term_investments,
    b.growth_cash_and_short_term_investments,
    b.growth_net_receivables,
    b.growth_accounts_receivables,
    b.growth_other_receivables,
    b.growth_inventory,
    b.growth_prepaids,
    b.growth_other_current_assets,
    b.growth_total_current_assets,
    b.growth_property_plant_equipment_net,
    b.growth_goodwill,
    b.growth_intangible_assets,
    b.growth_goodwill_and_intangible_assets,
    b.growth_long_term_investments,
    b.growth_tax_assets,
    b.growth_other_non_current_assets,
    b.growth_total_non_current_assets,
    b.growth_other_assets,
    b.growth_total_assets,
    b.growth_account_payables,
    b.growth_total_payables,
    b.growth_other_payables,
    b.growth_accrued_expenses,
    b.growth_short_term_debt,
    b.growth_capital_lease_obligations_current,
    b.growth_tax_payables,
    b.growth_deferred_revenue,
    b.growth_other_current_liabilities,
    b.growth_total_current_liabilities,
    b.growth_long_term_debt,
    b.growth_capital_lease_obligations_non_current,
    b.growth_deferred_revenue_non_current,
    b.growth_deferred_tax_liabilities_non_current,
    b.growth_other_non_current_liabilities,
    b.growth_total_non_current_liabilities,
    b.growth_other_liabilities,
    b.growth_total_liabilities,
    b.growth_treasury_stock,
    b.growth_preferred_stock,
    b.growth_common_stock,
    b.growth_retained_earnings,
    b.growth_additional_paid_in_capital,
    b.growth_accumulated_other_comprehensive_income_loss,
    b.growth_other_total_stockholders_equity,
    b.growth_total_stockholders_equity,
    b.growth_minority_interest,
    b.growth_total_equity,
    b.growth_total_liabilities_and_stockholders_equity,
    b.growth_total_liabilities_and_total_equity,
    b.growth_total_investments,
    b.growth_total_debt,
    b.growth_net_debt,
    ---------- financial growth
    f.revenue_growth,
    f.gross_profit_growth,
    f.ebit_growth,
    f.ebitda_growth,
    f.operating_income_growth,
    f.net_income_growth,
    f.eps_growth,
    f.eps_diluted_growth,
    f.weighted_average_shares_growth,
    f.weighted_average_shares_diluted_growth,
    f.dividends_per_share_growth,
    f.operating_cash_flow_growth,
    f.free_cash_flow_growth,
    f.receivables_growth,
    f.inventory_growth,
    f.asset_growth,
    f.book_value_per_share_growth,
    f.debt_growth,
    f.rd_expense_growth,
    f.sga_expenses_growth,
    f.growth_capital_expenditure,
    f.ten_y_revenue_growth_per_share,
    f.five_y_revenue_growth_per_share,
    f.three_y_revenue_growth_per_share,
    f.ten_y_operating_cf_growth_per_share,
    f.five_y_operating_cf_growth_per_share,
    f.three_y_operating_cf_growth_per_share,
    f.ten_y_net_income_growth_per_share,
    f.five_y_net_income_growth_per_share,
    f.three_y_net_income_growth_per_share,
    f.ten_y_shareholders_equity_growth_per_share,
    f.five_y_shareholders_equity_growth_per_share,
    f.three_y_shareholders_equity_growth_per_share,
    f.ten_y_dividend_per_share_growth_per_share,
    f.five_y_dividend_per_share_growth_per_share,
    f.three_y_dividend_per_share_growth_per_share,
    f.ten_y_bottom_line_net_income_growth_per_share,
    f.five_y_bottom_line_net_income_growth_per_share,
    f.three_y_bottom_line_net_income_growth_per_share,
    ---------- cash-flow statement growth (lines another growth series also has: cash_flow_ prefix)
    c.growth_net_income as cash_flow_growth_net_income,
    c.growth_depreciation_and_amortization as cash_flow_growth_depreciation_and_amortization,
    c.growth_deferred_income_tax,
    c.growth_stock_based_compensation,
    c.growth_change_in_working_capital,
    c.growth_accounts_receivables as cash_flow_growth_accounts_receivables,
    c.growth_inventory as cash_flow_growth_inventory,
    c.growth_accounts_payables,
    c.growth_other_working_capital,
    c.growth_other_non_cash_items,
    c.growth_net_cash_provided_by_operating_activities,
    c.growth_investments_in_property_plant_and_equipment,
    c.growth_acquisitions_net,
    c.growth_purchases_of_investments,
    c.growth_sales_maturities_of_investments,
    c.growth_other_investing_activities,
    c.growth_net_cash_provided_by_investing_activities,
    c.growth_debt_repayment,
    c.growth_net_debt_issuance,
    c.growth_long_term_net_debt_issuance,
    c.growth_short_term_net_debt_issuance,
    c.growth_net_stock_issuance,
    c.growth_common_stock_issuance,
    c.growth_common_stock_repurchased,
    c.growth_net_dividends_paid,
    c.growth_common_dividends_paid,
    c.growth_preferred_dividends_paid,
    c.growth_other_financing_activities,
    c.growth_net_cash_provided_by_financing_activities,
    c.growth_effect_of_forex_changes_on_cash,
    c.growth_net_change_in_cash,
    c.growth_cash_at_end_of_period,
    c.growth_cash_at_beginning_of_period,
    c.growth_operating_cash_flow,
    c.growth_capital_expenditure as cash_flow_growth_capital_expenditure,
    c.growth_free_cash_flow,
    c.growth_income_taxes_paid,
    c.growth_interest_paid,
    ---------- lineage: the newest of the joined versions
    greatest(i.updated_at, b.updated_at, f.updated_at, c.updated_at) as updated_at
from (
    select i.symbol, i.period, i.date from core.equity_income_growth_current as i
    union
    select b.symbol, b.period, b.date from core.equity_balance_growth_current as b
    union
    select f.symbol, f.period, f.date from core.equity_financial_growth_current as f
    union
    select c.symbol, c.period, c.date from core.equity_cashflow_growth_current as c
) as k
left join (
    select distinct on (x.symbol, x.period, x.date) x.*
    from core.equity_income_growth_latest as x
    order by x.symbol, x.period, x.date
) as i
    on i.symbol = k.symbol and i.period = k.period and i.date = k.date
left join (
    select distinct on (x.symbol, x.period, x.date) x.*
    from core.equity_balance_growth_latest as x
    order by x.symbol, x.period, x.date
) as b
    on b.symbol = k.symbol and b.period = k.period and b.date = k.date
left join (
    select distinct on (x.symbol, x.period, x.date) x.*
    from core.equity_financial_growth_latest as x
    order by x.symbol, x.period, x.date
) as f
    on f.symbol = k.symbol and f.period = k.period and f.date = k.date
left join (
    select distinct on (x.symbol, x.period, x.date) x.*
    from core.equity_cashflow_growth_latest as x
    order by x.symbol, x.period, x.date
) as c
    on c.symbol = k.symbol and c.period = k.period and c.date = k.date;

comment on view api.equity_growth is 'One row per symbol, period and fiscal period end date: the latest income, balance sheet, financial and cash-flow growth side by side.';
