begin;
\ir ../helpers/fixtures.psql
select plan(4);

-- Setup
-- four quote rows (and one unreadable row the loader kept aside): two clean,
-- one with a value that is not a number, one without an identifier (quarantined)
select tests.land('fundata.quotes', '[
    {"InstrumentKey": "Q1", "Date": "2024-01-15", "NAVPS": "10.00"},
    {"InstrumentKey": "Q2", "Date": "2024-01-15", "NAVPS": "invalid"},
    {"InstrumentKey": "",   "Date": "2024-01-15", "NAVPS": "11.00"},
    {"InstrumentKey": "Q3", "Date": "2024-01-15", "NAVPS": "12.00"}
]'::jsonb, 'quality.csv');
update raw.batch set rejected_count = 1 where batch_id = tests.batch('quality.csv');
select * from ops.run_transform('fundata_quotes');

-- Test
select results_eq(
    $$ select rows, rejected_rows, quarantined, records_with_issues
       from ops.batch_quality where batch_id = tests.batch('quality.csv') $$,
    $$ values (4, 1, 1::bigint, 1::bigint) $$,
    'the summary counts rows, unreadable rows, quarantined records and (other) records with issues'
);
select is(
    (select score from ops.batch_quality where batch_id = tests.batch('quality.csv')),
    round(1 - (1 + 1 + 1)::numeric / 5, 4),
    'the score is the share of the batch''s rows that reached core without any issue'
);
select is(
    (select issues_by_rule -> 'bad_number' from ops.batch_quality where batch_id = tests.batch('quality.csv')),
    '1'::jsonb,
    'issues are broken down by rule'
);

select is(
    (select identifier from ops.quality_issue where rule = 'bad_number' and batch_id = tests.batch('quality.csv')),
    'Q2',
    'a value that did not type is recorded with its record''s identifier'
);

select * from finish();
rollback;
