-- core.equity_cash_flow: FMP's legacy misspellings (otherInvestingActivites,
-- netCashUsedForInvestingActivites, otherFinancingActivites) and renamed keys
-- (dividendsPaid, commonStockIssued, netCashUsedProvidedByFinancingActivities)
-- read into the same columns as the stable names.
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(3);

-- Setup
select tests.land_fmp('fmp.cash_flow', '/api/v3/cash-flow-statement/OLD', '{"symbol": "OLD", "period": "annual"}', $$[
    {"date": "2023-09-30", "symbol": "OLD", "calendarYear": "2023", "period": "FY", "fillingDate": "2023-11-03",
     "netIncome": 96995000000, "operatingCashFlow": 110543000000, "capitalExpenditure": -10959000000, "freeCashFlow": 99584000000,
     "otherInvestingActivites": -1337000000, "netCashUsedForInvestingActivites": 3705000000, "dividendsPaid": -15025000000,
     "commonStockIssued": 0, "otherFinancingActivites": -6012000000, "netCashUsedProvidedByFinancingActivities": -108488000000,
     "link": "https://www.sec.gov/a", "finalLink": "https://www.sec.gov/b"}
]$$);
select tests.land_fmp('fmp.cash_flow', '/stable/cash-flow-statement', '{"symbol": "NEW", "period": "annual"}', $$[
    {"date": "2023-09-30", "symbol": "NEW", "fiscalYear": "2023", "period": "FY", "filingDate": "2023-11-03",
     "netIncome": 96995000000, "operatingCashFlow": 110543000000, "capitalExpenditure": -10959000000, "freeCashFlow": 99584000000,
     "otherInvestingActivities": -1337000000, "netCashProvidedByInvestingActivities": 3705000000, "netDividendsPaid": -15025000000,
     "commonStockIssuance": 0, "otherFinancingActivities": -6012000000, "netCashProvidedByFinancingActivities": -108488000000,
     "incomeTaxesPaid": 18679000000}
]$$);
select * from ops.run_transform('equity_cash_flow');

-- Test
select results_eq(
    $$ select symbol collate "default", other_investing_activities, net_cash_provided_by_investing_activities, net_dividends_paid,
              common_stock_issuance, other_financing_activities, net_cash_provided_by_financing_activities, free_cash_flow
       from core.equity_cash_flow order by symbol $$,
    $$ values
        ('NEW'::text, -1337000000::numeric, 3705000000::numeric, -15025000000::numeric, 0::numeric, -6012000000::numeric, -108488000000::numeric, 99584000000::numeric),
        ('OLD', -1337000000, 3705000000, -15025000000, 0, -6012000000, -108488000000, 99584000000) $$,
    'the misspelled and renamed legacy keys fill the stable-named columns'
);
select results_eq(
    $$ select symbol collate "default", link, income_taxes_paid from core.equity_cash_flow order by symbol $$,
    $$ values ('NEW'::text, null::text, 18679000000::numeric), ('OLD', 'https://www.sec.gov/a', null) $$,
    'generation-only fields have their own columns, NULL in the other generation'
);
select is_empty(
    $$ select 1 from ops.quality_issue where dataset = 'fmp.cash_flow' $$,
    'no key of either generation is unknown'
);

select * from finish();
rollback;
