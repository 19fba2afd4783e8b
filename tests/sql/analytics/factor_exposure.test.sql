-- api.factor_exposure against numpy's least squares (with intercept) on the
-- seven factor ETFs' returns over the last 252 dates on which all eight
-- returns exist: betas, ±3 cap, R² of the uncapped fit, history flags.
begin;
\ir analytics_fixture.psql
select plan(4);

select is_empty(
    $$ select * from tests.differences('expected_factor_exposure',
        'select * from api.factor_exposure', array['symbol', 'factor']) $$,
    'every beta, R², n_obs and flag equals the independent computation (1e-6 relative)'
);
select ok(
    (select bool_and(capped) and bool_and(abs(beta) = 3) from api.factor_exposure where symbol = 'WILD' and factor in ('value', 'growth')),
    'a coefficient beyond ±3 is capped and flagged'
);
select ok(
    (select bool_and(beta is null and quality_flag = 'insufficient_history') from api.factor_exposure where symbol = 'S59')
    and (select bool_and(beta is not null and quality_flag = 'limited_history') from api.factor_exposure where symbol = 'S60'),
    '59 dates: no betas (insufficient_history); 60 dates: betas (limited_history)'
);
select is(
    (select count(*)::integer from api.factor_exposure where symbol = 'AAA'),
    7,
    'one row per factor'
);

select * from finish();
rollback;
