-- ops.fundata_api_fromdate: the day after the newest valid date landed in the
-- given datasets' batches (the seed's included), ignoring values that are not
-- dates or lie beyond their landing day; it survives raw retention, and the
-- loader role may run it without reading raw records itself.
begin;
\ir ../../helpers/fixtures.psql
select plan(8);

-- Setup
select tests.land('fundata.quotes', $$[
    {"InstrumentKey": "4095", "Date": "2024-01-12", "NAVPS": "11.5"},
    {"InstrumentKey": "4095", "Date": "2024-01-15", "NAVPS": "11.58"}
]$$, 'FundDailyNAVPSSeed.csv', 'csv');
select tests.land('fundata.fund_expense', $$[
    {"InstrumentKey": "4095", "MER": "1.2", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "4095", "MER": "1.2", "ChangeDate": "2024-01-17 08:30:00"},
    {"InstrumentKey": "4096", "MER": "1.3", "ChangeDate": "not a date"},
    {"InstrumentKey": "4097", "MER": "1.4", "ChangeDate": "2999-12-31"},
    {"InstrumentKey": "4098", "MER": "1.4", "ChangeDate": ""}
]$$, 'expense-api.csv', 'api', 'csv_row');

-- Test
select is(
    ops.fundata_api_fromdate(array['fundata.fund_daily_navps'], 'Date'),
    null::date,
    'nothing landed for the endpoint: NULL (the loader then asks for everything)'
);
select is(
    ops.fundata_api_fromdate(array['fundata.fund_daily_navps', 'fundata.quotes'], 'Date'),
    date '2024-01-16',
    'daily NAVPS with its CSV seed: the day after the seed''s newest Date'
);
select is(
    ops.fundata_api_fromdate(array['fundata.fund_expense'], 'ChangeDate'),
    date '2024-01-18',
    'the day after the newest ChangeDate; text that is no date and a date beyond the landing day are ignored'
);
select results_eq(
    $$ select dataset, field, newest_date from ops.batch_newest_date order by batch_id $$,
    $$
    values
        ('fundata.quotes'::text, 'Date'::text, date '2024-01-15'),
        ('fundata.fund_expense', 'ChangeDate', date '2024-01-17')
    $$,
    'each batch is scanned once and its newest date kept'
);

select tests.land('fundata.fund_expense', $$[ {"InstrumentKey": "4095", "MER": "1.1", "ChangeDate": "2024-01-20"} ]$$, 'expense-api-2.csv', 'api', 'csv_row');
select is(
    ops.fundata_api_fromdate(array['fundata.fund_expense'], 'ChangeDate'),
    date '2024-01-21',
    'a newly landed batch moves the cursor'
);
delete from raw.record where batch_id in (select batch_id from raw.batch where dataset = 'fundata.fund_expense');
delete from raw.batch where dataset = 'fundata.fund_expense';
select is(
    ops.fundata_api_fromdate(array['fundata.fund_expense'], 'ChangeDate'),
    date '2024-01-21',
    'retiring the raw batches does not move the cursor back'
);
select ok(
    has_function_privilege('sra_loader', 'ops.fundata_api_fromdate(text[], text)', 'execute'),
    'the loader role may run the cursor function'
);
select ok(
    not has_table_privilege('sra_loader', 'raw.record', 'select'),
    'the loader role still cannot read raw records (the function runs as its owner)'
);

-- Finish
select * from finish();
rollback;
