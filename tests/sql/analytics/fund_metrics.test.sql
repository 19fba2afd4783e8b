-- api.fund_metrics against values computed independently (numpy) from
-- generated Fundata NAVPS: returns and volatility on each fund's own dates
-- (one return across a gap), Fundata's reported returns and the difference.
begin;
\ir analytics_fixture.psql
select plan(3);

select is_empty(
    $$ select * from tests.differences('expected_fund_metrics',
        'select identifier, as_of_date, navps, return_1d, return_21d, return_63d, return_252d, return_ytd,
                volatility_21d, volatility_63d, volatility_252d, reported_one_month_return, reported_three_month_return,
                reported_ytd_return, reported_one_year_return, one_month_difference, three_month_difference,
                ytd_difference, one_year_difference
         from api.fund_metrics', array['identifier']) $$,
    'every fund''s returns, volatilities, reported returns and differences equal the independent computation'
);
select ok(
    (select return_63d is null and volatility_63d is null and return_21d is not null from api.fund_metrics where identifier = '900002'),
    'a fund with 40 NAV dates has no 63-day figures'
);
select is(
    (select reported_as_of_date from api.fund_metrics where identifier = '900001'),
    date '2024-10-31',
    'the as-of date of Fundata''s reported returns is shown'
);

select * from finish();
rollback;
