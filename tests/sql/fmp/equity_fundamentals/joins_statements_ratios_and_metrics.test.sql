-- api.equity_fundamentals: one row per symbol, period and fiscal period end
-- date, with the latest version of each of income statement, balance sheet,
-- cash-flow statement, ratios and key metrics side by side; a period one of
-- them lacks has NULLs there; quarters and years stay apart.
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(4);

-- Setup: FY2023 of AAPL in all five, Q1 2024 in income and ratios only
select tests.land_fmp('fmp.income_statement', '/stable/income-statement', '{"symbol": "AAPL", "period": "annual"}',
    '[{"date": "2023-09-30", "symbol": "AAPL", "fiscalYear": "2023", "period": "FY", "reportedCurrency": "USD", "filingDate": "2023-11-03", "revenue": 383285000000, "netIncome": 96995000000}]');
select tests.land_fmp('fmp.income_statement', '/stable/income-statement', '{"symbol": "AAPL", "period": "quarter"}',
    '[{"date": "2023-12-30", "symbol": "AAPL", "fiscalYear": "2024", "period": "Q1", "reportedCurrency": "USD", "filingDate": "2024-02-02", "revenue": 119575000000, "netIncome": 33916000000}]');
select tests.land_fmp('fmp.balance_sheet', '/stable/balance-sheet-statement', '{"symbol": "AAPL", "period": "annual"}',
    '[{"date": "2023-09-30", "symbol": "AAPL", "fiscalYear": "2023", "period": "FY", "totalAssets": 352583000000, "inventory": 6331000000}]');
select tests.land_fmp('fmp.cash_flow', '/stable/cash-flow-statement', '{"symbol": "AAPL", "period": "annual"}',
    '[{"date": "2023-09-30", "symbol": "AAPL", "fiscalYear": "2023", "period": "FY", "netIncome": 96995000000, "inventory": -1618000000, "freeCashFlow": 99584000000}]');
select tests.land_fmp('fmp.ratios', '/stable/ratios', '{"symbol": "AAPL", "period": "annual"}',
    '[{"symbol": "AAPL", "date": "2023-09-30", "fiscalYear": "2023", "period": "FY", "currentRatio": 0.988, "priceToEarningsRatio": 27.79}]');
select tests.land_fmp('fmp.ratios', '/stable/ratios', '{"symbol": "AAPL", "period": "quarter"}',
    '[{"symbol": "AAPL", "date": "2023-12-30", "fiscalYear": "2024", "period": "Q1", "currentRatio": 1.043}]');
select tests.land_fmp('fmp.key_metrics', '/stable/key-metrics', '{"symbol": "AAPL", "period": "annual"}',
    '[{"symbol": "AAPL", "date": "2023-09-30", "fiscalYear": "2023", "period": "FY", "currentRatio": 0.9, "marketCap": 2794000000000, "returnOnEquity": 1.5608}]');
select * from ops.run_transforms();

-- Test
select results_eq(
    $$ select symbol collate "default", period collate "default", date, fiscal_year, reported_currency, filing_date, revenue, net_income, total_assets, inventory,
              cash_flow_net_income, cash_flow_inventory, free_cash_flow, current_ratio, price_to_earnings_ratio, market_cap, return_on_equity
       from api.equity_fundamentals order by date $$,
    $$ values
        ('AAPL'::text, 'FY'::text, date '2023-09-30', 2023, 'USD'::text, date '2023-11-03', 383285000000::numeric, 96995000000::numeric,
         352583000000::numeric, 6331000000::numeric, 96995000000::numeric, -1618000000::numeric, 99584000000::numeric, 0.988::numeric,
         27.79::numeric, 2794000000000::numeric, 1.5608::numeric),
        ('AAPL', 'Q1', date '2023-12-30', 2024, 'USD', date '2024-02-02', 119575000000, 33916000000,
         null, null, null, null, null, 1.043, null, null, null) $$,
    'one row per period: the five sources side by side (the ratios'' current ratio before key metrics''), NULL where a source has no row'
);
select is_empty(
    $$ select symbol, period, date from api.equity_fundamentals group by symbol, period, date having count(*) > 1 $$,
    'api.equity_fundamentals has one row per symbol, period and date'
);
-- a handful of rows: whether the planner would rather scan them depends on
-- whether autovacuum has analyzed the empty tables yet; with scans priced
-- out, a plan without an index means no index serves the lookup
set local enable_seqscan = off;
select isnt_empty(
    $$ select n from tests.plan_nodes($q$ select * from api.equity_fundamentals where symbol = 'AAPL' $q$) as n where n like 'Index%' $$,
    'a symbol''s fundamentals are read through the version keys'' indexes'
);
reset enable_seqscan;
select results_eq(
    $$ select count(*)::integer from api.equity_fundamentals where symbol = 'AAPL' and period = 'FY' $$,
    $$ values (1) $$,
    'filtering by symbol and period keeps the grain'
);

select * from finish();
rollback;
