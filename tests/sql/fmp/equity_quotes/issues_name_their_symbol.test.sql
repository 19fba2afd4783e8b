-- Quality issues about FMP records that are quarantined or repeated name the
-- record's symbol (the stage has no identifier): a day whose date is present
-- but unreadable is unreadable_date, an absent one missing_date; an earlier
-- repeat of the same day is a duplicate_row issue.
begin;
\ir ../../helpers/fixtures.psql
\ir ../fmp_fixtures.psql
select plan(3);

-- Setup: a stable flat array with a bad date, a missing date and a repeated day
select tests.land_fmp('fmp.equity_price', '/stable/historical-price-eod/full', '{"symbol": "MSFT"}', $$[
    {"symbol": "MSFT", "date": "2024-01-03", "open": 370.0, "high": 373.0, "low": 369.0, "close": 370.6, "volume": 23000000},
    {"symbol": "MSFT", "date": "2024-01-03", "open": 370.0, "high": 373.0, "low": 369.0, "close": 370.6, "volume": 23000000},
    {"symbol": "MSFT", "date": "2024-13-45", "open": 371.0, "high": 374.0, "low": 370.0, "close": 372.0, "volume": 21000000},
    {"symbol": "MSFT", "open": 372.0, "high": 375.0, "low": 371.0, "close": 373.0, "volume": 20000000}
]$$);
select * from ops.run_transform('equity_quotes');

-- Test
select set_eq(
    $$ select elem, reason from ops.quarantine where transform_name = 'equity_quotes' $$,
    $$ values (2, 'unreadable_date'), (3, 'missing_date') $$,
    'a date present but unreadable is unreadable_date, an absent one missing_date'
);
select set_eq(
    $$
    select elem, rule, identifier
    from ops.quality_issue
    where transform_name = 'equity_quotes' and rule in ('unreadable_date', 'missing_date', 'duplicate_row')
    $$,
    $$ values (2, 'unreadable_date', 'MSFT'), (3, 'missing_date', 'MSFT'), (0, 'duplicate_row', 'MSFT') $$,
    'each issue about a quarantined or repeated record names its symbol'
);
select is(
    (select count(*)::integer from core.equity_quotes where symbol = 'MSFT'),
    1,
    'the day is written once'
);

select * from finish();
rollback;
