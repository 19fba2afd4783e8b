-- api.position_analytics against values computed independently (scipy's
-- normal distribution for Black-Scholes): prices, price sources, exposures,
-- P&L, betas and Greeks of long and short stocks, a call, a put, an expired
-- option and an option priced from its last_price.
begin;
\ir analytics_fixture.psql
select plan(5);

select is_empty(
    $$ select * from tests.differences('expected_position',
        'select * from api.position_analytics', array['portfolio', 'position_no']) $$,
    'every column of every position equals the independent computation (1e-6 relative)'
);
select results_eq(
    $$ select price_source, delta, gamma, theta, vega, rho from api.position_analytics where symbol = 'AAA241018C00050000' or (position_type = 'SC' and expiry < as_of_date) $$,
    $$ values ('intrinsic'::text, 0::double precision, 0::double precision, 0::double precision, 0::double precision, 0::double precision) $$,
    'an expired option is worth its intrinsic value and every Greek is 0'
);
select ok(
    (select exposure < 0 and delta = quantity and market_value > 0 from api.position_analytics where portfolio = 'alpha' and symbol = 'BBB'),
    'a short stock: negative exposure, delta = quantity, positive market value'
);
select is(
    (select price_source || ' ' || price from api.position_analytics where position_type = 'SP'),
    'last_price 2.5',
    'an option with a last_price is priced at it'
);
select is(
    (select count(*)::integer from api.position_analytics where portfolio = 'alpha'),
    9,
    'quarantined rows (sign against type, option without strike, unknown type, zero entry price) are not positions'
);

select * from finish();
rollback;
