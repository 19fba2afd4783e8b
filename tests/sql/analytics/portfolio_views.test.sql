-- api.portfolio_summary, api.portfolio_exposure_by_tag,
-- api.portfolio_exposure_by_underlying and api.portfolio_factor_exposure
-- against values computed independently; a zero net exposure and a
-- portfolio with no positions.
begin;
\ir analytics_fixture.psql
select plan(7);

select is_empty(
    $$ select * from tests.differences('expected_portfolio_summary',
        'select * from api.portfolio_summary', array['portfolio']) $$,
    'every portfolio''s sums, counts, market beta and Greeks equal the independent computation'
);
select is_empty(
    $$ select * from tests.differences('expected_by_tag',
        'select * from api.portfolio_exposure_by_tag', array['portfolio', 'tag']) $$,
    'exposure by tag (a position counts fully in each of its tags)'
);
select is_empty(
    $$ select * from tests.differences('expected_by_underlying',
        'select * from api.portfolio_exposure_by_underlying', array['portfolio', 'underlying']) $$,
    'exposure by underlying (a stock is its own underlying)'
);
select is_empty(
    $$ select * from tests.differences('expected_portfolio_factor',
        'select * from api.portfolio_factor_exposure', array['portfolio', 'factor']) $$,
    'dollar exposure and beta per factor'
);
select ok(
    (select net_exposure = 0 and market_beta is null and gross_exposure > 0 from api.portfolio_summary where portfolio = 'flat')
    and (select bool_and(beta is null) from api.portfolio_factor_exposure where portfolio = 'flat'),
    'zero net exposure: portfolio betas are NULL, not a division error'
);
select results_eq(
    $$ select position_count, gross_exposure, net_exposure, long_count, short_count, market_beta
       from api.portfolio_summary where portfolio = 'empty' $$,
    $$ values (0, 0::double precision, 0::double precision, 0::bigint, 0::bigint, null::double precision) $$,
    'a portfolio with no positions has a summary row of zeros'
);
select is(
    (select count(*)::integer from api.portfolio_factor_exposure where portfolio = 'empty' and dollar_exposure = 0),
    7,
    'a portfolio with no positions has seven zero factor exposures'
);

select * from finish();
rollback;
