-- The seed's indexes on core.fundata_quotes (identifier; identifier + date
-- desc; date; source file; processed_at) and CLUSTER on identifier. The
-- version key (identifier, date, ...) serves the first two: the planner reads
-- one instrument's history newest first from it, without a sort.
begin;
\ir ../helpers/fixtures.psql
select plan(12);

-- Setup: 300 instruments x 60 days, statistics as in production
insert into core.fundata_quotes (identifier, date, navps, data_source, data_version, content_hash, updated_at, batch_id, batch_line)
select i::text, date '2024-01-01' + d, 10 + d / 100.0, 'CSV', 1, 0, now(), 1, d + 2
from generate_series(1, 300) as i
cross join generate_series(0, 59) as d;
analyze core.fundata_quotes;

-- Test
select isnt_empty(
    $$
    select x.indexrelid::regclass
    from pg_index as x
    join pg_attribute as a on a.attrelid = x.indrelid and a.attnum = x.indkey[0]
    where x.indrelid = 'core.fundata_quotes'::regclass and x.indisvalid and a.attname = 'identifier'
    $$,
    'an index of core.fundata_quotes leads with identifier'
);
select is_empty(
    $$
    select n from tests.plan_nodes($q$ select * from core.fundata_quotes where identifier = '42' order by date desc $q$) as n
    where n = 'Seq Scan'
    $$,
    'where identifier = $1 order by date desc does not scan the whole table'
);
select isnt_empty(
    $$ select tests.plan_indexes($q$ select * from core.fundata_quotes where identifier = '42' order by date desc $q$) $$,
    'where identifier = $1 order by date desc reads an index'
);
select is_empty(
    $$
    select n from tests.plan_nodes($q$ select * from core.fundata_quotes where identifier = '42' order by date desc limit 10 $q$) as n
    where n in ('Seq Scan', 'Sort', 'Incremental Sort')
    $$,
    'the latest N days of one instrument come straight from an index, newest first: no sort'
);
select is_indexed('core', 'fundata_quotes', array['date'], 'core.fundata_quotes has an index on date');
select is_indexed('core', 'fundata_quotes', array['source_file'], 'core.fundata_quotes has an index on source_file');
select is_indexed('core', 'fundata_quotes', array['processed_at'], 'core.fundata_quotes has an index on processed_at');
select isnt_empty(
    $$ select tests.plan_indexes($q$ select * from core.fundata_quotes where date = '2024-02-01' $q$) $$,
    'where date = $1 reads an index'
);
select is(
    (
        select a.attname::text
        from pg_constraint as k
        join pg_attribute as a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
        where k.conname = 'fundata_quotes_version_uq' and k.conrelid = 'core.fundata_quotes'::regclass
    ),
    'identifier',
    'the version key of core.fundata_quotes leads with identifier: it serves the lookups by identifier in key order'
);
select is(
    (select count(*)::integer from core.fundata_quotes where identifier = '42'),
    60,
    'the fixture holds 60 days for the instrument looked up'
);

-- date, processed_at and source file follow the order history is appended
-- in (a day's file at a time): BRIN indexes, one summary per block range
select results_eq(
    $$
    select c.relname::text collate "default", am.amname::text collate "default"
    from pg_index as x
    join pg_class as c on c.oid = x.indexrelid
    join pg_am as am on am.oid = c.relam
    where x.indrelid = 'core.fundata_quotes'::regclass and not x.indisunique
    order by c.relname
    $$,
    $$ values ('fundata_quotes_date_idx', 'brin'), ('fundata_quotes_processed_at_idx', 'brin'),
              ('fundata_quotes_source_file_idx', 'brin') $$,
    'the date, processed_at and source-file indexes are BRIN: appending a row adds no index entry'
);

-- a two-day file in date order is written in key order: each fund's days
-- side by side in the heap and the version key
select tests.land('fundata.quotes', $$[
    {"InstrumentKey": "B2", "Date": "2023-03-01", "NAVPS": "10.00"},
    {"InstrumentKey": "A1", "Date": "2023-03-01", "NAVPS": "20.00"},
    {"InstrumentKey": "B2", "Date": "2023-03-02", "NAVPS": "10.10"},
    {"InstrumentKey": "A1", "Date": "2023-03-02", "NAVPS": "20.20"}
]$$, 'two_days.csv');
select * from ops.run_transform('fundata_quotes');
select results_eq(
    $$ select identifier collate "default", date from core.fundata_quotes_y2023 order by ctid $$,
    $$ values ('A1'::text, date '2023-03-01'), ('A1', date '2023-03-02'), ('B2', date '2023-03-01'), ('B2', date '2023-03-02') $$,
    'first versions are appended in key order, not in the file''s date order'
);

select * from finish();
rollback;
