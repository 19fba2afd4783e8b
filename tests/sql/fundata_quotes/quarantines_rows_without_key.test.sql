-- A daily NAVPS row without an identifier, or whose Date (part of its key)
-- is not a real date, is quarantined with its reason and never reaches core;
-- any other bad date becomes NULL plus a bad_date quality issue (DESIGN §5).
begin;
\ir ../helpers/fixtures.psql
select plan(10);

-- Setup: lines 2..9 of a CSV file
select tests.land('fundata.quotes', $$[
    {"InstrumentKey": "", "Date": "2024-01-15", "NAVPS": "11.58"},
    {"Date": "2024-01-15", "NAVPS": "11.58"},
    {"InstrumentKey": "   ", "Date": "2024-01-15", "NAVPS": "11.58"},
    {"InstrumentKey": "777", "Date": "not a date", "NAVPS": "11.58"},
    {"InstrumentKey": "777", "Date": "2024-02-30", "NAVPS": "11.58"},
    {"InstrumentKey": "4095", "Date": "2024-01-15", "NAVPS": "11.58", "PreviousDate": "2024-13-01", "ChangeDate": "15/01/2024"},
    {"InstrumentKey": "4095", "Date": "2024-02-29", "NAVPS": "11.60", "PreviousDate": "2024-02-28", "ChangeDate": "2024-02-29"},
    {"InstrumentKey": "4095", "Date": "", "NAVPS": "11.61"}
]$$, 'FundDailyNAVPSSeed.csv');
create temp table run on commit drop as select * from ops.run_transform('fundata_quotes');

-- Test
select set_eq(
    $$ select line, reason from ops.quarantine where batch_id = tests.batch('FundDailyNAVPSSeed.csv') $$,
    $$
    values
        (2, 'missing_identifier'),
        (3, 'missing_identifier'),
        (4, 'missing_identifier'),
        (5, 'unreadable_date'),
        (6, 'unreadable_date'),
        (9, 'missing_date')
    $$,
    'rows without identifier (empty, absent, blank) or without a valid Date are quarantined with the reason: a Date present but not a date is unreadable, an empty one missing'
);
select set_eq(
    $$
    select line, rule, field, raw_value, identifier
    from ops.quality_issue
    where batch_id = tests.batch('FundDailyNAVPSSeed.csv') and rule in ('unreadable_date', 'missing_date')
    $$,
    $$
    values
        (5, 'unreadable_date', 'date', 'not a date', '777'),
        (6, 'unreadable_date', 'date', '2024-02-30', '777'),
        (9, 'missing_date', 'date', '', '4095')
    $$,
    'the quality issue of a quarantined row names its rule, the raw key value and the record''s identifier'
);
select is_empty(
    $$
    select q.line
    from ops.quarantine as q
    join raw.record as r on r.batch_id = q.batch_id and r.line = q.line
    where q.batch_id = tests.batch('FundDailyNAVPSSeed.csv')
        and (q.payload is distinct from r.payload or q.transform_name <> 'fundata_quotes' or q.dataset <> 'fundata.quotes')
    $$,
    'each quarantined record keeps its original payload, transform and dataset'
);
select results_eq(
    $$ select batch_line, date, previous_date, change_date from core.fundata_quotes order by batch_line $$,
    $$ values (7, date '2024-01-15', null::date, null::date), (8, date '2024-02-29', date '2024-02-28', date '2024-02-29') $$,
    'only the keyed rows reach core; a bad PreviousDate or ChangeDate becomes NULL'
);
select set_eq(
    $$
    select line, field, raw_value
    from ops.quality_issue
    where batch_id = tests.batch('FundDailyNAVPSSeed.csv') and rule = 'bad_date'
    $$,
    $$
    values
        (5, 'date', 'not a date'),
        (6, 'date', '2024-02-30'),
        (7, 'previous_date', '2024-13-01'),
        (7, 'change_date', '15/01/2024')
    $$,
    'every date that is not a real date is a bad_date issue with its raw value (an empty date is not)'
);
select set_eq(
    $$
    select line
    from ops.quality_issue
    where batch_id = tests.batch('FundDailyNAVPSSeed.csv') and rule = 'missing_identifier'
    $$,
    $$ values (2), (3), (4) $$,
    'every row without identifier is also a missing_identifier quality issue'
);
select is_empty(
    $$ select identifier from core.instrument where identifier = '777' $$,
    'an identifier seen only in quarantined rows is not registered as an instrument'
);
select is(
    (select quarantined from run),
    6::bigint,
    'the run reports six quarantined records'
);
select is(
    (select count(*)::integer from ops.transform_batch where batch_id = tests.batch('FundDailyNAVPSSeed.csv')),
    1,
    'quarantining does not abort the batch: it is consumed'
);
select * from ops.run_transform('fundata_quotes');
select is(
    (select count(*)::integer from ops.quarantine where batch_id = tests.batch('FundDailyNAVPSSeed.csv')),
    6,
    'a second run quarantines nothing again'
);

select * from finish();
rollback;
