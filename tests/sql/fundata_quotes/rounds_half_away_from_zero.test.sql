-- Through the fundata_quotes transform, every case of docs/ARCHITECTURE.md §4 lands in
-- core.fundata_quotes as DECIMAL(12,2) half away from zero; "invalid" and the
-- two values that do not fit become NULL plus a quality issue with the raw
-- value, without aborting the batch; raw_json (the landed record) keeps the original.
begin;
\ir ../helpers/fixtures.psql
select plan(8);

-- Setup: one CSV row per case, one day each (NAVPS holds the case)
create temp table cases (day date, raw_value text, expected numeric(12, 2)) on commit drop;
insert into cases values
    ('2024-01-01', '123.456789', 123.46),
    ('2024-01-02', '15.7', 15.70),
    ('2024-01-03', '0.045', 0.05),
    ('2024-01-04', '-2.345', -2.35),
    ('2024-01-05', null, null),
    ('2024-01-06', '', null),
    ('2024-01-07', 'null', null),
    ('2024-01-08', 'N/A', null),
    ('2024-01-09', 'invalid', null),
    ('2024-01-10', '$1,234.567', 1234.57),
    ('2024-01-11', '9999999999.994', 9999999999.99),
    ('2024-01-12', '9999999999.995', null),
    ('2024-01-13', '999999999999.99', null);
-- a CSV row holds every header key; the NULL case is a row without the NAVPS key
select tests.land(
    'fundata.quotes',
    (
        select jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
            'RecordId', '26177', 'InstrumentKey', '4095', 'Date', c.day::text,
            'NAVPS', c.raw_value, 'RecordState', 'Active', 'ChangeDate', c.day::text
        )) order by c.day)
        from cases as c
    ),
    'FundDailyNAVPSSeed.csv'
);
create temp table run as select * from ops.run_transform('fundata_quotes');

-- Test
select results_eq(
    $$ select q.date, q.navps from core.fundata_quotes as q where q.identifier = '4095' order by q.date $$,
    $$ select c.day, c.expected from cases as c order by c.day $$,
    'core.fundata_quotes.navps holds every case rounded half away from zero, NULL where blank, invalid or too large'
);
select is(
    (select navps::text from core.fundata_quotes where identifier = '4095' and date = '2024-01-02'),
    '15.70',
    '"15.7" is stored as 15.70'
);
select set_eq(
    $$
    select q.rule, q.field, q.raw_value, q.line
    from ops.quality_issue as q
    where q.batch_id = tests.batch('FundDailyNAVPSSeed.csv') and q.rule in ('bad_number', 'overflow')
    $$,
    $$
    values
        ('bad_number', 'navps', 'invalid', 10),
        ('overflow', 'navps', '9999999999.995', 13),
        ('overflow', 'navps', '999999999999.99', 14)
    $$,
    'exactly "invalid" (bad_number) and the two values that do not fit (overflow) are quality issues, with raw value and line'
);
select is_empty(
    $$
    select q.rule, q.raw_value
    from ops.quality_issue as q
    where q.batch_id = tests.batch('FundDailyNAVPSSeed.csv') and q.field = 'navps'
        and q.raw_value in ('', 'null', 'N/A')
    $$,
    'blanks and null tokens are not quality issues'
);
select results_eq(
    $$ select q.date, q.raw_json ->> 'NAVPS' from core.fundata_quotes_latest as q where q.identifier = '4095' order by q.date $$,
    $$ select c.day, c.raw_value from cases as c order by c.day $$,
    'raw_json keeps every original NAVPS string, including those that became NULL'
);
select is(
    (select count(*)::integer from core.fundata_quotes where identifier = '4095'),
    13,
    'the bad values did not abort the batch: all 13 rows are in core'
);
select is(
    (select (r.batches, r.rows_in, r.rows_out) from run as r)::text,
    '(1,13,13)',
    'the run consumed one batch, 13 rows in, 13 rows out'
);
select is(
    (select count(*)::integer from ops.quality_issue where batch_id = tests.batch('FundDailyNAVPSSeed.csv') and rule = 'bad_number' and field <> 'navps'),
    0,
    'no other field of the batch was flagged'
);

select * from finish();
rollback;
