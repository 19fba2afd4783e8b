-- core.equity_income: one row per symbol, period and fiscal period end date.
-- Legacy names (fillingDate, calendarYear as a string, epsdiluted) and stable
-- names (filingDate, fiscalYear, epsDiluted) fill the same columns; values
-- beyond DECIMAL(12,2) keep FMP's precision; an integer in one row and a float
-- in the next are the same numeric. An identical reload adds nothing; a
-- restated statement (same key, changed values) becomes version 2.
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(10);

-- Setup: two legacy annual statements, newest first
select tests.land_fmp('fmp.income_statement', '/api/v3/income-statement/AAPL', '{"symbol": "AAPL", "period": "annual", "limit": "2"}', $$[
    {"date": "2023-09-30", "symbol": "AAPL", "reportedCurrency": "USD", "cik": "0000320193", "fillingDate": "2023-11-03",
     "acceptedDate": "2023-11-02 18:08:27", "calendarYear": "2023", "period": "FY", "revenue": 383285000000,
     "costOfRevenue": 214137000000, "grossProfit": 169148000000, "operatingIncome": 114301000000, "ebitda": 125820000000,
     "netIncome": 96995000000, "eps": 6.16, "epsdiluted": 6.13, "weightedAverageShsOut": 15744231000},
    {"date": "2022-09-24", "symbol": "AAPL", "reportedCurrency": "USD", "cik": "0000320193", "fillingDate": "2022-10-28",
     "acceptedDate": "2022-10-27 18:01:14", "calendarYear": "2022", "period": "FY", "revenue": 3.94328E+11,
     "costOfRevenue": 223546000000.0, "grossProfit": 170782000000, "operatingIncome": 119437000000, "ebitda": 133138000000,
     "netIncome": 99803000000, "eps": 6.15, "epsdiluted": 6.11, "weightedAverageShsOut": 16215963000}
]$$);
select * from ops.run_transform('equity_income');

-- Test
select results_eq(
    $$ select symbol collate "default", period collate "default", date, fiscal_year, filing_date, revenue, cost_of_revenue, net_income, eps, eps_diluted, data_version
       from core.equity_income order by date $$,
    $$ values
        ('AAPL'::text, 'FY'::text, date '2022-09-24', 2022, date '2022-10-28', 394328000000::numeric, 223546000000::numeric, 99803000000::numeric, 6.15::numeric, 6.11::numeric, 1),
        ('AAPL', 'FY', date '2023-09-30', 2023, date '2023-11-03', 383285000000, 214137000000, 96995000000, 6.16, 6.13, 1) $$,
    'legacy statements are typed: calendarYear "2023" as fiscal_year, fillingDate as filing_date, 3.94328E+11 and 383285000000 as exact numerics'
);
select col_type_is('core', 'equity_income', 'revenue', 'numeric', 'revenue is numeric without typmod: statement values exceed DECIMAL(12,2)');
select col_type_is('core', 'equity_income', 'fiscal_year', 'integer', 'fiscal_year is an integer');
select is(
    (select accepted_date from core.equity_income where date = '2023-09-30'),
    timestamptz '2023-11-02 18:08:27-04',
    'acceptedDate is a timestamp, New York time (EDT on 2 November 2023)'
);

-- the same two statements again, from the stable generation under its names
select tests.land_fmp('fmp.income_statement', '/stable/income-statement', '{"symbol": "AAPL", "period": "annual", "limit": "2"}', $$[
    {"date": "2023-09-30", "symbol": "AAPL", "reportedCurrency": "USD", "cik": "0000320193", "filingDate": "2023-11-03",
     "acceptedDate": "2023-11-02 18:08:27", "fiscalYear": "2023", "period": "FY", "revenue": 383285000000,
     "costOfRevenue": 214137000000, "grossProfit": 169148000000, "operatingIncome": 114301000000, "ebitda": 125820000000,
     "netIncome": 96995000000, "eps": 6.16, "epsDiluted": 6.13, "weightedAverageShsOut": 15744231000},
    {"date": "2022-09-24", "symbol": "AAPL", "reportedCurrency": "USD", "cik": "0000320193", "filingDate": "2022-10-28",
     "acceptedDate": "2022-10-27 18:01:14", "fiscalYear": "2022", "period": "FY", "revenue": 394328000000,
     "costOfRevenue": 223546000000, "grossProfit": 170782000000, "operatingIncome": 119437000000, "ebitda": 133138000000,
     "netIncome": 99803000000, "eps": 6.15, "epsDiluted": 6.11, "weightedAverageShsOut": 16215963000}
]$$);
select results_eq(
    $$ select rows_in, rows_out from ops.run_transform('equity_income') $$,
    $$ values (2::bigint, 0::bigint) $$,
    'the same statements under the stable names are the same content: nothing new'
);
create temp table before_restatement on commit drop as select * from core.equity_income;

-- FY2023 restated: revenue and net income changed; FY2022 unchanged
select tests.land_fmp('fmp.income_statement', '/stable/income-statement', '{"symbol": "AAPL", "period": "annual", "limit": "2"}', $$[
    {"date": "2023-09-30", "symbol": "AAPL", "reportedCurrency": "USD", "cik": "0000320193", "filingDate": "2023-11-03",
     "acceptedDate": "2023-11-02 18:08:27", "fiscalYear": "2023", "period": "FY", "revenue": 383300000000,
     "costOfRevenue": 214137000000, "grossProfit": 169163000000, "operatingIncome": 114301000000, "ebitda": 125820000000,
     "netIncome": 97000000000.5, "eps": 6.16, "epsDiluted": 6.13, "weightedAverageShsOut": 15744231000},
    {"date": "2022-09-24", "symbol": "AAPL", "reportedCurrency": "USD", "cik": "0000320193", "filingDate": "2022-10-28",
     "acceptedDate": "2022-10-27 18:01:14", "fiscalYear": "2022", "period": "FY", "revenue": 394328000000,
     "costOfRevenue": 223546000000, "grossProfit": 170782000000, "operatingIncome": 119437000000, "ebitda": 133138000000,
     "netIncome": 99803000000, "eps": 6.15, "epsDiluted": 6.11, "weightedAverageShsOut": 16215963000}
]$$);
select results_eq(
    $$ select rows_out from ops.run_transform('equity_income') $$,
    $$ values (1::bigint) $$,
    'the restatement writes one row: the restated period'
);
select results_eq(
    $$ select date, data_version, revenue, net_income, api_version from core.equity_income order by date, data_version $$,
    $$ values (date '2022-09-24', 1, 394328000000::numeric, 99803000000::numeric, 'v3'::text),
              (date '2023-09-30', 1, 383285000000, 96995000000, 'v3'),
              (date '2023-09-30', 2, 383300000000, 97000000000.5, 'stable') $$,
    'the restated FY2023 is version 2, with the fraction FMP sent'
);
select set_eq(
    $$ select * from core.equity_income where data_version = 1 $$,
    $$ select * from before_restatement $$,
    'version 1 rows are untouched by the restatement'
);
select results_eq(
    $$ select date, revenue, net_income from api.equity_fundamentals where symbol = 'AAPL' and period = 'FY' order by date $$,
    $$ values (date '2022-09-24', 394328000000::numeric, 99803000000::numeric), (date '2023-09-30', 383300000000, 97000000000.5) $$,
    'api.equity_fundamentals shows the restated values'
);
select is_empty(
    $$ select symbol, period, date from api.equity_fundamentals group by symbol, period, date having count(*) > 1 $$,
    'api.equity_fundamentals has one row per symbol, period and date'
);

select * from finish();
rollback;
