-- The four growth series (core.equity_income_growth, equity_balance_growth,
-- equity_cashflow_growth, equity_financial_growth): legacy and stable names,
-- FMP's misspellings (growthDeferrredTaxLiabilitiesNonCurrent,
-- growthOtherInvestingActivites) included, fill the same columns; each
-- series versions on its own; api.equity_growth joins them, one row per
-- symbol, period and date.
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(8);

-- Setup: legacy for OLD, stable for NEW, same figures
select tests.land_fmp('fmp.income_growth', '/api/v3/income-statement-growth/OLD', '{"symbol": "OLD"}',
    '[{"symbol": "OLD", "date": "2023-09-30", "calendarYear": "2023", "period": "FY", "growthRevenue": -0.028, "growthEPS": 0.0016, "growthEBITDA": -0.055}]');
select tests.land_fmp('fmp.income_growth', '/stable/income-statement-growth', '{"symbol": "NEW"}',
    '[{"symbol": "NEW", "date": "2023-09-30", "fiscalYear": "2023", "period": "FY", "growthRevenue": -0.028, "growthEPS": 0.0016, "growthEBITDA": -0.055}]');
select tests.land_fmp('fmp.balance_growth', '/api/v3/balance-sheet-statement-growth/OLD', '{"symbol": "OLD"}',
    '[{"symbol": "OLD", "date": "2023-09-30", "calendarYear": "2023", "period": "FY", "growthTotalAssets": -0.0022, "growthDeferrredTaxLiabilitiesNonCurrent": 0.12, "growthInventory": -0.3}]');
select tests.land_fmp('fmp.balance_growth', '/stable/balance-sheet-statement-growth', '{"symbol": "NEW"}',
    '[{"symbol": "NEW", "date": "2023-09-30", "fiscalYear": "2023", "period": "FY", "growthTotalAssets": -0.0022, "growthDeferredTaxLiabilitiesNonCurrent": 0.12, "growthInventory": -0.3}]');
select tests.land_fmp('fmp.cashflow_growth', '/api/v3/cash-flow-statement-growth/OLD', '{"symbol": "OLD"}',
    '[{"symbol": "OLD", "date": "2023-09-30", "calendarYear": "2023", "period": "FY", "growthOtherInvestingActivites": 0.5, "growthFreeCashFlow": 0.0912, "growthInventory": 0.7}]');
select tests.land_fmp('fmp.cashflow_growth', '/stable/cash-flow-statement-growth', '{"symbol": "NEW"}',
    '[{"symbol": "NEW", "date": "2023-09-30", "fiscalYear": "2023", "period": "FY", "growthOtherInvestingActivities": 0.5, "growthFreeCashFlow": 0.0912, "growthInventory": 0.7}]');
select tests.land_fmp('fmp.financial_growth', '/api/v3/financial-growth/OLD', '{"symbol": "OLD"}',
    '[{"symbol": "OLD", "date": "2023-09-30", "calendarYear": "2023", "period": "FY", "revenueGrowth": -0.028, "epsgrowth": 0.0016, "dividendsperShareGrowth": 0.04, "tenYRevenueGrowthPerShare": 2.1}]');
select tests.land_fmp('fmp.financial_growth', '/stable/financial-growth', '{"symbol": "NEW"}',
    '[{"symbol": "NEW", "date": "2023-09-30", "fiscalYear": "2023", "period": "FY", "revenueGrowth": -0.028, "epsgrowth": 0.0016, "dividendsPerShareGrowth": 0.04, "tenYRevenueGrowthPerShare": 2.1}]');
select * from ops.run_transform('equity_income_growth');
select * from ops.run_transform('equity_balance_growth');
select * from ops.run_transform('equity_cashflow_growth');
select * from ops.run_transform('equity_financial_growth');

-- Test
select results_eq(
    $$ select symbol collate "default", growth_revenue, growth_eps, growth_ebitda from core.equity_income_growth order by symbol $$,
    $$ values ('NEW'::text, -0.028::numeric, 0.0016::numeric, -0.055::numeric), ('OLD', -0.028, 0.0016, -0.055) $$,
    'income growth: both generations fill growth_revenue, growth_eps, growth_ebitda'
);
select results_eq(
    $$ select symbol collate "default", growth_total_assets, growth_deferred_tax_liabilities_non_current from core.equity_balance_growth order by symbol $$,
    $$ values ('NEW'::text, -0.0022::numeric, 0.12::numeric), ('OLD', -0.0022, 0.12) $$,
    'balance sheet growth: growthDeferrredTaxLiabilitiesNonCurrent (sic) fills the same column as the correct spelling'
);
select results_eq(
    $$ select symbol collate "default", growth_other_investing_activities, growth_free_cash_flow from core.equity_cashflow_growth order by symbol $$,
    $$ values ('NEW'::text, 0.5::numeric, 0.0912::numeric), ('OLD', 0.5, 0.0912) $$,
    'cash-flow growth: growthOtherInvestingActivites (sic) fills the same column as the correct spelling'
);
select results_eq(
    $$ select symbol collate "default", revenue_growth, eps_growth, dividends_per_share_growth, ten_y_revenue_growth_per_share from core.equity_financial_growth order by symbol $$,
    $$ values ('NEW'::text, -0.028::numeric, 0.0016::numeric, 0.04::numeric, 2.1::numeric), ('OLD', -0.028, 0.0016, 0.04, 2.1) $$,
    'financial growth: dividendsperShareGrowth and dividendsPerShareGrowth fill the same column'
);
select results_eq(
    $$ select symbol collate "default", fiscal_year, growth_revenue, growth_total_assets, revenue_growth, growth_inventory, cash_flow_growth_inventory
       from api.equity_growth order by symbol $$,
    $$ values ('NEW'::text, 2023, -0.028::numeric, -0.0022::numeric, -0.028::numeric, -0.3::numeric, 0.7::numeric),
              ('OLD', 2023, -0.028, -0.0022, -0.028, -0.3, 0.7) $$,
    'api.equity_growth joins the four series; the cash-flow series'' line the balance sheet series also has is prefixed cash_flow_'
);

-- a newer income growth for OLD restates its figure
select tests.land_fmp('fmp.income_growth', '/api/v3/income-statement-growth/OLD', '{"symbol": "OLD"}',
    '[{"symbol": "OLD", "date": "2023-09-30", "calendarYear": "2023", "period": "FY", "growthRevenue": -0.0279, "growthEPS": 0.0016, "growthEBITDA": -0.055}]');
select results_eq(
    $$ select rows_out from ops.run_transform('equity_income_growth') $$,
    $$ values (1::bigint) $$,
    'a changed growth row is a new version'
);
select results_eq(
    $$ select growth_revenue, growth_total_assets from api.equity_growth where symbol = 'OLD' $$,
    $$ values (-0.0279::numeric, -0.0022::numeric) $$,
    'api.equity_growth shows the latest version of each series'
);
select is_empty(
    $$ select symbol, period, date from api.equity_growth group by symbol, period, date having count(*) > 1 $$,
    'api.equity_growth has one row per symbol, period and date'
);

select * from finish();
rollback;
