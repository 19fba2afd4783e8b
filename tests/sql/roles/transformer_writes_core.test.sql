-- sra_transformer writes the derived layers: it reads raw, writes core, the
-- transform ledger and quality tables, and runs the transforms end to end;
-- it cannot change what the loader landed (docs/ARCHITECTURE.md §7).
begin;
\ir ../helpers/fixtures.psql
select plan(12);

-- Setup: a landed batch; the role may call pgTAP and the fixture helpers
grant usage on schema tests to sra_transformer;
select tests.land('fundata.quotes', $$[
    {"InstrumentKey": "4095", "Date": "2024-01-15", "NAVPS": "11.58290000", "PreviousNAVPS": "11.58270000"},
    {"InstrumentKey": "", "Date": "2024-01-15", "NAVPS": "9.99"}
]$$, 'transformer.csv');

-- Test
select schema_privs_are('core', 'sra_transformer', array['USAGE'], 'sra_transformer uses schema core and cannot create in it');
select schema_privs_are('agg', 'sra_transformer', array['USAGE'], 'sra_transformer uses schema agg and cannot create in it');

set local role sra_transformer;
select lives_ok(
    $$ select * from ops.run_transform('fundata_quotes') $$,
    'sra_transformer runs the fundata_quotes transform over a landed batch'
);
select is(
    (select navps from core.fundata_quotes where identifier = '4095'),
    11.58::numeric(12, 2),
    'the transform run by sra_transformer wrote core.fundata_quotes'
);
select is(
    (select count(*)::integer from ops.quarantine where batch_id = tests.batch('transformer.csv')),
    1,
    'the transform run by sra_transformer quarantined the row without identifier'
);
select is(
    (select count(*)::integer from ops.transform_batch where batch_id = tests.batch('transformer.csv')),
    1,
    'the transform run by sra_transformer recorded the batch in the ledger'
);
select lives_ok(
    $$
    update core.fundata_quotes set record_state = 'Inactive' where identifier = '4095';
    delete from core.fundata_quotes where identifier = '4095'
    $$,
    'sra_transformer updates and deletes in core (rebuilds)'
);
select lives_ok(
    $$ insert into core.instrument (identifier) values ('412682') $$,
    'sra_transformer writes the instrument registry'
);
select lives_ok(
    $$ select count(*) from raw.record $$,
    'sra_transformer reads raw'
);
select throws_ok(
    $$ insert into raw.record (batch_id, line, payload) values (tests.batch('transformer.csv'), 99, '{}') $$,
    '42501', null,
    'sra_transformer cannot land rows in raw.record'
);
select throws_ok(
    $$ update raw.stored_record set payload = '{}' $$,
    '42501', null,
    'sra_transformer cannot change landed rows'
);
select throws_ok(
    $$ delete from raw.record $$,
    '42501', null,
    'sra_transformer cannot delete landed rows through raw.record'
);
reset role;

select * from finish();
rollback;
