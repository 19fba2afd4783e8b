-- core.equity_peers: a symbol's peer list is one version, one row per peer
-- (the array columns): legacy [{symbol, peersList: [...]}] explodes
-- peersList; the stable array of peer objects for the requested symbol
-- explodes into the same table. A changed list is a new version and
-- api.equity_peers shows only the latest list (a dropped peer leaves it).
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(9);

-- Setup
select tests.land_fmp('fmp.equity_peers', '/api/v4/stock_peers', '{"symbol": "MSFT"}',
    '[{"symbol": "MSFT", "peersList": ["AAPL", "GOOGL", "ORCL"]}]');
select tests.land_fmp('fmp.equity_peers', '/stable/stock-peers', '{"symbol": "AAPL"}', $$[
    {"symbol": "MSFT", "companyName": "Microsoft Corporation", "price": 415.5, "mktCap": 3088000000000},
    {"symbol": "GOOGL", "companyName": "Alphabet Inc.", "price": 141, "mktCap": 1750000000000}
]$$);
select tests.land_fmp('fmp.equity_peers', '/stable/stock-peers', '{"symbol": "NOPE"}', '[]');
select tests.land_fmp('fmp.equity_peers', '/api/v4/stock_peers', '{"symbol": "NADA"}', '{}');
select * from ops.run_transform('equity_peers');

-- Test
select results_eq(
    $$ select symbol collate "default", data_version, array_source_field, array_element_index, array_element_value
       from core.equity_peers order by symbol, array_element_index $$,
    $$ values
        ('AAPL'::text, 1, 'peers'::text, 0, '{"price": 415.5, "mktCap": 3088000000000, "symbol": "MSFT", "companyName": "Microsoft Corporation"}'::text),
        ('AAPL', 1, 'peers', 1, '{"price": 141, "mktCap": 1750000000000, "symbol": "GOOGL", "companyName": "Alphabet Inc."}'),
        ('MSFT', 1, 'peersList', 0, 'AAPL'),
        ('MSFT', 1, 'peersList', 1, 'GOOGL'),
        ('MSFT', 1, 'peersList', 2, 'ORCL') $$,
    'each peer list explodes into one row per peer; the stable list belongs to the requested symbol; [] and {} hold no list'
);
select is(
    (select raw_json from core.equity_peers_latest where symbol = 'MSFT' and array_element_index = 2),
    '{"symbol": "MSFT", "peersList": ["AAPL", "GOOGL", "ORCL"]}'::jsonb,
    'every exploded row keeps the whole document in raw_json'
);
select results_eq(
    $$ select symbol collate "default", peer_symbol, peer_rank, peer_company_name, peer_price, peer_market_cap from api.equity_peers order by symbol, peer_rank $$,
    $$ values
        ('AAPL'::text, 'MSFT'::text, 1, 'Microsoft Corporation'::text, 415.5::numeric, 3088000000000::numeric),
        ('AAPL', 'GOOGL', 2, 'Alphabet Inc.', 141, 1750000000000),
        ('MSFT', 'AAPL', 1, null, null, null),
        ('MSFT', 'GOOGL', 2, null, null, null),
        ('MSFT', 'ORCL', 3, null, null, null) $$,
    'api.equity_peers: one row per symbol and peer, with the stable details where FMP gives them'
);

-- the same MSFT list again, then a changed one (ORCL dropped, IBM added)
select tests.land_fmp('fmp.equity_peers', '/api/v4/stock_peers', '{"symbol": "MSFT"}',
    '[{"symbol": "MSFT", "peersList": ["AAPL", "GOOGL", "ORCL"]}]');
select results_eq(
    $$ select rows_out from ops.run_transform('equity_peers') $$,
    $$ values (0::bigint) $$,
    'the same peer list again adds nothing'
);
select tests.land_fmp('fmp.equity_peers', '/api/v4/stock_peers', '{"symbol": "MSFT"}',
    '[{"symbol": "MSFT", "peersList": ["AAPL", "GOOGL", "IBM"]}]');
select results_eq(
    $$ select rows_out from ops.run_transform('equity_peers') $$,
    $$ values (3::bigint) $$,
    'a changed list is a new version of the whole list'
);
select results_eq(
    $$ select peer_symbol, data_version from api.equity_peers where symbol = 'MSFT' order by peer_rank $$,
    $$ values ('AAPL'::text, 2), ('GOOGL', 2), ('IBM', 2) $$,
    'api.equity_peers shows only the latest list: the dropped peer is gone'
);
select is(
    (select count(*)::integer from core.equity_peers where symbol = 'MSFT' and data_version = 1),
    3,
    'the earlier list stays as version 1'
);
select is_empty(
    $$ select symbol, peer_symbol from api.equity_peers group by symbol, peer_symbol having count(*) > 1 $$,
    'api.equity_peers has one row per symbol and peer'
);

-- ETF peers take the same path into their own table
select tests.land_fmp('fmp.etf_peers', '/api/v4/stock_peers', '{"symbol": "SPY"}', '[{"symbol": "SPY", "peersList": ["IVV", "VOO"]}]');
select * from ops.run_transform('etfs_peers');
select results_eq(
    $$ select symbol collate "default", peer_symbol from api.etf_peers order by peer_rank $$,
    $$ values ('SPY'::text, 'IVV'::text), ('SPY', 'VOO') $$,
    'ETF peers land in core.etfs_peers and api.etf_peers'
);

select * from finish();
rollback;
