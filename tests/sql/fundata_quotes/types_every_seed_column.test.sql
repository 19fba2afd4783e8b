-- Every column of a Fundata daily NAVPS row is typed into its core column.
-- docs/FUNDATA.md's example row (8 decimals, empty yields) plus the price columns.
begin;
\ir ../helpers/fixtures.psql
select plan(3);

-- Setup
select tests.land('fundata.quotes', $$[
    {"RecordId": "26177", "InstrumentKey": "4095", "CurrentYield": "", "CurrentYieldPercentChange": "", "Date": "2024-01-15", "NAVPS": "11.58290000", "NAVPSPennyChange": "0.00020000", "NAVPSPercentChange": "0.00172700", "PreviousDate": "2024-01-14", "PreviousNAVPS": "11.58270000", "Split": "", "RecordState": "Active", "ChangeDate": "2024-01-15"},
    {"RecordId": "26178", "InstrumentKey": "4096", "CurrentYield": "3.14159", "CurrentYieldPercentChange": "-0.125", "Date": "2024-01-15", "NAVPS": "20.005", "NAVPSPennyChange": "-0.015", "NAVPSPercentChange": "-0.07", "PreviousDate": "2024-01-12", "PreviousNAVPS": "20.02", "Split": "2", "RecordState": "Active", "ChangeDate": "2024-01-15", "Price": "20.014", "VolumeWeightedPrice": "20.0149", "BidPrice": "19.995", "AskPrice": "20.025"}
]$$, 'FundDailyNAVPSSeed.csv');
select * from ops.run_transform('fundata_quotes');

-- Test
select results_eq(
    $$
    select identifier collate "default", record_id, date, navps, navps_penny_change, navps_percent_change, previous_date, previous_navps,
        current_yield, current_yield_percent_change, split, record_state, change_date
    from core.fundata_quotes order by identifier
    $$,
    $$
    values
        ('4095'::text, '26177'::text, date '2024-01-15', 11.58::numeric(12, 2), 0.00::numeric(12, 2), 0.00::numeric(12, 2),
            date '2024-01-14', 11.58::numeric(12, 2), null::numeric(12, 2), null::numeric(12, 2), null::numeric(12, 2), 'Active'::text, date '2024-01-15'),
        ('4096', '26178', date '2024-01-15', 20.01, -0.02, -0.07,
            date '2024-01-12', 20.02, 3.14, -0.13, 2.00, 'Active', date '2024-01-15')
    $$,
    'the seed columns: 8-decimal numbers rounded to 2 half away from zero, empty yields NULL, dates typed'
);
select results_eq(
    $$ select price, volume_weighted_price, bid_price, ask_price from core.fundata_quotes where identifier = '4096' $$,
    $$ values (20.01::numeric(12, 2), 20.01::numeric(12, 2), 20.00::numeric(12, 2), 20.03::numeric(12, 2)) $$,
    'price, volume-weighted price, bid and ask as DECIMAL(12,2)'
);
select is_empty(
    $$
    select rule, field, raw_value from ops.quality_issue
    where batch_id = tests.batch('FundDailyNAVPSSeed.csv') and rule in ('bad_number', 'overflow', 'bad_date')
    $$,
    'clean rows and empty fields raise no number or date issue'
);

select * from finish();
rollback;
