-- API rows of fund/getdistribution: amounts per unit typed to DECIMAL(12,2)
-- ('$' and thousands separators stripped); a bad number becomes NULL with a
-- quality issue; rows without identifier or distribution date are quarantined
-- with a quality issue, never loaded; a key repeated in a batch keeps its last line.
begin;
\ir ../../helpers/fixtures.psql
select plan(6);

-- Setup
select tests.land('fundata.fund_distribution', $$[
    {"InstrumentKey": "412682", "DistributionDate": "2023-12-22", "PayableDate": "2023-12-29", "Amount": "0.455",
     "IncomeAmount": "0.305", "CapitalGainsAmount": "0.125", "ReturnOfCapitalAmount": "0.025", "ReinvestmentPrice": "10.245",
     "Currency": "CAD", "DistributionFrequency": "Quarterly", "RecordState": "Active", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "4095", "DistributionDate": "2023-12-29", "Amount": "$1,234.565", "IncomeAmount": "abc",
     "RecordState": "Active", "ChangeDate": "2024-01-17"},
    {"InstrumentKey": "4095", "DistributionDate": "", "Amount": "0.10", "ChangeDate": "2024-01-17"},
    {"InstrumentKey": " ", "DistributionDate": "2023-12-29", "Amount": "0.20", "ChangeDate": "2024-01-17"},
    {"InstrumentKey": "412682", "DistributionDate": "2023-09-22", "Amount": "0.30", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "412682", "DistributionDate": "2023-09-22", "Amount": "0.305", "ChangeDate": "2024-01-16"}
]$$, 'dist.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_distributions');

-- Test
select results_eq(
    $$
    select identifier collate "default", distribution_date, pay_date, total_amount, income_amount, capital_gains_amount,
        return_of_capital_amount, reinvestment_price, currency, frequency
    from core.fundata_distributions order by identifier, distribution_date
    $$,
    $$
    values
        ('4095'::text, date '2023-12-29', null::date, 1234.57::numeric(12, 2), null::numeric(12, 2), null::numeric(12, 2), null::numeric(12, 2), null::numeric(12, 2), null::text, null::text),
        ('412682', date '2023-09-22', null, 0.31, null, null, null, null, null, null),
        ('412682', date '2023-12-22', date '2023-12-29', 0.46, 0.31, 0.13, 0.03, 10.25, 'CAD', 'Quarterly')
    $$,
    'amounts round half away from zero; "$1,234.565" -> 1234.57; one row per identifier and distribution date'
);
select results_eq(
    $$ select rule, field, raw_value from ops.quality_issue where batch_id = tests.batch('dist.csv') and rule = 'bad_number' $$,
    $$ values ('bad_number'::text, 'income_amount'::text, 'abc'::text) $$,
    'the bad number is a quality issue with its raw value'
);
select set_eq(
    $$ select rule, field from ops.quality_issue where batch_id = tests.batch('dist.csv') and rule like 'missing%' $$,
    $$ values ('missing_distribution_date'::text, 'distribution_date'::text), ('missing_identifier', 'identifier') $$,
    'the row without a distribution date and the row without an identifier are quality issues'
);
select results_eq(
    $$ select line, reason from ops.quarantine where batch_id = tests.batch('dist.csv') order by line $$,
    $$ values (4, 'missing_distribution_date'::text), (5, 'missing_identifier') $$,
    'both rows are quarantined with the missing key part, not loaded'
);
select results_eq(
    $$ select batch_line, raw_json ->> 'Amount' from core.fundata_distributions_latest where distribution_date = '2023-09-22' $$,
    $$ values (7, '0.305'::text) $$,
    'a key repeated in one batch keeps its last line, and raw_json keeps the original value'
);
select is(
    (select count(*)::int from ops.quality_issue where batch_id = tests.batch('dist.csv') and rule in ('duplicate_row', 'conflicting_duplicate')),
    1,
    'the repeated key is reported once'
);

-- Finish
select * from finish();
rollback;
