-- core.write_versions states "latest" once (transforms/lib/versions.sql):
-- core.current_upsert_sql builds the statement that offers versions to a
-- table's stored latest, pinned here; a version replaces the current one only
-- when newer by (vendor_as_of, batch_id, line). core.version_columns_sql
-- names the lineage and version columns of a history row once, and
-- core.newest_day_upsert_sql the statement that keeps a table's newest day
-- per instrument with its values (core.<table>_current_date).
begin;
\ir ../helpers/fixtures.psql
select plan(5);

-- Test
select is(
    core.current_upsert_sql('core.fundata_quotes_current', array['identifier', 'date'],
        'select s.identifier, s.date, 1, s.updated_at, s.batch_id, s.line from _stage as s'),
    $pinned$insert into core.fundata_quotes_current as c (identifier, date, data_version, vendor_as_of, batch_id, line)
            select s.identifier, s.date, 1, s.updated_at, s.batch_id, s.line from _stage as s
            on conflict (identifier, date) do update
            set data_version = excluded.data_version, vendor_as_of = excluded.vendor_as_of,
                batch_id = excluded.batch_id, line = excluded.line
            where (excluded.vendor_as_of, excluded.batch_id, excluded.line) > (c.vendor_as_of, c.batch_id, c.line)$pinned$,
    'the stored-latest upsert, pinned'
);
select is(
    core.newest_day_upsert_sql('core.fundata_quotes', 'identifier', array['data_version', 'navps', 'updated_at']),
    $pinned$insert into core.fundata_quotes_current_date as c (identifier, date, data_version, navps, updated_at)
            select t.identifier, t.date, n.data_version, n.navps, n.updated_at
            from (
                select s.identifier, greatest(max(s.date), max(d.date)) as date
                from _stage as s
                left join core.fundata_quotes_current_date as d on d.identifier = s.identifier
                where s.identifier is not null and s.date is not null
                group by s.identifier
            ) as t
            cross join lateral (
                select q.identifier, q.date, q.data_version
                from core.fundata_quotes_current as q
                where q.identifier = t.identifier and q.date = t.date
                offset 0
            ) as q
            cross join lateral (
                select h.*
                from core.fundata_quotes as h
                where h.identifier = q.identifier and h.date = q.date and h.data_version = q.data_version
                order by h.array_source_field nulls first, h.array_element_index nulls first
                limit 1
            ) as n
            on conflict (identifier) do update
            set date = excluded.date, data_version = excluded.data_version, navps = excluded.navps, updated_at = excluded.updated_at
            where (c.date, c.data_version, c.updated_at) is distinct from (excluded.date, excluded.data_version, excluded.updated_at)$pinned$,
    'the newest-day upsert, pinned'
);
select is(
    core.version_columns_sql(true),
    'array_source_field, array_element_index, array_element_value, batch_id, batch_line, content_hash, data_version, vendor_as_of, batch_elem',
    'the lineage and version columns of a history row, batch_elem when the target has it'
);

-- the statement at work on a scratch current table
create temp table t_current (identifier text, date date, data_version integer, vendor_as_of timestamptz,
    batch_id bigint, line integer, primary key (identifier, date));
insert into t_current values ('A', '2024-01-15', 1, '2024-01-15', 5, 2);
create temp table offered (identifier text, date date, data_version integer, vendor_as_of timestamptz, batch_id bigint, line integer);
insert into offered values
    ('A', '2024-01-15', 2, '2024-01-10', 6, 2),
    ('B', '2024-01-15', 1, '2024-01-15', 6, 3);
select lives_ok(
    core.current_upsert_sql('pg_temp.t_current', array['identifier', 'date'], 'select * from offered'),
    'the statement runs'
);
select results_eq(
    $$ select identifier, data_version, batch_id from t_current order by identifier $$,
    $$ values ('A'::text, 1, 5::bigint), ('B', 1, 6) $$,
    'an older as-of does not replace the current version (a newer arrival does not either); a new key is added'
);

select * from finish();
rollback;
