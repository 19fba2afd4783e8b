begin;
\ir ../helpers/fixtures.psql
select plan(2);

-- Setup
-- one batch reaching 2024-03-28: F1 is current, F2 stops a month earlier
select tests.land('fundata.quotes', '[
    {"InstrumentKey": "F1", "Date": "2024-03-27", "NAVPS": "10.00"},
    {"InstrumentKey": "F1", "Date": "2024-03-28", "NAVPS": "10.01"},
    {"InstrumentKey": "F2", "Date": "2024-02-27", "NAVPS": "20.00"},
    {"InstrumentKey": "F2", "Date": "2024-02-28", "NAVPS": "20.02"},
    {"InstrumentKey": "F3", "Date": "2024-03-22", "NAVPS": "30.00"}
]'::jsonb, 'stale.csv');
select * from ops.run_transform('fundata_quotes');

-- Test
select results_eq(
    $$ select identifier::text, line, raw_value from ops.quality_issue where rule = 'stale_data' $$,
    $$ values ('F2', 5, '2024-02-28') $$,
    'an instrument whose newest NAVPS is more than 7 days behind the batch is flagged once, on its newest row'
);
select is(
    (select count(*)::int from core.fundata_quotes where identifier = 'F2'),
    2,
    'stale rows are flagged, not dropped'
);

select * from finish();
rollback;
