-- A record the target refuses while it is written (a trigger's refusal, an
-- index entry too large that no length check foresaw) is quarantined with the
-- error as its reason; every other record of the batch is written and the
-- batch is consumed. The refused keys are found by writing halves of the keys,
-- only after the write as a whole failed.
begin;
\ir ../helpers/fixtures.psql
select plan(9);

-- Setup: 40 quotes of 20 instruments, two of them refused by core; a JSON
-- document whose array field name (array_source_field) is too large to index
select tests.land('fundata.quotes', (
    select jsonb_agg(jsonb_build_object(
        'InstrumentKey', 'F' || i,
        'Date', '2024-01-' || lpad((14 + d)::text, 2, '0'),
        'NAVPS', case when i in (7, 15) and d = 2 then '666' else (10 + i)::text end
    ) order by i, d)
    from generate_series(1, 20) as i, generate_series(1, 2) as d
), 'quotes.csv');
create function pg_temp.refuse() returns trigger language plpgsql as $$
begin
    if new.navps = 666 then
        raise exception 'simulated refusal of %', new.identifier;
    end if;
    return new;
end
$$;
create trigger refuse before insert on core.fundata_quotes for each row execute function pg_temp.refuse();
create temp table run on commit drop as select * from ops.run_transform('fundata_quotes');

select tests.land('fundata.fund_general', jsonb_build_array(
    jsonb_build_object('InstrumentKey', 'G1', 'LegalName', 'Plain fund'),
    jsonb_build_object('InstrumentKey', 'G2', 'LegalName', 'Odd fund',
        (select string_agg(md5(g::text), '') from generate_series(1, 100) as g), jsonb_build_array('a', 'b'))
), 'general.json', 'api');
create temp table run_data on commit drop as select * from ops.run_transform('fundata_data');

-- Test
select results_eq(
    $$ select batches, rows_in, rows_out, quarantined, failed_batches from run $$,
    $$ values (1, 40::bigint, 38::bigint, 2::bigint, '{}'::bigint[]) $$,
    'the batch is consumed: 38 of 40 records written, the 2 refused ones quarantined'
);
select set_eq(
    $$ select payload ->> 'InstrumentKey', reason from ops.quarantine where batch_id = tests.batch('quotes.csv') $$,
    $$ values ('F7', 'write_error: simulated refusal of F7'), ('F15', 'write_error: simulated refusal of F15') $$,
    'each refused record is quarantined with the error as its reason'
);
select set_eq(
    $$
    select identifier, rule, field, detail
    from ops.quality_issue
    where batch_id = tests.batch('quotes.csv') and rule = 'write_error'
    $$,
    $$
    values
        ('F7', 'write_error', 'identifier,date', 'simulated refusal of F7'),
        ('F15', 'write_error', 'identifier,date', 'simulated refusal of F15')
    $$,
    'each is a write_error quality issue naming the record''s identifier'
);
select is(
    (select count(*)::integer from core.fundata_quotes),
    38,
    'every other record reached core'
);
select is(
    (select count(*)::integer from ops.transform_batch where batch_id = tests.batch('quotes.csv')),
    1,
    'the batch is consumed'
);
select is_empty(
    $$ select * from ops.failed_batch $$,
    'no batch failed'
);

select results_eq(
    $$ select batches, rows_out, quarantined, failed_batches from run_data $$,
    $$ values (1, 1::bigint, 1::bigint, '{}'::bigint[]) $$,
    'a document whose array field name is too large to index is quarantined; the other is written'
);
select results_eq(
    $$ select line, reason from ops.quarantine where batch_id = tests.batch('general.json') $$,
    $$ values (2, 'value_too_large_for_key') $$,
    'an index entry too large is reported as value_too_large_for_key'
);
select results_eq(
    $$ select identifier, rule from ops.quality_issue where batch_id = tests.batch('general.json') $$,
    $$ values ('G2'::text, 'value_too_large_for_key'::text) $$,
    'its quality issue names the record''s identifier'
);

select * from finish();
rollback;
