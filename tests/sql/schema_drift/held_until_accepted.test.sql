-- A Fundata quotes file whose NAVPS column is renamed (docs/SCHEMA-DRIFT.md):
-- the rename is found (a missing and a new field of one batch with alike
-- names and values), reported once with both names, and the batch is held —
-- landed, not failed, core unchanged — until an operator accepts the change
-- (who, when, why kept); the next run then consumes it, reading the new name
-- as the field it replaced. A new column and a dropped column are found too.
begin;
\ir ../helpers/fixtures.psql
select plan(16);

-- Setup: the policy under test, and quote rows with the full header
select ops.set_schema_policy('fundata.quotes', 'hold', 'Fundata CSV: hold', 'tests');
create function pg_temp.quotes(p_key text, p_day int, p_rename text default null, p_drop text default null, p_add text default null)
returns jsonb language sql as $$
    select jsonb_agg(
        (jsonb_build_object(
            'RecordId', (p_day * 10 + i)::text, 'InstrumentKey', p_key || i, 'CurrentYield', '', 'CurrentYieldPercentChange', '',
            'Date', (date '2024-01-01' + p_day)::text, 'NAVPS', round(10 + i + p_day / 100.0, 2)::text,
            'NAVPSPennyChange', '0.01', 'NAVPSPercentChange', '0.1', 'PreviousDate', (date '2024-01-01' + p_day - 1)::text,
            'PreviousNAVPS', (10 + i)::text, 'Split', '', 'RecordState', 'Active', 'ChangeDate', (date '2024-01-01' + p_day)::text)
            - coalesce(p_rename, '') - coalesce(p_drop, ''))
        || case when p_rename is not null then jsonb_build_object(p_rename || '_PS', round(10 + i + p_day / 100.0, 2)::text) else '{}' end
        || case when p_add is not null then jsonb_build_object(p_add, 'x' || i) else '{}' end)
    from generate_series(1, 5) as i
$$;
select tests.land('fundata.quotes', pg_temp.quotes('F', 1), 'day1.csv');
create temp table run1 on commit drop as select * from ops.run_transform('fundata_quotes');
select tests.land('fundata.quotes', pg_temp.quotes('F', 2, p_rename => 'NAVPS'), 'day2-renamed.csv');
create temp table run2 on commit drop as select * from ops.run_transform('fundata_quotes');

-- Test
select results_eq(
    $$ select batches, failed_batches from run1 $$, $$ values (1, '{}'::bigint[]) $$,
    'a batch with the known fields is consumed'
);
select results_eq(
    $$ select dataset, field, change, previous_field, previous_type, new_type, example, state, batch_ids
       from ops.schema_change where dataset = 'fundata.quotes' $$,
    $$ values ('fundata.quotes'::text, 'NAVPS_PS'::text, 'renamed'::text, 'NAVPS'::text, 'number'::text, 'number'::text,
        '11.02'::text, 'open'::text, array[tests.batch('day2-renamed.csv')]) $$,
    'the renamed column is one change, renamed, with both names, types, an example and its batch'
);
select results_eq(
    $$ select batches, failed_batches, error from run2 $$, $$ values (0, '{}'::bigint[], null::text) $$,
    'the run consumes nothing and fails nothing'
);
select results_eq(
    $$ select batch_id, dataset, file_name, changes from ops.held_batch $$,
    $$ values (tests.batch('day2-renamed.csv'), 'fundata.quotes'::text, 'day2-renamed.csv'::text, array['renamed NAVPS_PS']) $$,
    'ops.held_batch lists the held batch with its change'
);
select is_empty($$ select * from ops.failed_batch $$, 'a held batch is not a failed batch');
select is((select count(*)::integer from core.fundata_quotes), 5, 'core holds the first day only');
select is(cardinality(ops.pending_batches('fundata_quotes')), 0, 'a held batch is not pending');
select is((select count(*)::integer from raw.record where batch_id = tests.batch('day2-renamed.csv')), 5, 'its records stay in raw');

-- a second run reports nothing again
select ops.run_transform('fundata_quotes');
select is((select count(*)::integer from ops.schema_change where dataset = 'fundata.quotes'), 1, 'a later run adds no change');

-- accepting needs a reason; with one, the batch is released and consumed
select throws_ok(
    $$ select * from ops.accept_schema_changes('fundata.quotes', '  ', 'ops-1') $$,
    '22023', null, 'accepting without a reason is refused'
);
select results_eq(
    $$ select field, change, batch_ids from ops.accept_schema_changes('fundata.quotes', 'vendor renamed NAVPS', 'ops-1') $$,
    $$ values ('NAVPS_PS'::text, 'renamed'::text, array[tests.batch('day2-renamed.csv')]) $$,
    'accept returns the accepted change and its batch'
);
select results_eq(
    $$ select state, decided_by, reason, decided_at is not null from ops.schema_change where dataset = 'fundata.quotes' $$,
    $$ values ('accepted'::text, 'ops-1'::text, 'vendor renamed NAVPS'::text, true) $$,
    'who, when and why are kept'
);
select results_eq(
    $$ select batches from ops.run_transform('fundata_quotes') $$, $$ values (1) $$,
    'the next run consumes the released batch'
);
select results_eq(
    $$ select identifier collate "default", navps from core.fundata_quotes where date = '2024-01-03' order by identifier $$,
    $$ values ('F1'::text, 11.02::numeric(12, 2)), ('F2', 12.02), ('F3', 13.02), ('F4', 14.02), ('F5', 15.02) $$,
    'the accepted new name is read as the field it replaced'
);

-- a new column and a dropped column of later files
select tests.land('fundata.quotes', pg_temp.quotes('F', 3, p_add => 'Rating'), 'day3-new.csv');
select tests.land('fundata.quotes', pg_temp.quotes('F', 4, p_drop => 'Split'), 'day4-missing.csv');
select ops.run_transform('fundata_quotes');
select results_eq(
    $$ select field, change, previous_type, new_type, example, batch_ids from ops.schema_change
       where dataset = 'fundata.quotes' and state = 'open' order by field $$,
    $$ values ('Rating'::text, 'new'::text, null::text, 'text'::text, 'x1'::text, array[tests.batch('day3-new.csv')]),
        ('Split', 'missing', 'number', null, null, array[tests.batch('day4-missing.csv')]) $$,
    'a new column is new (its type and an example), a dropped known column is missing'
);
select set_eq(
    $$ select batch_id from ops.held_batch $$,
    $$ values (tests.batch('day3-new.csv')), (tests.batch('day4-missing.csv')) $$,
    'both batches are held'
);

select * from finish();
rollback;
