-- ops.run_transform consumes every landed batch of its datasets exactly once
-- and records it in ops.transform_batch in the same transaction as its output:
-- a second run finds nothing to do; a run that fails leaves nothing behind
-- and the next run redoes the batch cleanly (DESIGN §4).
begin;
\ir ../helpers/fixtures.psql
select plan(18);

-- Setup: two landed quote batches, a failed one, and a data batch
select tests.land('fundata.quotes', '[{"InstrumentKey": "4095", "Date": "2024-01-15", "NAVPS": "11.58"}, {"InstrumentKey": "4095", "Date": "2024-01-16", "NAVPS": "11.60"}]', 'one.csv');
select tests.land('fundata.quotes', '[{"InstrumentKey": "412682", "Date": "2024-01-15", "NAVPS": "10.00"}]', 'two.csv');
select tests.land('fundata.quotes', '[{"InstrumentKey": "999", "Date": "2024-01-15", "NAVPS": "1.00"}]', 'failed.csv');
update raw.batch set status = 'failed' where batch_id = tests.batch('failed.csv');
select tests.land('fundata.data', '[{"InstrumentKey": "4095", "LegalName": "Fund"}]', 'data.csv');

-- Test
select set_eq(
    $$ select unnest(ops.pending_batches('fundata_quotes')) $$,
    $$ values (tests.batch('one.csv')), (tests.batch('two.csv')) $$,
    'the pending batches of fundata_quotes are its landed batches: not the failed one, not the data batch'
);
select results_eq(
    $$ select transform_name, batches, rows_in, rows_out, skipped from ops.run_transform('fundata_quotes') $$,
    $$ values ('fundata_quotes'::text, 2, 3::bigint, 3::bigint, false) $$,
    'the first run consumes both batches'
);
select results_eq(
    $$ select batches, rows_in, rows_out, skipped from ops.run_transform('fundata_quotes') $$,
    $$ values (0, 0::bigint, 0::bigint, false) $$,
    'a second run finds nothing to consume'
);
select is(
    (select count(*)::integer from core.fundata_quotes),
    3,
    'core.fundata_quotes holds each row once'
);
select results_eq(
    $$
    select t.batch_id, t.version, t.transform_run_id
    from ops.transform_batch as t
    where t.transform_name = 'fundata_quotes'
    order by t.batch_id
    $$,
    $$
    select b, (select d.version from ops.transform_definition as d where d.name = 'fundata_quotes'),
        (select min(r.transform_run_id) from ops.transform_run as r where r.transform_name = 'fundata_quotes')
    from unnest(array[tests.batch('one.csv'), tests.batch('two.csv')]) as b
    $$,
    'ops.transform_batch lists each batch once, with the transform version and the run that consumed it'
);
select results_eq(
    $$
    select batches, rows_in, rows_out, finished_at is not null
    from ops.transform_run where transform_name = 'fundata_quotes'
    $$,
    $$ values (2, 3::bigint, 3::bigint, true) $$,
    'ops.transform_run records the one run that did work, finished, with its counts'
);
select is_empty(
    $$ select * from ops.transform_batch where batch_id = tests.batch('failed.csv') $$,
    'a failed batch is never consumed'
);
select is_empty(
    $$ select * from ops.transform_batch where transform_name = 'fundata_data' $$,
    'running fundata_quotes consumes nothing for fundata_data'
);
select results_eq(
    $$ select batches from ops.run_transform('fundata_data') $$,
    $$ values (1) $$,
    'fundata_data consumes its own batch independently'
);

-- a run that fails half-way (the server cannot write core: not an error
-- about the data, so nothing is pinned on a record or a batch)
select tests.land('fundata.quotes', '[{"InstrumentKey": "4095", "Date": "2024-01-17", "NAVPS": "11.62"}, {"InstrumentKey": "4095", "Date": "2024-01-18", "NAVPS": "666"}, {"InstrumentKey": "", "Date": "2024-01-18", "NAVPS": "x"}]', 'three.csv');
create function pg_temp.crash() returns trigger language plpgsql as $$
begin
    if new.navps = 666 then
        raise exception 'simulated crash while writing %', new.identifier using errcode = 'disk_full';
    end if;
    return new;
end
$$;
create trigger crash before insert on core.fundata_quotes for each row execute function pg_temp.crash();
select throws_ok(
    $$ select * from ops.run_transform('fundata_quotes') $$,
    '53100', 'simulated crash while writing 4095',
    'a run over the new batch fails while writing core'
);
select is(
    (select count(*)::integer from core.fundata_quotes),
    3,
    'the failed run left no row in core'
);
select is_empty(
    $$ select * from ops.transform_batch where batch_id = tests.batch('three.csv') $$,
    'the failed run did not mark the batch consumed'
);
select is_empty(
    $$
    select 'quality', rule from ops.quality_issue where batch_id = tests.batch('three.csv')
    union all
    select 'quarantine', reason from ops.quarantine where batch_id = tests.batch('three.csv')
    $$,
    'the failed run left no quality issue and no quarantined record'
);
select is(
    (select count(*)::integer from ops.transform_run where transform_name = 'fundata_quotes'),
    1,
    'the failed run left no run record'
);
select is_empty(
    $$ select * from ops.transform_batch_failure where batch_id = tests.batch('three.csv') $$,
    'a failure that is not about the data marks no batch failed: the batch stays pending'
);
drop trigger crash on core.fundata_quotes;
select results_eq(
    $$ select batches, rows_in, rows_out, quarantined from ops.run_transform('fundata_quotes') $$,
    $$ values (1, 3::bigint, 2::bigint, 1::bigint) $$,
    'the next run redoes the batch'
);
select results_eq(
    $$ select date, navps from core.fundata_quotes where batch_id = tests.batch('three.csv') order by date $$,
    $$ values (date '2024-01-17', 11.62::numeric(12, 2)), (date '2024-01-18', 666.00) $$,
    'the redone batch landed in core exactly once'
);
select is(
    (select count(*)::integer from ops.quarantine where batch_id = tests.batch('three.csv')),
    1,
    'the redone batch quarantined its keyless record once'
);

select * from finish();
rollback;
