-- Rebuilding a transform (after its version was bumped) clears what it
-- produced and runs it again over every retained raw batch: batch by batch
-- incremental runs and one rebuild give the same versions, quality issues
-- and quarantine (docs/ARCHITECTURE.md §4).
begin;
\ir ../helpers/fixtures.psql
select plan(6);

-- Setup: three batches consumed one run at a time: versions, a bad value, a keyless row
select tests.land('fundata.quotes', $$[
    {"InstrumentKey": "4095", "Date": "2024-01-15", "NAVPS": "11.58"},
    {"InstrumentKey": "4095", "Date": "2024-01-16", "NAVPS": "invalid"},
    {"InstrumentKey": "", "Date": "2024-01-16", "NAVPS": "1.00"}
]$$, 'one.csv');
select * from ops.run_transform('fundata_quotes');
select tests.land('fundata.quotes', '[{"InstrumentKey": "4095", "Date": "2024-01-15", "NAVPS": "11.70"}]', 'two.csv');
select * from ops.run_transform('fundata_quotes');
select tests.land('fundata.fund_daily_navps', '[{"InstrumentKey": "4095", "Date": "2024-01-15", "NAVPS": "11.58"}, {"InstrumentKey": "4095", "Date": "2024-01-16", "NAVPS": "11.60"}]', 'three.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_quotes');
create temp table before_quotes on commit drop as
select identifier, date, data_version, navps, data_source, batch_id, batch_line, content_hash from core.fundata_quotes;
create temp table before_issues on commit drop as
select batch_id, line, rule, field, raw_value from ops.quality_issue where transform_name = 'fundata_quotes';
create temp table before_quarantine on commit drop as
select batch_id, line, reason from ops.quarantine where transform_name = 'fundata_quotes';
update ops.transform_definition set needs_rebuild = true where name = 'fundata_quotes';

-- Test
select results_eq(
    $$ select batches, rows_in, rows_out from ops.rebuild_transform('fundata_quotes') $$,
    $$ values (3, 6::bigint, 5::bigint) $$,
    'the rebuild consumes all three batches again in one run'
);
select set_eq(
    $$ select identifier, date, data_version, navps, data_source, batch_id, batch_line, content_hash from core.fundata_quotes $$,
    $$ select * from before_quotes $$,
    'the rebuilt target holds the same versions as the incremental runs wrote'
);
select set_eq(
    $$ select batch_id, line, rule, field, raw_value from ops.quality_issue where transform_name = 'fundata_quotes' $$,
    $$ select * from before_issues $$,
    'the rebuild records the same quality issues, once'
);
select set_eq(
    $$ select batch_id, line, reason from ops.quarantine where transform_name = 'fundata_quotes' $$,
    $$ select * from before_quarantine $$,
    'the rebuild quarantines the same records, once'
);
select is(
    (select count(*)::integer from ops.transform_batch where transform_name = 'fundata_quotes'),
    3,
    'the ledger lists each batch once after the rebuild'
);
select is(
    (select needs_rebuild from ops.transform_definition where name = 'fundata_quotes'),
    false,
    'the rebuild clears the transform''s needs_rebuild flag'
);

select * from finish();
rollback;
