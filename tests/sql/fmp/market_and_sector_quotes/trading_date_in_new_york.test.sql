-- core.market_and_sector_quotes: one row per symbol and trading date, the
-- date being the quote's epoch-seconds timestamp on the New York clock; a
-- later quote of the same day is a new version of that day; legacy
-- changesPercentage and stable changePercentage fill change_percent; an
-- index's daily history ({symbol, historical}) fills the same table.
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(7);

-- Setup: 1704488400 = 2024-01-05 21:00 UTC = 16:00 in New York
select tests.land_fmp('fmp.market_quote', '/api/v3/quote/%5EGSPC,XLK', '{"symbol": "^GSPC,XLK"}', $$[
    {"symbol": "^GSPC", "name": "S&P 500", "price": 4697.24, "changesPercentage": 0.1828, "change": 8.56, "dayLow": 4682.11,
     "dayHigh": 4721.49, "yearHigh": 4793.3, "yearLow": 3794.33, "marketCap": null, "priceAvg50": 4582.1, "priceAvg200": 4417.7,
     "exchange": "INDEX", "volume": 3844370000, "avgVolume": 3900000000.0, "open": 4690.57, "previousClose": 4688.68,
     "eps": null, "pe": null, "earningsAnnouncement": null, "sharesOutstanding": null, "timestamp": 1704488400},
    {"symbol": "XLK", "name": "Technology Select Sector SPDR Fund", "price": 190.75, "changesPercentage": -0.1, "change": -0.19,
     "exchange": "AMEX", "volume": 5600000, "timestamp": 1704488400}
]$$);
select * from ops.run_transform('market_and_sector_quotes');

-- Test
select results_eq(
    $$ select symbol collate "default", date, price, change_percent, volume, avg_volume, quote_at from core.market_and_sector_quotes order by symbol $$,
    $$ values ('XLK'::text, date '2024-01-05', 190.75::numeric, -0.1::numeric, 5600000::bigint, null::bigint, timestamptz '2024-01-05 21:00:00+00'),
              ('^GSPC', date '2024-01-05', 4697.24, 0.1828, 3844370000, 3900000000, timestamptz '2024-01-05 21:00:00+00') $$,
    'the quote''s timestamp gives its time and its New York trading date; changesPercentage fills change_percent'
);

-- a late quote at 2024-01-06 01:30 UTC is still Jan 5 in New York (stable names)
select tests.land_fmp('fmp.market_quote', '/stable/quote', '{"symbol": "^GSPC"}', $$[
    {"symbol": "^GSPC", "name": "S&P 500", "price": 4697.5, "changePercentage": 0.1883, "change": 8.82, "exchange": "INDEX",
     "volume": 3844370000, "open": 4690.57, "previousClose": 4688.68, "timestamp": 1704504600}
]$$);
select results_eq(
    $$ select rows_out from ops.run_transform('market_and_sector_quotes') $$,
    $$ values (1::bigint) $$,
    'the later quote writes one row'
);
select results_eq(
    $$ select date, data_version, price, change_percent from core.market_and_sector_quotes where symbol = '^GSPC' order by data_version $$,
    $$ values (date '2024-01-05', 1, 4697.24::numeric, 0.1828::numeric), (date '2024-01-05', 2, 4697.5, 0.1883) $$,
    'a quote after midnight UTC but before midnight in New York is version 2 of the same trading day'
);
select results_eq(
    $$ select symbol collate "default", date, is_index, price, data_version from api.market_quote order by symbol $$,
    $$ values ('XLK'::text, date '2024-01-05', false, 190.75::numeric, 1), ('^GSPC', date '2024-01-05', true, 4697.5, 2) $$,
    'api.market_quote shows the day''s latest quote and tells indexes from sector ETFs'
);
select is_empty(
    $$ select symbol, date from api.market_quote group by symbol, date having count(*) > 1 $$,
    'api.market_quote has one row per symbol and date'
);
-- daily history of an index fills the same table: close as the day's price
select tests.land_fmp('fmp.market_quote', '/api/v3/historical-price-full/%5EDJI', '{"symbol": "^DJI", "from": "2024-01-04", "to": "2024-01-05"}', $${
    "symbol": "^DJI",
    "historical": [
        {"date": "2024-01-05", "open": 37430.19, "high": 37629.8, "low": 37337.8, "close": 37466.11, "volume": 358520000, "change": 25.77, "changePercent": 0.06885},
        {"date": "2024-01-04", "open": 37455.9, "high": 37665.1, "low": 37430.8, "close": 37440.34, "volume": 311890000, "change": -15.56, "changePercent": -0.04154}
    ]
}$$);
select * from ops.run_transform('market_and_sector_quotes');
select results_eq(
    $$ select date, price, day_low, day_high, open, change_percent, quote_at from api.market_quote where symbol = '^DJI' order by date $$,
    $$ values (date '2024-01-04', 37440.34::numeric, 37430.8::numeric, 37665.1::numeric, 37455.9::numeric, -0.04154::numeric, null::timestamptz),
              (date '2024-01-05', 37466.11, 37337.8, 37629.8, 37430.19, 0.06885, null) $$,
    'an index''s daily history lands one row per day: close as price, low/high as the day''s range'
);
select is(
    (select count(*)::integer from ops.quality_issue where dataset = 'fmp.market_quote'),
    0,
    'nulls in the quote are no issue'
);

select * from finish();
rollback;
