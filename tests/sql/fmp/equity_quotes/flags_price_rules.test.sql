-- Price rules of docs/ARCHITECTURE.md §5 over daily prices: high >= low, low <= open and
-- close <= high, prices > 0, volume >= 0, and a close more than 15 % from the
-- previous trading day's (the staged days, else the last day already in
-- core). Flag, don't drop: every day is still loaded.
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(4);

-- Setup: a clean earlier day, then a window with one fault per day
select tests.land_fmp('fmp.equity_price', '/stable/historical-price-eod/full', '{"symbol": "XYZ"}',
    '[{"symbol": "XYZ", "date": "2024-02-01", "open": 100, "high": 101, "low": 99, "close": 100, "volume": 1000}]');
select * from ops.run_transform('equity_quotes');
select tests.land_fmp('fmp.equity_price', '/stable/historical-price-eod/full', '{"symbol": "XYZ"}', $$[
    {"symbol": "XYZ", "date": "2024-02-07", "open": 104, "high": 105, "low": 103, "close": 104, "volume": 1000},
    {"symbol": "XYZ", "date": "2024-02-06", "open": 100, "high": 101, "low": 99, "close": 104, "volume": -5},
    {"symbol": "XYZ", "date": "2024-02-05", "open": 0, "high": 101, "low": 99, "close": 100, "volume": 1000},
    {"symbol": "XYZ", "date": "2024-02-02", "open": 120, "high": 119, "low": 121, "close": 120, "volume": 1000}
]$$);
select * from ops.run_transform('equity_quotes');

-- Test
select set_eq(
    $$ select rule, field, identifier, (select date from core.equity_quotes as q where q.batch_id = i.batch_id and q.batch_elem = i.elem)
       from ops.quality_issue as i where i.transform_name = 'equity_quotes' $$,
    $$ values
        ('price_relationship'::text, 'high'::text, 'XYZ'::text, date '2024-02-02'),
        ('price_relationship', 'open', 'XYZ', date '2024-02-02'),
        ('price_relationship', 'close', 'XYZ', date '2024-02-02'),
        ('price_jump', 'close', 'XYZ', date '2024-02-02'),
        ('price_jump', 'close', 'XYZ', date '2024-02-05'),
        ('price_relationship', 'open', 'XYZ', date '2024-02-05'),
        ('non_positive_price', 'open', 'XYZ', date '2024-02-05'),
        ('price_relationship', 'close', 'XYZ', date '2024-02-06'),
        ('negative_volume', 'volume', 'XYZ', date '2024-02-06') $$,
    'high below low, open/close outside the day''s range, a zero price, a negative volume and two 20 % moves (100 -> 120 from the day in core, 120 -> 100) are flagged on their day'
);
select is(
    (select raw_value from ops.quality_issue where rule = 'negative_volume'),
    '-5',
    'the issue keeps the raw value'
);
select is(
    (select count(*)::integer from core.equity_quotes where symbol = 'XYZ'),
    5,
    'flagged days are loaded all the same'
);
select is_empty(
    $$ select 1 from ops.quality_issue where rule = 'price_jump' and detail !~ '^100 -> 120 on 2024-02-02|^120 -> 100 on 2024-02-05' $$,
    'a jump''s detail names the previous and new close and the day'
);

select * from finish();
rollback;
