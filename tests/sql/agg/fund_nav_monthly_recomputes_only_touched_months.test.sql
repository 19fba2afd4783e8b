-- An incremental refresh leaves the months no new batch touched alone; a
-- rebuild of the quotes transform (which may drop rows) forces a full one.
begin;
\ir ../helpers/fixtures.psql
select plan(4);

-- Setup
select tests.land('fundata.quotes', $$[
    {"InstrumentKey": "A", "Date": "2024-01-02", "NAVPS": "10.00"},
    {"InstrumentKey": "B", "Date": "2024-01-02", "NAVPS": "20.00"}
]$$, 'touched-1.csv');
select * from ops.run_transforms();
select * from agg.refresh();
-- a marker in B's January: only a recomputation of that bucket would erase it
update agg.fund_nav_monthly set trading_days = 99 where identifier = 'B';

-- Test
select tests.land('fundata.quotes', $$[{"InstrumentKey": "A", "Date": "2024-01-03", "NAVPS": "10.40"}]$$, 'touched-2.csv');
select * from ops.run_transforms();
select * from agg.refresh();
select results_eq(
    $$ select identifier, trading_days from agg.fund_nav_monthly order by identifier $$,
    $$ values ('A'::text, 2), ('B', 99) $$,
    'the refresh recomputed A''s January (two days now) and left B''s January, which no new batch touched, alone'
);

select * from ops.rebuild_transform('fundata_quotes');
create temp table after_rebuild as select * from agg.refresh();
select is(
    (select full_refresh from after_rebuild where aggregate_name = 'fund_nav_monthly'),
    true,
    'batches consumed again by a rebuild make the next refresh a full recomputation'
);
select results_eq(
    $$ select identifier, trading_days from agg.fund_nav_monthly order by identifier $$,
    $$ values ('A'::text, 2), ('B', 1) $$,
    'after the full recomputation B''s January is right again'
);
select is(
    (select count(*)::integer from ops.aggregate_batch where aggregate_name = 'fund_nav_monthly'),
    2,
    'the ledger lists each consumed batch once'
);

select * from finish();
rollback;
