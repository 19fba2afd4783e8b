-- Schema drift (docs/SCHEMA-DRIFT.md): a number field turning into text and a
-- percent field whose values turn into fractions are changes; a change is
-- reported once however many batches show it; the policy is per dataset —
-- hold (Fundata), pass_and_report (FMP), discard_field — and a rejected
-- change keeps its batches out, while a field the transform learns to read
-- releases its batches by itself.
begin;
\ir ../helpers/fixtures.psql
select plan(17);

-- Setup
select ops.set_schema_policy('fundata.quotes', 'hold', 'test', 'tests');
select ops.set_schema_policy('fundata.data', 'hold', 'test', 'tests');
select ops.set_schema_policy('fmp.profile', 'pass_and_report', 'test', 'tests');
-- quote rows for day p_day: yields p_yield + i/10, NAVPS as given (else a number)
create function pg_temp.quotes(p_day int, p_yield numeric, p_navps text default null)
returns jsonb language sql as $$
    select jsonb_agg(jsonb_build_object(
        'RecordId', (p_day * 10 + i)::text, 'InstrumentKey', 'Q' || i, 'CurrentYield', (p_yield + i / 10.0)::text,
        'Date', (date '2024-01-01' + p_day)::text, 'NAVPS', coalesce(p_navps, (10 + i)::text),
        'NAVPSPercentChange', '0.1', 'RecordState', 'Active'))
    from generate_series(1, 5) as i
$$;
-- history: yields in percent (2.6 .. 4.5)
select tests.land('fundata.quotes', pg_temp.quotes(1, 2.5), 'q1.csv');
select tests.land('fundata.quotes', pg_temp.quotes(2, 3.0), 'q2.csv');
select tests.land('fundata.quotes', pg_temp.quotes(3, 4.0), 'q3.csv');
select ops.run_transform('fundata_quotes');
-- yields as fractions (0.035 .. 0.075): every |v| <= 1
select tests.land('fundata.quotes', pg_temp.quotes(4, 0.025), 'q4-fraction.csv');
-- NAVPS as text, twice
select tests.land('fundata.quotes', pg_temp.quotes(5, 3.0, 'abc'), 'q5-text.csv');
select tests.land('fundata.quotes', pg_temp.quotes(6, 3.0, 'see note'), 'q6-text.csv');
create temp table run on commit drop as select * from ops.run_transform('fundata_quotes');

-- Test: types and units
select results_eq(
    $$ select field, change, previous_type, new_type, batch_ids from ops.schema_change
       where dataset = 'fundata.quotes' order by field $$,
    $$ values ('CurrentYield'::text, 'unit_changed'::text, 'percent'::text, 'fraction'::text, array[tests.batch('q4-fraction.csv')]),
        ('NAVPS', 'retyped', 'number', 'text', array[tests.batch('q5-text.csv'), tests.batch('q6-text.csv')]) $$,
    'a percent field turned fraction and a number field turned text: each one change, the second for both its batches'
);
select is(
    (select count(*)::integer from ops.schema_change where field = 'NAVPSPercentChange'),
    0,
    'a percent field whose history was mostly within 1 is no unit change'
);
select results_eq(
    $$ select batches, failed_batches from run $$, $$ values (0, '{}'::bigint[]) $$,
    'the three batches are held, none failed'
);
select is((select count(*)::integer from core.fundata_quotes), 15, 'core holds the first three days only');

-- FMP: pass and report, once
select tests.land('fmp.profile', '[[{"symbol": "AAA", "companyName": "A", "esgRating": "AA"}]]', 'p1.json', 'api');
select tests.land('fmp.profile', '[[{"symbol": "BBB", "companyName": "B", "esgRating": "BB"}]]', 'p2.json', 'api');
select results_eq(
    $$ select batches from ops.run_transform('equity_profile') $$, $$ values (2) $$,
    'pass_and_report: both FMP batches are consumed'
);
select results_eq(
    $$ select field, change, new_type, example, state, cardinality(batch_ids) from ops.schema_change where dataset = 'fmp.profile' $$,
    $$ values ('esgRating'::text, 'new'::text, 'text'::text, 'AA'::text, 'open'::text, 2) $$,
    'the extra field is reported once, open, with both batches'
);
select is_empty($$ select * from ops.held_batch where dataset = 'fmp.profile' $$, 'nothing of fmp.profile is held');

-- discard_field: the decision is recorded, the batch passes
select ops.set_schema_policy('fmp.profile', 'discard_field', 'test', 'tests');
select tests.land('fmp.profile', '[[{"symbol": "CCC", "companyName": "C", "promoCode": "X1"}]]', 'p3.json', 'api');
select results_eq(
    $$ select batches from ops.run_transform('equity_profile') $$, $$ values (1) $$,
    'discard_field: the batch is consumed'
);
select results_eq(
    $$ select state, decided_by, reason from ops.schema_change where field = 'promoCode' $$,
    $$ values ('discarded'::text, 'policy'::text, 'dataset policy discard_field: the transform ignores the field'::text) $$,
    'discard_field: the new field is recorded as discarded, with the policy as its reason'
);
select is(
    (select count(*)::integer from core.equity_profile_latest where symbol = 'CCC' and raw_json ? 'promoCode' and extra is null),
    1,
    'discard_field: the transform ignores the field (not kept as content; raw_json keeps the document)'
);
select is_empty(
    $$ select * from ops.quality_issue where field = 'promoCode' $$,
    'discard_field: the discarded field is no unknown_field issue'
);

-- reject: the batches stay out, later ones showing the change too
select tests.land('fundata.data', '[{"InstrumentKey": "D1", "LegalName": "Fund 1", "Currency": "CAD"}]', 'd1.csv');
select tests.land('fundata.data', '[{"InstrumentKey": "D2", "LegalName": "Fund 2", "Currency": "CAD", "Xyz": "1"}]', 'd2-new.csv');
select ops.run_transform('fundata_data');
select results_eq(
    $$ select field, change, batch_ids from ops.reject_schema_changes('fundata.data', 'not a Fundata column', 'ops-2') $$,
    $$ values ('Xyz'::text, 'new'::text, array[tests.batch('d2-new.csv')]) $$,
    'reject returns the rejected change and its batch'
);
select results_eq(
    $$ select state, decided_by, reason from ops.schema_change where field = 'Xyz' $$,
    $$ values ('rejected'::text, 'ops-2'::text, 'not a Fundata column'::text) $$,
    'reject records who and why'
);
select tests.land('fundata.data', '[{"InstrumentKey": "D3", "LegalName": "Fund 3", "Currency": "CAD", "Xyz": "2"}]', 'd3-new.csv');
select ops.run_transform('fundata_data');
select set_eq(
    $$ select batch_id from ops.held_batch where dataset = 'fundata.data' $$,
    $$ values (tests.batch('d2-new.csv')), (tests.batch('d3-new.csv')) $$,
    'a rejected change keeps its batch out, and a later batch showing it'
);
select is(
    (select string_agg(identifier, ',' order by identifier) from core.fundata_data),
    'D1',
    'only the batch without the rejected field reached core'
);

-- the transform learns the field: the held batch is released by itself
select tests.land('fundata.data', '[{"InstrumentKey": "D4", "LegalName": "Fund 4", "Currency": "CAD", "Abc": "z"}]', 'd4-new.csv');
select ops.run_transform('fundata_data');
select ok(exists (select 1 from ops.held_batch where batch_id = tests.batch('d4-new.csv')), 'the batch with the new column is held');
-- a new version of the transform reads Abc (core.stage notes its field lines)
select ops.note_stage_fields('fundata_data',
    (select fields || array['abc text Abc'] from ops.stage_fields where transform_name = 'fundata_data'), null);
select ops.run_transform('fundata_data');
select results_eq(
    $$ select c.state, c.decided_by, exists (select 1 from ops.transform_batch as t where t.batch_id = tests.batch('d4-new.csv'))
       from ops.schema_change as c where c.field = 'Abc' $$,
    $$ values ('learned'::text, 'transform'::text, true) $$,
    'once the transform reads the field the change is learned and the batch consumed'
);

select * from finish();
rollback;
