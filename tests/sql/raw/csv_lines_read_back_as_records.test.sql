-- A CSV row is stored as one line of its values (raw.stored_record.csv) under
-- its batch's header (raw.batch.header), and read back through raw.record,
-- raw.batch_records and core.landed as the JSON record the row stands for.
-- The expected values are written out by hand from RFC 4180's rules.
begin;
\ir ../helpers/fixtures.psql
select plan(11);

-- Setup
create temp table cases (csv text, fields text[]);
insert into cases values
    ('1,2024-01-15,10.25', array['1', '2024-01-15', '10.25']),
    (',,', array['', '', '']),
    ('a,"b,c",d', array['a', 'b,c', 'd']),
    ('"say ""hi""",x', array['say "hi"', 'x']),
    ('"",""', array['', '']),
    (E'"two\nlines",y', array[E'two\nlines', 'y']),
    (E'"cr\r\nlf","a,""b"",c"', array[E'cr\r\nlf', 'a,"b",c']),
    ('back\slash,tab	here', array['back\slash', 'tab	here']);

insert into raw.batch (source, dataset, origin, format, file_name, row_count, status, header, landed_at)
values ('fundata', 'fundata.quotes', 'csv', 'csv_row', 'compact.csv', 3, 'landed',
    array['InstrumentKey', 'Date', 'NAVPS'], clock_timestamp());
insert into raw.stored_record (batch_id, line, csv) values
    (tests.batch('compact.csv'), 2, '1,2024-01-15,10.25'),
    (tests.batch('compact.csv'), 3, '"2,3",2024-01-16,'),
    (tests.batch('compact.csv'), 5, E'"4\n5",2024-01-17,"9.5"');

-- Test
select is_empty(
    $$ select c.csv from cases as c where raw.csv_fields(c.csv) is distinct from c.fields $$,
    'raw.csv_fields reads plain, empty, quoted, doubled-quote, multi-line and backslash values back exactly'
);
select is(raw.csv_fields(''), array[''], 'an empty line is one empty value');
select is_empty(
    $$ select c.csv, n from cases as c cross join generate_subscripts(c.fields, 1) as n
       where raw.csv_field(c.csv, n) is distinct from c.fields[n] $$,
    'raw.csv_field reads the n-th value of each line, quoted or not'
);
select is(
    (select payload from raw.record where batch_id = tests.batch('compact.csv') and line = 2),
    '{"InstrumentKey": "1", "Date": "2024-01-15", "NAVPS": "10.25"}'::jsonb,
    'raw.record shows a stored CSV line as the JSON record keyed by the header'
);
select is(
    (select payload from raw.record where batch_id = tests.batch('compact.csv') and line = 3),
    '{"InstrumentKey": "2,3", "Date": "2024-01-16", "NAVPS": ""}'::jsonb,
    'a quoted value keeps its comma; an empty value stays an empty string'
);
select is(
    (select payload from raw.record where batch_id = tests.batch('compact.csv') and line = 5),
    jsonb_build_object('InstrumentKey', E'4\n5', 'Date', '2024-01-17', 'NAVPS', '9.5'),
    'a value with a line break reads back with it'
);
select is(
    (select count(*)::integer from raw.stored_record where batch_id = tests.batch('compact.csv') and payload is null),
    3,
    'the CSV rows are stored as lines only: no JSON copy'
);
select set_eq(
    $$ select line, payload from core.landed(array[tests.batch('compact.csv')]) $$,
    $$ select line, payload from raw.record where batch_id = tests.batch('compact.csv') $$,
    'core.landed gives the transforms the same records as raw.record'
);
select set_eq(
    $$ select line, payload, csv from raw.batch_records(tests.batch('compact.csv')) $$,
    $$ select r.line, v.payload, r.csv from raw.stored_record as r
       join raw.record as v using (batch_id, line) where r.batch_id = tests.batch('compact.csv') $$,
    'raw.batch_records lists the stored lines with their records'
);
select lives_ok(
    $$ delete from raw.record where batch_id = tests.batch('compact.csv') and line = 5 $$,
    'a delete through raw.record reaches the stored rows'
);
select is(
    (select count(*)::integer from raw.stored_record where batch_id = tests.batch('compact.csv')),
    2,
    'the deleted row is gone from raw.stored_record'
);

select * from finish();
rollback;
