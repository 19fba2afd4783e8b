-- FMP copies a filing's acceptance time from SEC EDGAR as it stands there:
-- naive New York wall-clock time ("2024-11-01 06:01:36"). accepted_date reads
-- it as America/New_York, daylight saving included (EDT, -04, in summer; EST,
-- -05, in winter), in the income statement, balance sheet and cash flow
-- alike; a value with an explicit offset or Z stays as given.
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(6);

-- Setup: legacy and stable income statements, one balance sheet, one cash flow
select tests.land_fmp('fmp.income_statement', '/api/v3/income-statement/AAPL', '{"symbol": "AAPL", "period": "quarter"}', $$[
    {"date": "2024-06-29", "symbol": "AAPL", "reportedCurrency": "USD", "cik": "0000320193", "fillingDate": "2024-08-02",
     "acceptedDate": "2024-08-01 18:04:43", "calendarYear": "2024", "period": "Q3", "revenue": 85777000000},
    {"date": "2023-12-30", "symbol": "AAPL", "reportedCurrency": "USD", "cik": "0000320193", "fillingDate": "2024-02-02",
     "acceptedDate": "2024-02-01 18:03:47", "calendarYear": "2024", "period": "Q1", "revenue": 119575000000}
]$$);
select tests.land_fmp('fmp.income_statement', '/stable/income-statement', '{"symbol": "MSFT", "period": "quarter"}', $$[
    {"date": "2024-09-30", "symbol": "MSFT", "reportedCurrency": "USD", "cik": "0000789019", "filingDate": "2024-10-30",
     "acceptedDate": "2024-10-30T16:06:22-04:00", "fiscalYear": "2025", "period": "Q1", "revenue": 65585000000},
    {"date": "2024-06-30", "symbol": "MSFT", "reportedCurrency": "USD", "cik": "0000789019", "filingDate": "2024-07-30",
     "acceptedDate": "2024-07-30T20:05:11Z", "fiscalYear": "2024", "period": "Q4", "revenue": 64727000000}
]$$);
select tests.land_fmp('fmp.balance_sheet', '/stable/balance-sheet-statement', '{"symbol": "AAPL", "period": "quarter"}', $$[
    {"date": "2024-09-28", "symbol": "AAPL", "reportedCurrency": "USD", "cik": "0000320193", "filingDate": "2024-11-01",
     "acceptedDate": "2024-11-01 06:01:36", "fiscalYear": "2024", "period": "Q4", "totalAssets": 364980000000}
]$$);
select tests.land_fmp('fmp.cash_flow', '/api/v3/cash-flow-statement/AAPL', '{"symbol": "AAPL", "period": "quarter"}', $$[
    {"date": "2024-12-28", "symbol": "AAPL", "reportedCurrency": "USD", "cik": "0000320193", "fillingDate": "2025-01-31",
     "acceptedDate": "2025-01-30 18:01:49", "calendarYear": "2025", "period": "Q1", "netIncome": 36330000000}
]$$);
select * from ops.run_transform('equity_income');
select * from ops.run_transform('equity_balance');
select * from ops.run_transform('equity_cash_flow');

-- Test
select is(
    (select accepted_date from core.equity_income where symbol = 'AAPL' and date = '2024-06-29'),
    timestamptz '2024-08-01 22:04:43+00',
    'summer: "2024-08-01 18:04:43" is New York daylight time (EDT, -04), 22:04:43 UTC'
);
select is(
    (select accepted_date from core.equity_income where symbol = 'AAPL' and date = '2023-12-30'),
    timestamptz '2024-02-01 23:03:47+00',
    'winter: "2024-02-01 18:03:47" is New York standard time (EST, -05), 23:03:47 UTC'
);
select results_eq(
    $$ select accepted_date from core.equity_income where symbol = 'MSFT' order by date $$,
    $$ values (timestamptz '2024-07-30 20:05:11+00'), (timestamptz '2024-10-30 20:06:22+00') $$,
    'a value with Z or an explicit offset stays the instant it names'
);
select is(
    (select accepted_date from core.equity_balance where symbol = 'AAPL' and date = '2024-09-28'),
    timestamptz '2024-11-01 10:01:36+00',
    'the balance sheet reads acceptedDate the same way: "2024-11-01 06:01:36" (EDT) is 10:01:36 UTC'
);
select is(
    (select accepted_date from core.equity_cash_flow where symbol = 'AAPL' and date = '2024-12-28'),
    timestamptz '2025-01-30 23:01:49+00',
    'the cash flow reads acceptedDate the same way: "2025-01-30 18:01:49" (EST) is 23:01:49 UTC'
);
select is(
    (select count(*)::integer from ops.quality_issue where dataset in ('fmp.income_statement', 'fmp.balance_sheet', 'fmp.cash_flow')
        and rule = 'bad_date'),
    0,
    'every acceptedDate shape types without issue'
);

select * from finish();
rollback;
