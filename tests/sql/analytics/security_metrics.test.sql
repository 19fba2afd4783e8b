-- api.security_metrics against values computed independently (numpy/scipy,
-- tests/fixtures/analytics/make_expected.py) over generated prices: returns,
-- volatilities, SMAs, 52-week range, drawdown, CAPM and interest-rate betas;
-- symbols with 59, 60 and 252 returns, a gap in prices, adjusted close vs close.
begin;
\ir analytics_fixture.psql
select plan(6);

select is(
    (select distinct as_of_date from api.security_metrics),
    date '2024-11-29',
    'as_of_date is the latest date on which SPY has a price'
);
select is_empty(
    $$ select * from tests.differences('expected_security_metrics',
        'select * from api.security_metrics', array['symbol']) $$,
    'every column of every symbol equals the independent computation (1e-6 relative)'
);
select results_eq(
    $$ select symbol collate "default", market_beta_n_obs, market_beta_flag, market_beta is null
       from api.security_metrics where symbol in ('S59', 'S60', 'CCC') order by symbol $$,
    $$ values ('CCC'::text, 252, 'full_history'::text, false), ('S59', 59, 'insufficient_history', true),
              ('S60', 60, 'limited_history', false) $$,
    '59 common dates: no beta, insufficient_history; 60: limited_history; 252: full_history'
);
select ok(
    (select return_252d is not null and volatility_252d is not null from api.security_metrics where symbol = 'CCC')
    and (select return_252d is null and volatility_252d is null and return_21d is not null
         from api.security_metrics where symbol = 'S60'),
    '252-day return and volatility need 252 returns; fewer give NULL'
);
select is(
    (select close from api.security_metrics where symbol = 'AAA'),
    (select adj_close::double precision from api.equity_price where symbol = 'AAA' order by date desc limit 1),
    'the price is the adjusted close where FMP gives one'
);
select is(
    (select close from api.security_metrics where symbol = 'BBB'),
    (select close::double precision from api.equity_price where symbol = 'BBB' order by date desc limit 1),
    'the price is the close where there is no adjusted close'
);

select * from finish();
rollback;
