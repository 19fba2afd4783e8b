-- core.equity_key_metrics: the legacy misspelling
-- researchAndDdevelopementToRevenue and the renamed keys (roe, roic,
-- enterpriseValueOverEBITDA, daysSalesOutstanding) read into the same columns
-- as the stable names; api.equity_fundamentals shows a figure carried by
-- both ratios and key metrics once.
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(3);

-- Setup
select tests.land_fmp('fmp.key_metrics', '/api/v3/key-metrics/OLD', '{"symbol": "OLD", "period": "annual"}', $$[
    {"symbol": "OLD", "date": "2023-09-30", "calendarYear": "2023", "period": "FY", "marketCap": 2794000000000,
     "researchAndDdevelopementToRevenue": 0.0781, "roe": 1.5608, "roic": 0.5564, "enterpriseValueOverEBITDA": 22.99,
     "daysSalesOutstanding": 58.07, "currentRatio": 0.988}
]$$);
select tests.land_fmp('fmp.key_metrics', '/stable/key-metrics', '{"symbol": "NEW", "period": "annual"}', $$[
    {"symbol": "NEW", "date": "2023-09-30", "fiscalYear": "2023", "period": "FY", "marketCap": 2794000000000,
     "researchAndDevelopementToRevenue": 0.0781, "returnOnEquity": 1.5608, "returnOnInvestedCapital": 0.5564, "evToEBITDA": 22.99,
     "daysOfSalesOutstanding": 58.07, "currentRatio": 0.988}
]$$);
select * from ops.run_transform('equity_key_metrics');

-- Test
select results_eq(
    $$ select symbol collate "default", market_cap, research_and_development_to_revenue, return_on_equity, return_on_invested_capital,
              ev_to_ebitda, days_of_sales_outstanding
       from core.equity_key_metrics order by symbol $$,
    $$ values
        ('NEW'::text, 2794000000000::numeric, 0.0781::numeric, 1.5608::numeric, 0.5564::numeric, 22.99::numeric, 58.07::numeric),
        ('OLD', 2794000000000, 0.0781, 1.5608, 0.5564, 22.99, 58.07) $$,
    'researchAndDdevelopementToRevenue (sic), roe, roic and the other legacy names fill the stable-named columns'
);
select results_eq(
    $$ select symbol collate "default", current_ratio, return_on_equity, market_cap from api.equity_fundamentals order by symbol $$,
    $$ values ('NEW'::text, 0.988::numeric, 1.5608::numeric, 2794000000000::numeric), ('OLD', 0.988, 1.5608, 2794000000000) $$,
    'api.equity_fundamentals takes figures from key metrics when no ratios row has them'
);
select is_empty(
    $$ select 1 from ops.quality_issue where dataset = 'fmp.key_metrics' $$,
    'no key of either generation is unknown'
);

select * from finish();
rollback;
