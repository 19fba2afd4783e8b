-- Rows with the same key in one batch collapse to the last line; each
-- earlier line is a quality issue (duplicate_row when identical,
-- conflicting_duplicate when it differs). Duplicates never abort the batch.
begin;
\ir ../helpers/fixtures.psql
select plan(6);

-- Setup
select tests.land('fundata.quotes', $$[
    {"InstrumentKey": "4095", "Date": "2024-01-15", "NAVPS": "11.50"},
    {"InstrumentKey": "4095", "Date": "2024-01-15", "NAVPS": "11.60"},
    {"InstrumentKey": "412682", "Date": "2024-01-15", "NAVPS": "10.00"},
    {"InstrumentKey": "412682", "Date": "2024-01-15", "NAVPS": "10.00"},
    {"InstrumentKey": "412682", "Date": "2024-01-16", "NAVPS": "10.00"},
    {"InstrumentKey": "4095", "Date": "2024-01-15", "NAVPS": "11.70"}
]$$, 'duplicates.csv');
create temp table run on commit drop as select * from ops.run_transform('fundata_quotes');

-- Test
select results_eq(
    $$ select identifier collate "default", date, navps, batch_line, data_version from core.fundata_quotes order by identifier, date $$,
    $$
    values
        ('4095'::text, date '2024-01-15', 11.70::numeric(12, 2), 7, 1),
        ('412682', date '2024-01-15', 10.00, 5, 1),
        ('412682', date '2024-01-16', 10.00, 6, 1)
    $$,
    'each key keeps its last line of the batch, as one version'
);
select set_eq(
    $$
    select line, rule
    from ops.quality_issue
    where batch_id = tests.batch('duplicates.csv') and rule in ('duplicate_row', 'conflicting_duplicate')
    $$,
    $$ values (2, 'conflicting_duplicate'), (3, 'conflicting_duplicate'), (4, 'duplicate_row') $$,
    'every earlier line of a repeated key is a quality issue: conflicting when its content differs, duplicate when identical'
);
select set_eq(
    $$
    select line, identifier
    from ops.quality_issue
    where batch_id = tests.batch('duplicates.csv') and rule in ('duplicate_row', 'conflicting_duplicate')
    $$,
    $$ values (2, '4095'), (3, '4095'), (4, '412682') $$,
    'each duplicate issue names the record''s identifier'
);
select is(
    (select rows_in from run),
    6::bigint,
    'all six lines were read'
);
select is(
    (select rows_out from run),
    3::bigint,
    'three rows were written'
);
select is_empty(
    $$ select * from ops.quarantine where batch_id = tests.batch('duplicates.csv') $$,
    'duplicates are flagged, not quarantined'
);

select * from finish();
rollback;
