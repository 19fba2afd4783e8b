-- The seed's indexes on core.fundata_quotes (identifier; identifier + date
-- desc; date; source file; processed_at) and CLUSTER on identifier. The
-- version key (identifier, date, ...) serves the first two: the planner reads
-- one instrument's history newest first from it, without a sort.
begin;
\ir ../helpers/fixtures.psql
select plan(10);

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

select * from finish();
rollback;
