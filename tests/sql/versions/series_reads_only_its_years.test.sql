-- One fund's one-year series (api.fund_nav with a date range) reads the
-- stored latest of the years the range reaches only — by its key
-- (identifier, date) include (data_version), index-only once vacuumed — and each day's row by
-- the version key: never the fund's whole history, never a scan. A series of
-- NAVPS alone is read from the version key's index (it includes navps), not
-- from a heap page per day.
begin;
\ir ../helpers/fixtures.psql
select plan(6);

-- Setup: 300 funds x 3 years (2022-2024), NAVPS 10 + days since 2022-01-01 / 100
-- (2024-06-01 is day 882: 18.82), a second version of one day, statistics as in production
select core.create_date_partitions('core.fundata_quotes', array[2022, 2023, 2024]);
insert into core.fundata_quotes (identifier, date, navps, data_source, data_version, content_hash, updated_at, batch_id, batch_line)
select 'F' || i, date '2022-01-01' + d, 10 + d / 100.0, 'CSV', 1, 0, now(), 1, d + 2
from generate_series(1, 300) as i
cross join generate_series(0, 3 * 365) as d;
insert into core.fundata_quotes (identifier, date, navps, data_source, data_version, content_hash, updated_at, batch_id, batch_line)
values ('F7', '2024-06-03', 99.99, 'CSV', 2, 1, now(), 2, 2);
insert into core.fundata_quotes_current (identifier, date, data_version, vendor_as_of, batch_id, line)
select distinct on (q.identifier, q.date) q.identifier, q.date, q.data_version, now(), q.batch_id, q.batch_line
from core.fundata_quotes as q order by q.identifier, q.date, q.data_version desc;
analyze core.fundata_quotes_current;
analyze core.fundata_quotes;

-- Test
select is_empty(
    $$ select n from tests.plan_nodes($q$ select * from api.fund_nav where identifier = 'F7' and date >= '2024-01-01' $q$) as n
       where n = 'Seq Scan' $$,
    'a one-year series scans no table'
);
select is_empty(
    $$ select r from jsonb_path_query(
           (select tests.plan_json($q$ select * from api.fund_nav where identifier = 'F7' and date >= '2024-01-01' $q$)),
           'strict $.**."Relation Name"') as r
       where r #>> '{}' in ('fundata_quotes_current_y2022', 'fundata_quotes_current_y2023') $$,
    'it reads the stored latest of 2024 only, not of the years before'
);
select ok(
    (select array_agg(distinct i) from tests.plan_indexes($q$ select * from api.fund_nav where identifier = 'F7' and date >= '2024-01-01' $q$) as i)
        @> array['fundata_quotes_current_pkey', 'fundata_quotes_version_uq'],
    'the range is read from the stored latest''s key (index-only once vacuumed: it holds data_version), each day by the version key'
);
select results_eq(
    $$ select jsonb_path_query(tests.plan_json($q$ select date, navps from api.fund_nav where identifier = 'F7' and date >= '2024-01-01' $q$),
           'strict $.**?(@."Relation Name" == "fundata_quotes_y2024")."Node Type"') #>> '{}' $$,
    $$ values ('Index Only Scan') $$,
    'a NAVPS series reads the year''s history by an index-only scan of the version key (navps is included)'
);
select is(
    (select array_agg(a.attname::text order by k.n)
     from pg_constraint as c
     join pg_index as i on i.indexrelid = c.conindid
     cross join lateral unnest(i.indkey) with ordinality as k (attnum, n)
     join pg_attribute as a on a.attrelid = c.conrelid and a.attnum = k.attnum
     where c.conname = 'fundata_quotes_version_uq' and c.conrelid = 'core.fundata_quotes'::regclass
         and k.n > i.indnkeyatts),
    array['navps'],
    'the version key of core.fundata_quotes includes navps beside its key columns'
);
select results_eq(
    $$ select date, navps, data_version from api.fund_nav where identifier = 'F7' and date between '2024-06-01' and '2024-06-04' order by date $$,
    $$ values (date '2024-06-01', 18.82::numeric(12, 2), 1), ('2024-06-02', 18.83, 1), ('2024-06-03', 99.99, 2), ('2024-06-04', 18.85, 1) $$,
    'and returns each day''s current version'
);

select * from finish();
rollback;
