-- A value PostgreSQL could not index (a Company of 3,000 characters, an
-- InstrumentKey of 1 MB) is found before the write: its record is quarantined
-- with reason value_too_large_for_key and a quality issue naming the record
-- (its identifier cut to a sane length); the other rows are written, the
-- batch is consumed, and later transforms and batches run as usual.
begin;
\ir ../helpers/fixtures.psql
select plan(10);

-- Setup: random hex does not compress, so neither value would fit a btree entry
create temp table big on commit drop as
select
    (select string_agg(md5(g::text), '') from generate_series(1, 94) as g) as company,      -- 3,008 characters
    (select string_agg(md5(g::text), '') from generate_series(1, 32768) as g) as key;       -- 1 MB
select tests.land('fundata.data', jsonb_build_array(
    jsonb_build_object('InstrumentKey', '412682', 'LegalName', 'MD Dividend Income Index', 'Company', 'MD Financial'),
    jsonb_build_object('InstrumentKey', '500100', 'LegalName', 'Long company', 'Company', (select company from big)),
    jsonb_build_object('InstrumentKey', (select key from big), 'LegalName', 'Long key'),
    jsonb_build_object('InstrumentKey', '4095', 'LegalName', 'Fonds équilibré', 'Company', 'Fonds Desjardins')
), 'big-values.csv');
create temp table run on commit drop as select * from ops.run_transform('fundata_data');

-- Test
select results_eq(
    $$ select batches, rows_in, rows_out, quarantined, failed_batches from run $$,
    $$ values (1, 4::bigint, 2::bigint, 2::bigint, '{}'::bigint[]) $$,
    'the run reads four records, writes two, quarantines two and fails no batch'
);
select results_eq(
    $$ select identifier collate "default", company from core.fundata_data order by identifier $$,
    $$ values ('4095'::text, 'Fonds Desjardins'::text), ('412682', 'MD Financial') $$,
    'the rows with values of a normal size are written'
);
select set_eq(
    $$ select line, reason from ops.quarantine where batch_id = tests.batch('big-values.csv') $$,
    $$ values (3, 'value_too_large_for_key'), (4, 'value_too_large_for_key') $$,
    'the 3,000-character Company and the 1 MB InstrumentKey are quarantined as too large for a key'
);
select is(
    (select payload ->> 'InstrumentKey' from ops.quarantine where batch_id = tests.batch('big-values.csv') and line = 4),
    (select key from big),
    'the quarantined record keeps its whole payload'
);
select set_eq(
    $$
    select line, rule, field, identifier
    from ops.quality_issue
    where batch_id = tests.batch('big-values.csv') and rule = 'value_too_large_for_key'
    $$,
    $$
    values
        (3, 'value_too_large_for_key', 'company', '500100'),
        (4, 'value_too_large_for_key', 'identifier', left((select key from big), 100))
    $$,
    'each is a quality issue naming the column and the record''s identifier, cut to 100 characters'
);
select ok(
    (select bool_and(length(raw_value) <= 100 and detail like '% bytes, over the 512 bytes%')
     from ops.quality_issue
     where batch_id = tests.batch('big-values.csv') and rule = 'value_too_large_for_key'),
    'the issue keeps a short prefix of the value and says how large it was'
);
select is(
    (select count(*)::integer from ops.transform_batch where batch_id = tests.batch('big-values.csv')),
    1,
    'the batch is consumed'
);
select set_eq(
    $$ select identifier collate "default" from core.instrument $$,
    $$ values ('412682'::text), ('4095') $$,
    'only the identifiers of the written records are registered as instruments'
);
select tests.land('fundata.data', '[{"InstrumentKey": "500100", "LegalName": "Long company", "Company": "Short again"}]', 'next.csv');
select results_eq(
    $$ select batches, rows_out, failed_batches from ops.run_transform('fundata_data') $$,
    $$ values (1, 1::bigint, '{}'::bigint[]) $$,
    'the next batch runs as usual'
);
select is(
    (select max(data_version) from core.fundata_data where identifier = '500100'),
    1,
    'the record whose earlier line was quarantined starts at version 1'
);

select * from finish();
rollback;
