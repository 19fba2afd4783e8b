-- A batch whose every value casts plainly is typed on the fast path (plain
-- casts); a batch holding one unusual value is typed on the careful path.
-- Both give the same core rows and the same quality issues for the same values.
begin;
\ir ../helpers/fixtures.psql
select plan(7);

-- Setup: the same clean rows for instrument FAST (own run) and CAREFUL (a run
-- whose batch also holds one "invalid" value, forcing careful parsing)
create temp table clean_rows (day date, navps text, previous_navps text, yield text, previous_date text) on commit drop;
insert into clean_rows values
    ('2024-01-01', '123.456789', '123.40000000', '', '2023-12-31'),
    ('2024-01-02', '15.7', '15.69', '0.045', '2024-01-01'),
    ('2024-01-03', '0.045', '0.04', '-2.345', '2024-01-02'),
    ('2024-01-04', '-2.345', '-2.34', '1e3', '2024-01-03'),
    ('2024-01-05', '9999999999.994', '9999999999.99', '', '2024-01-04'),
    ('2024-01-06', '9999999999.995', '9999999999.99', '.5', '2024-01-05'),
    ('2024-01-07', '999999999999.99', '999999999999.99', '', '2024-01-06'),
    ('2024-01-08', '11.58290000', '11.58270000', '0.00172700', '2024-01-07'),
    ('2024-01-09', '-0.005', '0.005', '', ''),
    ('2024-01-10', ' 12.5 ', '12.5', '', '2024-01-09');
create function pg_temp.rows_for(p_identifier text) returns jsonb language sql as $$
    select jsonb_agg(jsonb_build_object(
        'InstrumentKey', p_identifier, 'Date', c.day::text, 'NAVPS', c.navps,
        'PreviousNAVPS', c.previous_navps, 'CurrentYield', c.yield, 'PreviousDate', c.previous_date
    ) order by c.day)
    from clean_rows as c
$$;
select tests.land('fundata.quotes', pg_temp.rows_for('FAST'), 'fast.csv');
select * from ops.run_transform('fundata_quotes');
select tests.land(
    'fundata.quotes',
    pg_temp.rows_for('CAREFUL') || '[{"InstrumentKey": "TRIGGER", "Date": "2024-01-01", "NAVPS": "invalid"}]'::jsonb,
    'careful.csv'
);
select * from ops.run_transform('fundata_quotes');

-- Test
select lives_ok(
    $$
    select parse_fast.dec12_2(c.navps), parse_fast.dec12_2(c.previous_navps), parse_fast.dec12_2(c.yield), parse_fast.day(c.previous_date)
    from clean_rows as c
    $$,
    'every value of the clean batch casts plainly: it is typed on the fast path'
);
select throws_ok(
    $$ select parse_fast.dec12_2('invalid') $$,
    '22P02', null,
    'the fast path cannot cast "invalid": that batch is typed on the careful path'
);
select is_empty(
    $$
    select c.v
    from (
        select navps from clean_rows union all select previous_navps from clean_rows union all select yield from clean_rows
    ) as c (v)
    where parse_fast.dec12_2(c.v) is distinct from parse_careful.dec12_2(c.v)
    $$,
    'parse_fast.dec12_2 and parse_careful.dec12_2 agree on every clean value'
);
select results_eq(
    $$
    select q.date, q.navps, q.previous_navps, q.current_yield, q.previous_date
    from core.fundata_quotes as q where q.identifier = 'FAST' order by q.date
    $$,
    $$
    select q.date, q.navps, q.previous_navps, q.current_yield, q.previous_date
    from core.fundata_quotes as q where q.identifier = 'CAREFUL' order by q.date
    $$,
    'the fast path and the careful path write the same typed rows'
);
select results_eq(
    $$
    select q.date, q.navps, q.current_yield
    from core.fundata_quotes as q where q.identifier = 'FAST' order by q.date
    $$,
    $$
    values
        (date '2024-01-01', 123.46::numeric(12, 2), null::numeric(12, 2)),
        ('2024-01-02', 15.70, 0.05),
        ('2024-01-03', 0.05, -2.35),
        ('2024-01-04', -2.35, 1000.00),
        ('2024-01-05', 9999999999.99, null),
        ('2024-01-06', null, 0.50),
        ('2024-01-07', null, null),
        ('2024-01-08', 11.58, 0.00),
        ('2024-01-09', -0.01, null),
        ('2024-01-10', 12.50, null)
    $$,
    'the fast path rounds half away from zero and drops values that do not fit'
);
select set_eq(
    $$
    select q.line, q.rule, q.field, q.raw_value
    from ops.quality_issue as q
    where q.batch_id = tests.batch('fast.csv') and q.rule in ('bad_number', 'overflow', 'bad_date')
    $$,
    $$
    select q.line, q.rule, q.field, q.raw_value
    from ops.quality_issue as q
    where q.batch_id = tests.batch('careful.csv') and q.rule in ('bad_number', 'overflow', 'bad_date')
        and q.raw_value <> 'invalid'
    $$,
    'the fast path and the careful path record the same quality issues'
);
select set_eq(
    $$
    select q.rule, q.field, q.raw_value
    from ops.quality_issue as q
    where q.batch_id = tests.batch('fast.csv') and q.rule in ('bad_number', 'overflow', 'bad_date')
    $$,
    $$
    values
        ('overflow', 'navps', '9999999999.995'),
        ('overflow', 'navps', '999999999999.99'),
        ('overflow', 'previous_navps', '999999999999.99')
    $$,
    'the fast path records the values that do not fit as overflow issues'
);

select * from finish();
rollback;
