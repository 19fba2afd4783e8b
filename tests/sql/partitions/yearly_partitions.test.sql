-- The daily price histories are partitioned by year (docs/SCALING.md): a
-- transform creates the partitions its records' years need, history and
-- stored latest alike; a date outside every year partition lands in the
-- default partition instead of being refused, and moves to its year's
-- partition once that is created; the maintenance job creates next year's
-- ahead; retention drops whole years.
begin;
\ir ../helpers/fixtures.psql
select plan(14);

-- Setup: NAVPS of two funds in 2019 and 2020, and one with a date no partition may hold
select tests.land('fundata.quotes', '[
    {"InstrumentKey": "P1", "Date": "2019-06-03", "NAVPS": "10.00"},
    {"InstrumentKey": "P1", "Date": "2020-06-01", "NAVPS": "11.00"},
    {"InstrumentKey": "P2", "Date": "2020-06-01", "NAVPS": "20.00"},
    {"InstrumentKey": "P3", "Date": "1899-12-29", "NAVPS": "1.00"}
]', 'partitions.csv');
select * from ops.run_transforms();

-- Test: the transform created the years' partitions and wrote into them
select has_table('core', 'fundata_quotes_y2019', 'the transform created the 2019 partition of the history');
select has_table('core', 'fundata_quotes_current_y2020', 'and the 2020 partition of the stored latest');
select results_eq(
    $$ select q.tableoid::regclass::text, count(*)::integer from core.fundata_quotes as q group by 1 order by 1 $$,
    $$ values ('core.fundata_quotes_default', 1), ('core.fundata_quotes_y2019', 1), ('core.fundata_quotes_y2020', 2) $$,
    'each row sits in its year''s partition; the 1899 date in the default partition, not refused'
);
select hasnt_table('core', 'fundata_quotes_y1899', 'a date before 1900 creates no partition');
select results_eq(
    $$ select identifier collate "default", nav_date, navps from api.fund_latest_nav order by identifier $$,
    $$ values ('P1'::text, date '2020-06-01', 11.00::numeric(12, 2)), ('P2', date '2020-06-01', 20.00), ('P3', date '1899-12-29', 1.00) $$,
    'the api reads across partitions'
);

-- Test: a year created later takes its rows out of the default partition
insert into core.fundata_quotes (identifier, date, navps, data_source, data_version, content_hash, updated_at, batch_id, batch_line)
values ('P9', '2016-03-01', 5, 'CSV', 1, 0, now(), 0, 1);
select is(
    (select q.tableoid::regclass::text from core.fundata_quotes as q where q.identifier = 'P9'),
    'core.fundata_quotes_default',
    'a row of a year without partition waits in the default partition'
);
select is(core.create_date_partitions('core.fundata_quotes', array[2016, 2016, null, 1850, 3000]), 2,
    'creating 2016 (history and stored latest) makes two partitions; repeats, nulls and implausible years none');
select is(
    (select q.tableoid::regclass::text from core.fundata_quotes as q where q.identifier = 'P9'),
    'core.fundata_quotes_y2016',
    'and the waiting row moved into it'
);
select is(core.create_date_partitions('core.fundata_quotes', array[2016, 2019, 2020]), 0,
    'partitions that exist are not created again');

-- Test: ahead of time, and only for the partitioned core tables
drop table core.equity_quotes_y2027;
select set_has(
    $$ select table_name, partitions_created from core.create_partitions_ahead() $$,
    $$ values ('core.equity_quotes'::text, 1) $$,
    'the maintenance step creates a missing partition of this year or the next'
);
select is(core.create_date_partitions('raw.record', array[2020]), 0,
    'a table that is not a partitioned core table gets nothing');

-- Test: the transformer creates partitions through the function, drops none
grant usage on schema tests to sra_transformer;
set local role sra_transformer;
select is(core.create_date_partitions('core.etfs_quotes', array[2018]), 2,
    'the transformer (the transforms'' role) creates yearly partitions through the function');
select throws_ok(
    $$ select core.drop_date_partitions_before('core.etfs_quotes', 2019) $$,
    '42501', null,
    'but may not drop them (retention is the owner''s)'
);
reset role;

-- Test: retention drops whole years of history and stored latest
select core.drop_date_partitions_before('core.fundata_quotes', 2020);
select results_eq(
    $$ select (select count(*)::integer from core.fundata_quotes), (select count(*)::integer from core.fundata_quotes_current),
        to_regclass('core.fundata_quotes_y2019') is null and to_regclass('core.fundata_quotes_current_y2016') is null $$,
    $$ values (2, 2, true) $$,
    'retention before 2020 drops the 2016 and 2019 partitions and the old rows of the default partition, keeps 2020'
);

select * from finish();
rollback;
