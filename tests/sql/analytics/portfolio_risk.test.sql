-- api.portfolio_scenario, api.position_correlation and api.portfolio_history
-- against values computed independently (numpy): market and rates moves,
-- the stress set with RiskMetrics-correlated factor moves, correlations of
-- the larger stock positions, and each portfolio's value day by day.
begin;
\ir analytics_fixture.psql
select plan(9);

select is_empty(
    $$ select * from tests.differences('expected_scenario',
        'select portfolio, scenario, category, direct_pnl, correlated_pnl from api.portfolio_scenario', array['portfolio', 'scenario']) $$,
    'direct and correlated P&L of every scenario equal the independent computation (1e-6 relative)'
);
select is(
    (select count(*)::integer from core.scenario),
    27,
    'ten market and rates moves and seventeen stress scenarios'
);
select ok(
    (select bool_and(direct_pnl = 0 and correlated_pnl = 0) from api.portfolio_scenario where portfolio = 'empty'),
    'a portfolio with no positions loses nothing in any scenario'
);
-- the stress set is data: a new scenario needs no code
insert into core.scenario (scenario, category, description, sort_order) values ('momentum_crash', 'stress', 'momentum -30 %', 99);
insert into core.scenario_shock (scenario, factor, shock) values ('momentum_crash', 'momentum', -0.30);
select ok(
    tests.close_enough(
        (select direct_pnl from api.portfolio_scenario where portfolio = 'alpha' and scenario = 'momentum_crash'),
        (select dollar_exposure * -0.30 from api.portfolio_factor_exposure where portfolio = 'alpha' and factor = 'momentum')),
    'a scenario added as rows is priced'
);
select is_empty(
    $$ select * from tests.differences('expected_correlation',
        'select portfolio, symbol_a, symbol_b, correlation, n_obs from api.position_correlation', array['portfolio', 'symbol_a', 'symbol_b']) $$,
    'correlations of the larger stock and ETF positions equal numpy''s corrcoef'
);
select ok(
    not exists (select 1 from api.position_correlation where symbol_a = symbol_b or 'CCC' in (symbol_a, symbol_b) or symbol_a like '%0000'),
    'no diagonal, no position under $10,000, no option'
);
select is_empty(
    $$ select * from tests.differences('expected_history',
        'select * from api.portfolio_history', array['portfolio', 'date']) $$,
    'every portfolio''s value, exposure and P&L on every trading date equal the independent computation'
);
select is(
    (select min(date) from api.portfolio_history where portfolio = 'alpha'),
    date '2024-01-02',
    'the history starts at the earliest entry date'
);
select is(
    (select count(*)::integer from api.portfolio_history where portfolio = 'empty'),
    0,
    'a portfolio with no positions has no history'
);

select * from finish();
rollback;
