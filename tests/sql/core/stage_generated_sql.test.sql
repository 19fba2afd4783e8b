-- core.stage builds its SQL with pure functions (transforms/lib/stage.sql):
-- the field lines parsed once into a set (core.stage_fields), the statement
-- that builds _stage (core.stage_sql), pinned here for a NAVPS-like field
-- list; a key the batches' recorded CSV header (raw.batch.header) lacks is
-- not looked up, and the typed rows are the same either way.
begin;
\ir ../helpers/fixtures.psql
select plan(11);

-- Test
select results_eq(
    $$ select col, kind, keys, read_keys from core.stage_fields(
        array['identifier text InstrumentKey|Identifier', 'navps dec12_2 NAVPS|Navps', 'symbol text @symbol|Symbol'],
        array['InstrumentKey', 'NAVPS']) order by o $$,
    $$ values ('identifier'::text, 'text'::text, '{InstrumentKey,Identifier}'::text[], '{InstrumentKey}'::text[]),
              ('navps', 'dec12_2', '{NAVPS,Navps}', '{NAVPS}'),
              ('symbol', 'text', '{@symbol,Symbol}', '{@symbol}') $$,
    'each field line is parsed once: column, type, its keys, and the keys to read (present ones; a request parameter always)'
);
select results_eq(
    $$ select read_keys from core.stage_fields(array['navps dec12_2 NAVPS|Navps']) $$,
    $$ values ('{NAVPS,Navps}'::text[]) $$,
    'without a header every key is read'
);
select is(
    (select value_sql || ' / ' || raw_sql from core.stage_fields(array['navps dec12_2 NAVPS|Navps'], array['Other'])),
    'null::text / null::text',
    'a field none of whose keys the header has reads nothing'
);
select is(
    core.stage_sql(array['identifier text InstrumentKey|Identifier', 'date day Date|NavDate', 'navps dec12_2 NAVPS|Navps'],
        null, array['RecordId', 'InstrumentKey', 'Date', 'NAVPS']),
    $pinned$
        create temp table _stage on commit drop as
        select
            t.batch_id, t.line, t.elem, t.dataset, t.format, t.payload,
            t.data_source, t.source_file, t.api_version, t.updated_at,
            t.identifier, t.date, t.navps,
            num_nonnulls(nullif(t.r_date, ''), nullif(t.r_navps, '')) <> num_nonnulls(t.date, t.navps) as issue_suspect
        from (
            select
                y.*,
                core.clean_text(y.r_identifier) collate "C" as identifier,
                case when y.row_ok then parse_fast.day(y.r_date) else parse_careful.day(y.r_date) end as date,
                case when y.row_ok then parse_fast.dec12_2(y.r_navps) else parse_careful.dec12_2(y.r_navps) end as navps
            from (
                select x.*, __row_ok__ as row_ok
                from (
                    select
                        s.batch_id, s.line, d.elem, s.dataset, s.format, d.doc as payload,
                        s.data_source, s.source_file, s.api_version, s.updated_at,
                        coalesce(d.doc ->> 'InstrumentKey', null) as r_identifier,
                        coalesce(d.doc ->> 'Date', null) as r_date,
                        coalesce(d.doc ->> 'NAVPS', null) as r_navps
                    from core.landed($1) as s
                    cross join lateral (select 0, s.payload) as d (elem, doc)
                    offset 0
                ) as x
                offset 0
            ) as y
            offset 0
        ) as t
        $pinned$,
    'the generated _stage statement for a CSV header, pinned: lineage columns, typed columns, fixed keys'
);
select ok(
    core.stage_sql(array['navps dec12_2 NAVPS|Navps']) like '%coalesce(d.doc ->> ''NAVPS'', d.doc ->> ''Navps'', null) as r_navps%',
    'without a header the value is the first present of every key'
);

-- the same records staged with and without their recorded header
select tests.land('fundata.quotes', $$[
    {"RecordId": "1", "InstrumentKey": "4095", "Date": "2024-01-15", "NAVPS": "11.585"},
    {"RecordId": "2", "InstrumentKey": "4095", "Date": "2024-02-30", "NAVPS": "x"}
]$$, 'pinned.csv');
select core.stage('stage_pinned', array[tests.batch('pinned.csv')],
    array['identifier text InstrumentKey|Identifier', 'date day Date|NavDate', 'navps dec12_2 NAVPS|Navps']);
create temp table without_header as select line, identifier collate "default" as identifier, date, navps from _stage;
update raw.batch set header = array['RecordId', 'InstrumentKey', 'Date', 'NAVPS'] where batch_id = tests.batch('pinned.csv');
select core.stage('stage_pinned', array[tests.batch('pinned.csv')],
    array['identifier text InstrumentKey|Identifier', 'date day Date|NavDate', 'navps dec12_2 NAVPS|Navps']);
select results_eq(
    $$ select line, identifier collate "default", date, navps from _stage order by line $$,
    $$ values (2, '4095'::text, date '2024-01-15', 11.59::numeric(12, 2)), (3, '4095', null, null) $$,
    'staged with the recorded header: values typed, unreadable ones NULL'
);
select set_eq(
    $$ select line, identifier collate "default", date, navps from _stage $$,
    $$ select * from without_header $$,
    'the same rows as when every alternate key is looked up'
);


-- CSV rows stored as lines, read by their position in the common header
select ok(
    core.stage_sql(array['date day Date|NavDate'], null, array['RecordId', 'Date'], array['RecordId', 'Date'])
        like '%coalesce(coalesce(raw.csv_field(s.csv, 2), s.payload ->> ''Date''), null) as r_date%from core.landed_lines($1) as s%',
    'with one header for every batch a value is read by its position in the stored line (a record stored as JSON by its key)'
);
insert into raw.batch (source, dataset, origin, format, file_name, row_count, status, header, landed_at)
values ('fundata', 'fundata.quotes', 'csv', 'csv_row', 'lines.csv', 2, 'landed',
    array['RecordId', 'InstrumentKey', 'Date', 'NAVPS'], clock_timestamp());
insert into raw.stored_record (batch_id, line, csv) values
    (tests.batch('lines.csv'), 2, '1,4095,2024-01-15,11.585'),
    (tests.batch('lines.csv'), 3, '2,"4095",2024-02-30,x');
select core.stage('stage_pinned', array[tests.batch('lines.csv')],
    array['identifier text InstrumentKey|Identifier', 'date day Date|NavDate', 'navps dec12_2 NAVPS|Navps']);
select set_eq(
    $$ select line, identifier collate "default", date, navps from _stage $$,
    $$ select * from without_header $$,
    'rows stored as CSV lines type exactly as the same rows stored as JSON'
);
select is(
    (select count(*)::integer from _stage where payload is null),
    2,
    'no JSON record is built for rows read by position'
);
select is(
    (select core.staged_record(s.batch_id, s.line, s.payload) from _stage as s where s.line = 3),
    '{"RecordId": "2", "InstrumentKey": "4095", "Date": "2024-02-30", "NAVPS": "x"}'::jsonb,
    'core.staged_record gives such a row''s record, for quarantine and quality reports'
);

select * from finish();
rollback;
