-- Privileges on the FMP layers (docs/ARCHITECTURE.md §7): sra_transformer runs an FMP
-- transform end to end; sra_reader reads the FMP api views and not core.
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(5);

-- Setup
grant usage on schema tests to sra_transformer, sra_reader;
select tests.land_fmp('fmp.etf_holdings', '/stable/etf/holdings', '{"symbol": "SPY"}',
    '[{"symbol": "SPY", "asset": "AAPL", "name": "APPLE INC", "weightPercentage": "7.1%"}]');

-- Test
set local role sra_transformer;
select lives_ok(
    $$ select * from ops.run_transform('etfs_holdings') $$,
    'sra_transformer runs the etfs_holdings transform (temp stage, remainder, unlisted marks, versions)'
);
reset role;
select is(
    (select weight_percentage from core.etfs_holdings where symbol = 'SPY'),
    7.1::numeric,
    'the transform run by sra_transformer wrote core.etfs_holdings'
);
set local role sra_reader;
select lives_ok(
    $$
    select
        (select count(*) from api.equity_profile) + (select count(*) from api.equity_price) + (select count(*) from api.equity_fundamentals)
        + (select count(*) from api.equity_growth) + (select count(*) from api.equity_financial_scores) + (select count(*) from api.equity_peers)
        + (select count(*) from api.etf_profile) + (select count(*) from api.etf_sector_weighting) + (select count(*) from api.etf_price)
        + (select count(*) from api.etf_holding) + (select count(*) from api.etf_country_weighting) + (select count(*) from api.etf_peers)
        + (select count(*) from api.market_quote) + (select count(*) from api.treasury_rate)
    $$,
    'sra_reader reads every FMP api view'
);
select is(
    (select asset from api.etf_holding where symbol = 'SPY'),
    'AAPL',
    'sra_reader sees the holding through api.etf_holding'
);
select throws_ok(
    $$ select count(*) from core.etfs_holdings $$,
    '42501',
    null,
    'sra_reader cannot read core.etfs_holdings'
);
reset role;

select * from finish();
rollback;
