-- The seed's indexes on core.fundata_data (identifier; company + identifier;
-- source file; processed_at) and CLUSTER on identifier. The version key
-- (identifier, data_version, ...) serves lookups by identifier.
begin;
\ir ../helpers/fixtures.psql
select plan(7);

-- Setup: 5,000 instruments across 50 companies
insert into core.fundata_data (identifier, company, legal_name, data_source, data_version, content_hash, updated_at, batch_id, batch_line)
select i::text, 'Company ' || (i % 50), 'Fund ' || i, 'CSV', 1, 0, now(), 1, i + 1
from generate_series(1, 5000) as i;
analyze core.fundata_data;

-- Test
select isnt_empty(
    $$
    select x.indexrelid::regclass
    from pg_index as x
    join pg_attribute as a on a.attrelid = x.indrelid and a.attnum = x.indkey[0]
    where x.indrelid = 'core.fundata_data'::regclass and x.indisvalid and a.attname = 'identifier'
    $$,
    'an index of core.fundata_data leads with identifier'
);
select is_empty(
    $$
    select n from tests.plan_nodes($q$ select * from core.fundata_data where identifier = '42' $q$) as n
    where n = 'Seq Scan'
    $$,
    'where identifier = $1 does not scan the whole table'
);
select is_indexed('core', 'fundata_data', array['company', 'identifier'], 'core.fundata_data has an index on (company, identifier)');
select is_indexed('core', 'fundata_data', array['source_file'], 'core.fundata_data has an index on source_file');
select is_indexed('core', 'fundata_data', array['processed_at'], 'core.fundata_data has an index on processed_at');
select is_empty(
    $$
    select n from tests.plan_nodes($q$ select identifier from core.fundata_data where company = 'Company 7' order by identifier $q$) as n
    where n = 'Seq Scan'
    $$,
    'a company''s funds are found through an index, not a whole-table scan'
);
select is(
    (
        select a.attname::text
        from pg_constraint as k
        join pg_attribute as a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
        where k.conname = 'fundata_data_version_uq' and k.conrelid = 'core.fundata_data'::regclass
    ),
    'identifier',
    'the version key of core.fundata_data leads with identifier: it serves the lookups by identifier in key order'
);

select * from finish();
rollback;
