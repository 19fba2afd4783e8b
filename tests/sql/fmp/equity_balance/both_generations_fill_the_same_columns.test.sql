-- core.equity_balance: legacy and stable balance sheets fill the same
-- columns (othertotalStockholdersEquity / otherTotalStockholdersEquity,
-- fillingDate / filingDate), quarterly periods key apart from annual ones,
-- and values arriving as strings are typed.
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(3);

-- Setup: the same quarter of two companies, one per generation, and an annual row
select tests.land_fmp('fmp.balance_sheet', '/api/v3/balance-sheet-statement/OLD', '{"symbol": "OLD", "period": "quarter"}', $$[
    {"date": "2023-12-30", "symbol": "OLD", "calendarYear": "2024", "period": "Q1", "fillingDate": "2024-02-02",
     "cashAndCashEquivalents": 40760000000, "inventory": "6511000000", "totalAssets": 353514000000, "totalLiabilities": 279414000000,
     "othertotalStockholdersEquity": -9406000000, "totalStockholdersEquity": 74100000000, "totalDebt": 108040000000, "netDebt": 67280000000}
]$$);
select tests.land_fmp('fmp.balance_sheet', '/stable/balance-sheet-statement', '{"symbol": "NEW", "period": "quarter"}', $$[
    {"date": "2023-12-30", "symbol": "NEW", "fiscalYear": "2024", "period": "Q1", "filingDate": "2024-02-02",
     "cashAndCashEquivalents": 40760000000, "inventory": 6511000000, "totalAssets": 353514000000, "totalLiabilities": 279414000000,
     "otherTotalStockholdersEquity": -9406000000, "totalStockholdersEquity": 74100000000, "totalDebt": 108040000000, "netDebt": 67280000000},
    {"date": "2023-12-30", "symbol": "NEW", "fiscalYear": "2024", "period": "FY", "filingDate": "2024-02-02", "totalAssets": 1}
]$$);
select * from ops.run_transform('equity_balance');

-- Test
select results_eq(
    $$ select symbol collate "default", period collate "default", fiscal_year, filing_date, cash_and_cash_equivalents, inventory, total_assets,
              total_liabilities, other_total_stockholders_equity, total_stockholders_equity, total_debt, net_debt
       from core.equity_balance where period = 'Q1' order by symbol $$,
    $$ values
        ('NEW'::text, 'Q1'::text, 2024, date '2024-02-02', 40760000000::numeric, 6511000000::numeric, 353514000000::numeric,
         279414000000::numeric, -9406000000::numeric, 74100000000::numeric, 108040000000::numeric, 67280000000::numeric),
        ('OLD', 'Q1', 2024, date '2024-02-02', 40760000000, 6511000000, 353514000000, 279414000000, -9406000000, 74100000000, 108040000000, 67280000000) $$,
    'both generations'' names give the same typed row'
);
select results_eq(
    $$ select period collate "default", total_assets from core.equity_balance where symbol = 'NEW' order by period $$,
    $$ values ('FY'::text, 1::numeric), ('Q1', 353514000000) $$,
    'the annual and the first-quarter row of the same date are two keys'
);
select is(
    (select count(*)::integer from ops.quality_issue where dataset = 'fmp.balance_sheet'),
    0,
    'no typing issue and no unknown field'
);

select * from finish();
rollback;
