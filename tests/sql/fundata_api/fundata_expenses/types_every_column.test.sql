-- fund/getexpense: every column typed (ratios in percent as DECIMAL(12,2));
-- api.fund_expenses shows one row per identifier, its latest version.
begin;
\ir ../../helpers/fixtures.psql
select plan(3);

-- Setup
select tests.land('fundata.fund_expense', $$[
    {"InstrumentKey": "412682", "RecordId": "5001", "MERDate": "2023-06-30", "MER": "0.585", "ManagementFee": "0.55",
     "TradingExpenseRatio": "0.015", "TotalExpenseRatio": "0.6", "RecordState": "Active", "ChangeDate": "2024-01-16"}
]$$, 'exp-1.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_expenses');
select tests.land('fundata.fund_expense', $$[
    {"InstrumentKey": "412682", "RecordId": "5001", "MERDate": "2023-12-31", "MER": "0.575", "ManagementFee": "0.55",
     "TradingExpenseRatio": "0.015", "TotalExpenseRatio": "0.59", "RecordState": "Active", "ChangeDate": "2024-03-01"}
]$$, 'exp-2.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_expenses');

-- Test
select results_eq(
    $$
    select record_id, mer_date, mer, management_fee, trading_expense_ratio, total_expense_ratio, record_state, change_date, data_version
    from core.fundata_expenses order by data_version
    $$,
    $$
    values
        ('5001'::text, date '2023-06-30', 0.59::numeric(12, 2), 0.55::numeric(12, 2), 0.02::numeric(12, 2), 0.60::numeric(12, 2), 'Active'::text, date '2024-01-16', 1),
        ('5001', date '2023-12-31', 0.58, 0.55, 0.02, 0.59, 'Active', date '2024-03-01', 2)
    $$,
    'every column typed, 0.585 -> 0.59, 0.015 -> 0.02; the new MER is version 2'
);
select results_eq(
    $$ select identifier collate "default", mer_date, mer, data_version, data_source from api.fund_expenses $$,
    $$ values ('412682'::text, date '2023-12-31', 0.58::numeric(12, 2), 2, 'API'::text) $$,
    'api.fund_expenses: the latest version only'
);
select is(
    (select source_file from core.fundata_expenses where data_version = 2),
    'exp-2.csv',
    'each version keeps the file it came from'
);

-- Finish
select * from finish();
rollback;
