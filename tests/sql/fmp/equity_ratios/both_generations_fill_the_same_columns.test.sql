-- core.equity_ratios: legacy ratio names (priceEarningsRatio, debtEquityRatio,
-- interestCoverage, companyEquityMultiplier, priceFairValue) and stable ones
-- (priceToEarningsRatio, debtToEquityRatio, interestCoverageRatio,
-- financialLeverageRatio, priceToFairValue) fill the same columns; a value
-- that is not a number becomes NULL and a quality issue.
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(3);

-- Setup
select tests.land_fmp('fmp.ratios', '/api/v3/ratios/OLD', '{"symbol": "OLD", "period": "annual"}', $$[
    {"symbol": "OLD", "date": "2023-09-30", "calendarYear": "2023", "period": "FY", "currentRatio": 0.988,
     "priceEarningsRatio": 27.79, "debtEquityRatio": 1.79, "interestCoverage": 29, "companyEquityMultiplier": 5.67,
     "priceFairValue": 44.43, "returnOnEquity": 1.5608, "grossProfitMargin": "0.4413"}
]$$);
select tests.land_fmp('fmp.ratios', '/stable/ratios', '{"symbol": "NEW", "period": "annual"}', $$[
    {"symbol": "NEW", "date": "2023-09-30", "fiscalYear": "2023", "period": "FY", "currentRatio": 0.988,
     "priceToEarningsRatio": 27.79, "debtToEquityRatio": 1.79, "interestCoverageRatio": 29.0, "financialLeverageRatio": 5.67,
     "priceToFairValue": 44.43, "grossProfitMargin": 0.4413, "ebitdaMargin": "n/a-ish"}
]$$);
select * from ops.run_transform('equity_ratios');

-- Test
select results_eq(
    $$ select symbol collate "default", fiscal_year, current_ratio, price_to_earnings_ratio, debt_to_equity_ratio, interest_coverage_ratio,
              financial_leverage_ratio, price_to_fair_value, gross_profit_margin
       from core.equity_ratios order by symbol $$,
    $$ values
        ('NEW'::text, 2023, 0.988::numeric, 27.79::numeric, 1.79::numeric, 29.0::numeric, 5.67::numeric, 44.43::numeric, 0.4413::numeric),
        ('OLD', 2023, 0.988, 27.79, 1.79, 29, 5.67, 44.43, 0.4413) $$,
    'legacy and stable ratio names give the same typed row; 29 and 29.0, "0.4413" and 0.4413 are the same numbers'
);
select results_eq(
    $$ select rule, field, raw_value from ops.quality_issue where dataset = 'fmp.ratios' $$,
    $$ values ('bad_number'::text, 'ebitda_margin'::text, 'n/a-ish'::text) $$,
    'a value that is not a number is recorded with its raw text'
);
select is(
    (select ebitda_margin from core.equity_ratios where symbol = 'NEW'),
    null,
    'and the column is NULL'
);

select * from finish();
rollback;
