-- core.equity_quotes: one row per symbol and trading date. Legacy responses
-- ({symbol, historical: [...]}, newest first) and stable flat arrays explode
-- into one document per day; overlapping date windows never duplicate a day
-- (label and changeOverTime describe the window and stay in raw_json);
-- volumes arriving as strings or floats are typed as bigint.
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(12);

-- Setup: a legacy window 2024-01-02 .. 2024-01-04, newest first
select tests.land_fmp('fmp.equity_price', '/api/v3/historical-price-full/AAPL', '{"symbol": "AAPL", "from": "2024-01-02", "to": "2024-01-04"}', $${
    "symbol": "AAPL",
    "historical": [
        {"date": "2024-01-04", "open": 182.15, "high": 183.0872, "low": 180.88, "close": 181.91, "adjClose": 181.04, "volume": 71983600.0,
         "unadjustedVolume": 71983600, "change": -0.24, "changePercent": -0.13176, "vwap": 181.96, "label": "January 04, 24", "changeOverTime": -0.0013},
        {"date": "2024-01-03", "open": 184.22, "high": 185.88, "low": 183.43, "close": 184.25, "adjClose": 183.37, "volume": "58414500",
         "unadjustedVolume": 58414500, "change": 0.03, "changePercent": 0.01628, "vwap": 184.52, "label": "January 03, 24", "changeOverTime": 0.00016},
        {"date": "2024-01-02", "open": 187.15, "high": 188.44, "low": 183.885, "close": 185.64, "adjClose": 184.75, "volume": 82488700,
         "unadjustedVolume": 82488700, "change": -1.51, "changePercent": -0.80685, "vwap": 185.99, "label": "January 02, 24", "changeOverTime": -0.0081}
    ]
}$$);
select * from ops.run_transform('equity_quotes');

-- Test
select results_eq(
    $$ select symbol collate "default", date, open, high, low, close, adj_close, volume, unadjusted_volume, change, change_percent, vwap, batch_elem
       from core.equity_quotes order by date $$,
    $$ values
        ('AAPL'::text, date '2024-01-02', 187.15::numeric, 188.44::numeric, 183.885::numeric, 185.64::numeric, 184.75::numeric, 82488700::bigint, 82488700::bigint, -1.51::numeric, -0.80685::numeric, 185.99::numeric, 2),
        ('AAPL', date '2024-01-03', 184.22, 185.88, 183.43, 184.25, 183.37, 58414500, 58414500, 0.03, 0.01628, 184.52, 1),
        ('AAPL', date '2024-01-04', 182.15, 183.0872, 180.88, 181.91, 181.04, 71983600, 71983600, -0.24, -0.13176, 181.96, 0) $$,
    'each day of {symbol, historical} is one row with the object''s symbol, at FMP''s precision; "58414500" and 71983600.0 are bigint volumes'
);
select col_type_is('core', 'equity_quotes', 'volume', 'bigint', 'volume is bigint');
select col_type_is('core', 'equity_quotes', 'close', 'numeric', 'close is numeric without typmod');
select is(
    (select raw_json ->> 'changeOverTime' from core.equity_quotes_latest where date = '2024-01-03'),
    '0.00016',
    'window-relative fields stay in raw_json'
);

-- an overlapping window 2024-01-03 .. 2024-01-05: two known days (other window fields), one new
select tests.land_fmp('fmp.equity_price', '/api/v3/historical-price-full/AAPL', '{"symbol": "AAPL", "from": "2024-01-03", "to": "2024-01-05"}', $${
    "symbol": "AAPL",
    "historical": [
        {"date": "2024-01-05", "open": 181.99, "high": 182.76, "low": 180.17, "close": 181.18, "adjClose": 180.31, "volume": 62303300,
         "unadjustedVolume": 62303300, "change": -0.81, "changePercent": -0.44508, "vwap": 181.3, "label": "January 05, 24", "changeOverTime": -0.0045},
        {"date": "2024-01-04", "open": 182.15, "high": 183.0872, "low": 180.88, "close": 181.91, "adjClose": 181.04, "volume": 71983600,
         "unadjustedVolume": 71983600, "change": -0.24, "changePercent": -0.13176, "vwap": 181.96, "label": "January 04, 24", "changeOverTime": -0.0013},
        {"date": "2024-01-03", "open": 184.22, "high": 185.88, "low": 183.43, "close": 184.25, "adjClose": 183.37, "volume": 58414500,
         "unadjustedVolume": 58414500, "change": 0.03, "changePercent": 0.01628, "vwap": 184.52, "label": "January 03, 24", "changeOverTime": 0}
    ]
}$$);
select results_eq(
    $$ select rows_in, rows_out from ops.run_transform('equity_quotes') $$,
    $$ values (3::bigint, 1::bigint) $$,
    'an overlapping window writes only the day not loaded before'
);
select is_empty(
    $$ select symbol, date from core.equity_quotes group by symbol, date having count(*) > 1 $$,
    'no day of a symbol is stored twice'
);

-- a stable flat array (symbol on every row, no adjClose), a legacy object
-- without its symbol (the requested one applies), an unknown symbol ({})
select tests.land_fmp('fmp.equity_price', '/stable/historical-price-eod/full', '{"symbol": "MSFT", "from": "2024-01-04", "to": "2024-01-05"}', $$[
    {"symbol": "MSFT", "date": "2024-01-05", "open": 368.97, "high": 372.06, "low": 366.5, "close": 367.75, "volume": 20987000, "change": -1.22, "changePercent": -0.33065, "vwap": 368.82},
    {"symbol": "MSFT", "date": "2024-01-04", "open": 370.665, "high": 373.1, "low": 367.17, "close": 367.94, "volume": 20901500, "change": -2.725, "changePercent": -0.73516, "vwap": 369.72}
]$$);
select tests.land_fmp('fmp.equity_price', '/api/v3/historical-price-full/IBM', '{"symbol": "IBM", "from": "2024-01-05", "to": "2024-01-05"}',
    '{"historical": [{"date": "2024-01-05", "open": 162.44, "high": 162.9, "low": 160.89, "close": 161.86, "volume": 4432000}]}');
select tests.land_fmp('fmp.equity_price', '/api/v3/historical-price-full/NOPE', '{"symbol": "NOPE", "from": "2024-01-05", "to": "2024-01-05"}', '{}');
select results_eq(
    $$ select batches, rows_in, rows_out, quarantined from ops.run_transform('equity_quotes') $$,
    $$ values (3, 3::bigint, 3::bigint, 0::bigint) $$,
    'the stable array, the symbol-less legacy object and the empty answer are consumed; {} holds no day'
);
select results_eq(
    $$ select symbol collate "default", date, close, adj_close, api_version from core.equity_quotes where symbol <> 'AAPL' order by symbol, date $$,
    $$ values ('IBM'::text, date '2024-01-05', 161.86::numeric, null::numeric, 'v3'::text),
              ('MSFT', date '2024-01-04', 367.94, null, 'stable'),
              ('MSFT', date '2024-01-05', 367.75, null, 'stable') $$,
    'stable rows carry their own symbol; a legacy object without one takes the requested symbol'
);
select results_eq(
    $$ select symbol collate "default", date, close from api.equity_price where symbol = 'AAPL' order by date $$,
    $$ values ('AAPL'::text, date '2024-01-02', 185.64::numeric), ('AAPL', date '2024-01-03', 184.25), ('AAPL', date '2024-01-04', 181.91), ('AAPL', date '2024-01-05', 181.18) $$,
    'api.equity_price serves the four AAPL days'
);
select is_empty(
    $$ select symbol, date from api.equity_price group by symbol, date having count(*) > 1 $$,
    'api.equity_price has one row per symbol and date'
);

-- ETF prices take the same path into their own table
select tests.land_fmp('fmp.etf_price', '/stable/historical-price-eod/full', '{"symbol": "SPY", "from": "2024-01-05", "to": "2024-01-05"}',
    '[{"symbol": "SPY", "date": "2024-01-05", "open": 467.49, "high": 470.44, "low": 466.43, "close": 467.92, "volume": 86118913}]');
select * from ops.run_transform('etfs_quotes');
select results_eq(
    $$ select symbol collate "default", date, close, volume from api.etf_price $$,
    $$ values ('SPY'::text, date '2024-01-05', 467.92::numeric, 86118913::bigint) $$,
    'ETF daily prices land in core.etfs_quotes and api.etf_price'
);
select is(
    (select count(*)::integer from core.equity_quotes where symbol = 'SPY'),
    0,
    'ETF prices do not reach the equity table'
);

select * from finish();
rollback;
