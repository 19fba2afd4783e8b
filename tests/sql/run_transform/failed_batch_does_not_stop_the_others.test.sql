-- A batch a transform cannot consume (an error about its data that escapes
-- the transform) is recorded in ops.transform_batch_failure and listed by
-- ops.failed_batch; the other batches of the run are consumed and the other
-- transforms run. Later runs skip the failed batch until it is re-queued
-- (ops.retry_failed_batches). A transform that fails as a whole for another
-- reason does not stop ops.run_transforms either; its batches stay pending.
begin;
\ir ../helpers/fixtures.psql
select plan(22);

-- Setup: three quote batches, the second of which the transform refuses, and a data batch
select tests.land('fundata.quotes', '[{"InstrumentKey": "4095", "Date": "2024-01-15", "NAVPS": "11.58"}]', 'good-1.csv');
select tests.land('fundata.quotes', '[{"InstrumentKey": "4095", "Date": "2024-01-16", "NAVPS": "11.60"}]', 'bad.csv');
select tests.land('fundata.quotes', '[{"InstrumentKey": "412682", "Date": "2024-01-16", "NAVPS": "10.00"}]', 'good-2.csv');
select tests.land('fundata.data', '[{"InstrumentKey": "4095", "LegalName": "Fund"}]', 'data.csv');
alter function core.transform_fundata_quotes(bigint[], bigint) rename to transform_fundata_quotes_real;
create function core.transform_fundata_quotes(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
begin
    if tests.batch('bad.csv') = any(p_batches) then
        raise exception 'simulated failure of batch %: %', tests.batch('bad.csv'), repeat('.', 3000)
            using detail = 'the transform refuses this batch';
    end if;
    return query select * from core.transform_fundata_quotes_real(p_batches, p_run_id);
end
$$;
create temp table run on commit drop as select * from ops.run_transforms();

-- Test
select results_eq(
    $$ select batches, rows_out, failed_batches, error like 'batch ' || tests.batch('bad.csv') || ': simulated failure of batch %' from run where transform_name = 'fundata_quotes' $$,
    $$ values (2, 2::bigint, array[tests.batch('bad.csv')], true) $$,
    'fundata_quotes consumes the two good batches and reports the failed one with its error'
);
select results_eq(
    $$ select transform_name, batch_id, dataset, file_name, attempts from ops.failed_batch $$,
    $$ values ('fundata_quotes'::text, tests.batch('bad.csv'), 'fundata.quotes'::text, 'bad.csv'::text, 1) $$,
    'ops.failed_batch lists the failed batch with its transform, dataset, file and attempts'
);
select ok(
    (select error like 'simulated failure of batch %' and length(error) = 1000 from ops.failed_batch),
    'the error text is kept, cut to 1,000 characters'
);
select ok(
    (select detail like 'SQLSTATE P0001' || E'\n' || 'the transform refuses this batch%' and length(detail) <= 2000
     from ops.transform_batch_failure where batch_id = tests.batch('bad.csv')),
    'the detail holds the SQLSTATE and the error detail'
);
select set_eq(
    $$ select batch_id from ops.transform_batch where transform_name = 'fundata_quotes' $$,
    $$ values (tests.batch('good-1.csv')), (tests.batch('good-2.csv')) $$,
    'the good batches are consumed, the failed one is not'
);
select set_eq(
    $$ select identifier collate "default", date from core.fundata_quotes $$,
    $$ values ('4095'::text, date '2024-01-15'), ('412682', date '2024-01-16') $$,
    'the good batches reached core'
);
select results_eq(
    $$ select batches, failed_batches from run where transform_name = 'fundata_data' $$,
    $$ values (1, '{}'::bigint[]) $$,
    'the other transforms ran'
);
select results_eq(
    $$ select batches, failed_batches, error like 'batch %: simulated failure%' from ops.transform_run where transform_name = 'fundata_quotes' $$,
    $$ values (2, 1, true) $$,
    'ops.transform_run records the consumed batches, the failed one and its error'
);
select is(
    ops.pending_batches('fundata_quotes'),
    '{}'::bigint[],
    'a failed batch is not pending: later runs do not retry it'
);
select results_eq(
    $$ select batches, failed_batches from ops.run_transform('fundata_quotes') $$,
    $$ values (0, '{}'::bigint[]) $$,
    'the next run has nothing to do'
);

-- re-queued, it fails again
select results_eq(
    $$ select transform_name, batch_id, attempts from ops.retry_failed_batches(array[tests.batch('bad.csv')]) $$,
    $$ values ('fundata_quotes'::text, tests.batch('bad.csv'), 2) $$,
    'ops.retry_failed_batches re-queues the failed batch, one attempt more'
);
select is_empty($$ select * from ops.failed_batch $$, 'a re-queued batch leaves ops.failed_batch');
select is(
    ops.pending_batches('fundata_quotes'),
    array[tests.batch('bad.csv')],
    'a re-queued batch is pending again'
);
select results_eq(
    $$ select batches, failed_batches from ops.run_transform('fundata_quotes') $$,
    $$ values (0, array[tests.batch('bad.csv')]) $$,
    'the re-queued batch fails again'
);
select results_eq(
    $$ select batch_id, attempts from ops.failed_batch $$,
    $$ values (tests.batch('bad.csv'), 2) $$,
    'it is failed again, after two attempts'
);

-- re-queued once the transform is fixed, it goes through
drop function core.transform_fundata_quotes(bigint[], bigint);
alter function core.transform_fundata_quotes_real(bigint[], bigint) rename to transform_fundata_quotes;
select * from ops.retry_failed_batches(array[tests.batch('bad.csv')]);
select results_eq(
    $$ select batches, rows_out, failed_batches from ops.run_transform('fundata_quotes') $$,
    $$ values (1, 1::bigint, '{}'::bigint[]) $$,
    'the re-queued batch is consumed once the transform takes it'
);
select is_empty(
    $$ select * from ops.transform_batch_failure $$,
    'a batch that went through is no longer a failure'
);

-- a transform that fails as a whole (not about its data): the others go on
select tests.land('fundata.data', '[{"InstrumentKey": "500100", "LegalName": "Another fund"}]', 'data-2.csv');
select tests.land('fundata.quotes', '[{"InstrumentKey": "4095", "Date": "2024-01-17", "NAVPS": "11.62"}]', 'good-3.csv');
alter function core.transform_fundata_data(bigint[], bigint) rename to transform_fundata_data_real;
create function core.transform_fundata_data(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
begin
    raise exception 'simulated: permission denied for table fundata_data' using errcode = 'insufficient_privilege';
end
$$;
set local client_min_messages = error;
create temp table run2 on commit drop as select * from ops.run_transforms();
set local client_min_messages = warning;
select results_eq(
    $$ select transform_name, batches, error from run2 where transform_name in ('fundata_data', 'fundata_quotes') order by transform_name $$,
    $$ values ('fundata_data'::text, 0, 'simulated: permission denied for table fundata_data'::text), ('fundata_quotes', 1, null) $$,
    'ops.run_transforms reports the transform that failed and runs the next ones'
);
select is(
    ops.pending_batches('fundata_data'),
    array[tests.batch('data-2.csv')],
    'the batch of the transform that failed as a whole stays pending'
);
select is_empty(
    $$ select * from ops.transform_batch_failure where transform_name = 'fundata_data' $$,
    'and is not marked failed: it is not the batch''s fault'
);
select results_eq(
    $$ select error from ops.transform_run where transform_name = 'fundata_data' and error is not null $$,
    $$ values ('simulated: permission denied for table fundata_data'::text) $$,
    'ops.transform_run records the failed run with its error'
);
select throws_ok(
    $$ select * from ops.run_transform('fundata_data') $$,
    '42501', 'simulated: permission denied for table fundata_data',
    'ops.run_transform itself raises it'
);

select * from finish();
rollback;
