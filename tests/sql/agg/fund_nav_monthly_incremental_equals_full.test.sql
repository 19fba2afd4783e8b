-- agg.fund_nav_monthly refreshed incrementally, batch after batch, holds
-- exactly what a full recomputation gives, and the values a person computes
-- by hand from the latest version of each day (docs/ARCHITECTURE.md §5).
begin;
\ir ../helpers/fixtures.psql
select plan(8);

-- Setup: fund A over January and February, fund B in January
select tests.land('fundata.quotes', $$[
    {"InstrumentKey": "A", "Date": "2024-01-02", "NAVPS": "10.00", "CurrentYield": "2.00"},
    {"InstrumentKey": "A", "Date": "2024-01-03", "NAVPS": "10.50", "CurrentYield": "3.00"},
    {"InstrumentKey": "A", "Date": "2024-01-31", "NAVPS": "9.80",  "CurrentYield": ""},
    {"InstrumentKey": "A", "Date": "2024-02-01", "NAVPS": "9.90",  "CurrentYield": "2.015"},
    {"InstrumentKey": "A", "Date": "2024-02-02", "NAVPS": "10.10", "CurrentYield": "2.02"},
    {"InstrumentKey": "B", "Date": "2024-01-15", "NAVPS": "20.00", "CurrentYield": "1.00"},
    {"InstrumentKey": "B", "Date": "2024-01-16", "NAVPS": "",      "CurrentYield": "9.00"}
]$$, 'agg-1.csv');
select * from ops.run_transforms();
create temp table first_refresh as select * from agg.refresh();

-- Test
select results_eq(
    $$ select identifier, month_start_date, first_date, last_date, opening_navps, closing_navps,
              max_navps, min_navps, avg_yield, trading_days
       from agg.fund_nav_monthly order by identifier, month_start_date $$,
    $$ values
        ('A'::text, date '2024-01-01', date '2024-01-02', date '2024-01-31', 10.00::numeric, 9.80::numeric, 10.50::numeric, 9.80::numeric, 2.50::numeric, 3),
        ('A', date '2024-02-01', date '2024-02-01', date '2024-02-02', 9.90, 10.10, 10.10, 9.90, 2.02, 2),
        ('B', date '2024-01-01', date '2024-01-15', date '2024-01-15', 20.00, 20.00, 20.00, 20.00, 1.00, 1) $$,
    'the first refresh gives each fund-month its opening, closing, high, low NAVPS, average yield and trading days (a day without NAVPS does not count)'
);
select is(
    (select buckets from first_refresh where aggregate_name = 'fund_nav_monthly'),
    3,
    'the first refresh computes the three fund-months the first batch touched'
);

-- a new version of A on 2024-02-02, and A's first March day
select tests.land('fundata.quotes', $$[
    {"InstrumentKey": "A", "Date": "2024-02-02", "NAVPS": "11.00", "CurrentYield": "2.04"},
    {"InstrumentKey": "A", "Date": "2024-03-01", "NAVPS": "11.20", "CurrentYield": "2.10"}
]$$, 'agg-2.csv');
select * from ops.run_transforms();
create temp table second_refresh as select * from agg.refresh();

select results_eq(
    $$ select batches, buckets, full_refresh from second_refresh where aggregate_name = 'fund_nav_monthly' $$,
    $$ values (1, 2, false) $$,
    'the second refresh takes in one batch and recomputes only the two months it touched (A February and March)'
);
select results_eq(
    $$ select closing_navps, max_navps, avg_yield, trading_days from agg.fund_nav_monthly
       where identifier = 'A' and month_start_date = '2024-02-01' $$,
    $$ values (11.00::numeric, 11.00::numeric, 2.03::numeric, 2) $$,
    'A''s February uses the latest version of 2024-02-02: closing 11.00, average yield (2.02+2.04)/2'
);
select is(
    (select count(*)::integer from agg.refresh() where batches > 0 or buckets > 0),
    0,
    'a refresh with nothing new takes in nothing and recomputes nothing'
);

create temp table incremental as select * from agg.fund_nav_monthly;
create temp table full_refresh as select * from agg.refresh(true);
select set_eq(
    $$ select * from incremental $$,
    $$ select * from agg.fund_nav_monthly $$,
    'the incrementally refreshed aggregate equals a full recomputation'
);
select ok(
    (select full_refresh from full_refresh where aggregate_name = 'fund_nav_monthly'),
    'agg.refresh(true) recomputes everything'
);
select is_empty(
    $$ select identifier, month_start_date from agg.fund_nav_monthly
       group by identifier, month_start_date having count(*) > 1 $$,
    'one row per identifier per month'
);

select * from finish();
rollback;
