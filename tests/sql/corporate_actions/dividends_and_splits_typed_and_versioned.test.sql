-- core.equity_dividend / core.equity_split (and the ETF tables): both API
-- generations typed into one row per symbol and ex-date; the same history
-- landed again adds nothing; a changed record becomes version 2 and the api
-- views show the latest; "" dates are NULL; a record without its date is
-- quarantined and the others still load.
begin;
\ir ../helpers/fixtures.psql
\ir ../fmp/fmp_fixtures.psql
select plan(11);

-- Setup: legacy dividends of AAPL, stable dividends of MSFT ("" declaration date)
select tests.land_fmp('fmp.equity_dividend', '/api/v3/historical-price-full/stock_dividend/AAPL', '{"symbol": "AAPL"}', $${
    "symbol": "AAPL",
    "historical": [
        {"date": "2024-11-08", "label": "November 08, 24", "adjDividend": 0.25, "dividend": 0.25,
         "recordDate": "2024-11-11", "paymentDate": "2024-11-14", "declarationDate": "2024-10-31"},
        {"date": "2020-08-07", "label": "August 07, 20", "adjDividend": 0.205, "dividend": 0.82,
         "recordDate": "2020-08-10", "paymentDate": "2020-08-13", "declarationDate": "2020-07-30"}
    ]
}$$);
select tests.land_fmp('fmp.equity_dividend', '/stable/dividends', '{"symbol": "MSFT"}', $$[
    {"symbol": "MSFT", "date": "2024-05-15", "recordDate": "2024-05-16", "paymentDate": "2024-06-13", "declarationDate": "",
     "adjDividend": 0.75, "dividend": 0.75, "yield": 0.7186, "frequency": "Quarterly"},
    {"symbol": "MSFT", "recordDate": "2024-02-15", "dividend": 0.75}
]$$);
select * from ops.run_transform('equity_dividend');

-- Test
select results_eq(
    $$ select symbol collate "default", date, dividend, adj_dividend, record_date, payment_date, declaration_date, yield, frequency
       from api.equity_dividend order by symbol, date $$,
    $$ values
        ('AAPL'::text, date '2020-08-07', 0.82::numeric, 0.205::numeric, date '2020-08-10', date '2020-08-13', date '2020-07-30', null::numeric, null::text),
        ('AAPL', date '2024-11-08', 0.25, 0.25, date '2024-11-11', date '2024-11-14', date '2024-10-31', null, null),
        ('MSFT', date '2024-05-15', 0.75, 0.75, date '2024-05-16', date '2024-06-13', null, 0.7186, 'Quarterly') $$,
    'both generations typed: the legacy rows take the envelope''s symbol; "" is NULL'
);
select is(
    (select reason from ops.quarantine where transform_name = 'equity_dividend'),
    'missing_date',
    'a dividend without its ex-date is quarantined, the others load'
);
select is_empty(
    $$ select 1 from ops.quality_issue where transform_name = 'equity_dividend' and rule = 'unknown_field' $$,
    'every field of both generations has its column (label included)'
);

-- the same history again: nothing new
select tests.land_fmp('fmp.equity_dividend', '/api/v3/historical-price-full/stock_dividend/AAPL', '{"symbol": "AAPL"}', $${
    "symbol": "AAPL",
    "historical": [
        {"date": "2024-11-08", "label": "November 08, 24", "adjDividend": 0.25, "dividend": 0.25,
         "recordDate": "2024-11-11", "paymentDate": "2024-11-14", "declarationDate": "2024-10-31"},
        {"date": "2020-08-07", "label": "August 07, 20", "adjDividend": 0.205, "dividend": 0.82,
         "recordDate": "2020-08-10", "paymentDate": "2020-08-13", "declarationDate": "2020-07-30"}
    ]
}$$);
select results_eq(
    $$ select rows_in, rows_out from ops.run_transform('equity_dividend') $$,
    $$ values (2::bigint, 0::bigint) $$,
    'the same dividend history landed again writes nothing'
);

-- a corrected payment date: version 2, the api view shows it
select tests.land_fmp('fmp.equity_dividend', '/api/v3/historical-price-full/stock_dividend/AAPL', '{"symbol": "AAPL"}', $${
    "symbol": "AAPL",
    "historical": [
        {"date": "2024-11-08", "label": "November 08, 24", "adjDividend": 0.25, "dividend": 0.25,
         "recordDate": "2024-11-11", "paymentDate": "2024-11-15", "declarationDate": "2024-10-31"}
    ]
}$$);
select * from ops.run_transform('equity_dividend');
select results_eq(
    $$ select data_version, payment_date from core.equity_dividend where symbol = 'AAPL' and date = '2024-11-08' order by data_version $$,
    $$ values (1, date '2024-11-14'), (2, date '2024-11-15') $$,
    'a changed dividend is a new version; history is kept'
);
select results_eq(
    $$ select data_version, payment_date from api.equity_dividend where symbol = 'AAPL' and date = '2024-11-08' $$,
    $$ values (2, date '2024-11-15') $$,
    'api.equity_dividend shows the latest version'
);
select is(
    (select count(*)::integer from api.equity_dividend where symbol = 'AAPL'),
    2,
    'a later answer without an older ex-date keeps that ex-date (history, not a full list)'
);

-- splits: legacy and stable; an ETF's split goes to the ETF table
select tests.land_fmp('fmp.equity_split', '/api/v3/historical-price-full/stock_split/AAPL', '{"symbol": "AAPL"}', $${
    "symbol": "AAPL",
    "historical": [
        {"date": "2020-08-31", "label": "August 31, 20", "numerator": 4, "denominator": 1},
        {"date": "2014-06-09", "label": "June 09, 14", "numerator": 7.0, "denominator": "1"}
    ]
}$$);
select tests.land_fmp('fmp.equity_split', '/stable/splits', '{"symbol": "GE"}',
    '[{"symbol": "GE", "date": "2021-08-02", "numerator": 1, "denominator": 8}]');
select tests.land_fmp('fmp.etf_split', '/stable/splits', '{"symbol": "QQQ"}',
    '[{"symbol": "QQQ", "date": "2000-03-20", "numerator": 2, "denominator": 1}]');
select tests.land_fmp('fmp.equity_split', '/stable/splits', '{"symbol": "BAD"}',
    '[{"symbol": "BAD", "date": "2022-01-03", "numerator": 0, "denominator": 1}]');
select * from ops.run_transform('equity_split');
select * from ops.run_transform('etfs_split');
select results_eq(
    $$ select rule, identifier, raw_value from ops.quality_issue where transform_name = 'equity_split' $$,
    $$ values ('bad_split_ratio'::text, 'BAD'::text, '0:1'::text) $$,
    'a split ratio 0:1 is flagged with its raw ratio and still loaded'
);
select results_eq(
    $$ select symbol collate "default", date, numerator, denominator, ratio from api.equity_split where symbol <> 'BAD' order by symbol, date $$,
    $$ values
        ('AAPL'::text, date '2014-06-09', 7.0::numeric, 1::numeric, 7::numeric),
        ('AAPL', date '2020-08-31', 4, 1, 4),
        ('GE', date '2021-08-02', 1, 8, 0.125) $$,
    'splits of both generations: numerator:denominator typed (1:8 is a reverse split, ratio 0.125)'
);
select results_eq(
    $$ select symbol collate "default", date, ratio from api.etf_split $$,
    $$ values ('QQQ'::text, date '2000-03-20', 2::numeric) $$,
    'an ETF''s splits are in api.etf_split'
);
select is(
    (select vendor_as_of from core.equity_split_current where symbol = 'GE'),
    timestamptz '2021-08-02 00:00:00+00',
    'the as-of of a split is its ex-date'
);

select * from finish();
rollback;
