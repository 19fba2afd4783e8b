-- fund/getfixedincomestyle -> core.fundata_fixed_income_style and api.fund_fixed_income_style (docs/FUNDATA-API.md): every
-- column typed (numbers DECIMAL(12,2) half away from zero, whole numbers
-- integer); a value that does not type is NULL with a quality issue; a row
-- without its key part (identifier) is quarantined with the reason while the rest
-- land; versions follow ChangeDate: a change dated earlier than the current
-- version adds history but does not become the latest.
begin;
\ir ../../helpers/fixtures.psql
select plan(7);

-- Setup
select tests.land('fundata.fund_fixed_income_style', $$[
    {"InstrumentKey": "412682", "RecordId": "9601", "StyleDate": "2023-12-31", "CreditQuality": "High", "InterestRateSensitivity": "Medium", "AverageCreditRating": "AA", "AverageDuration": "7.125", "AverageMaturity": "10.5", "AverageCoupon": "3.875", "YieldToMaturity": "4.015", "RecordState": "Active", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "4095", "RecordId": "9602", "StyleDate": "2023-12-31", "CreditQuality": "Low", "InterestRateSensitivity": "Short", "AverageCreditRating": "BB", "AverageDuration": "2.0", "AverageMaturity": "three", "AverageCoupon": "6.5", "YieldToMaturity": "7.255", "RecordState": "Active", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "", "RecordId": "9603", "CreditQuality": "High", "ChangeDate": "2024-01-16"}
]$$, 'fistyle-1.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_fixed_income_style');
-- a change, dated later
select tests.land('fundata.fund_fixed_income_style', $$[{"InstrumentKey": "412682", "RecordId": "9601", "StyleDate": "2023-12-31", "CreditQuality": "High", "InterestRateSensitivity": "Medium", "AverageCreditRating": "AA", "AverageDuration": "6.9", "AverageMaturity": "10.5", "AverageCoupon": "3.875", "YieldToMaturity": "4.015", "RecordState": "Active", "ChangeDate": "2024-03-01"}]$$, 'fistyle-2.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_fixed_income_style');
-- another change, landed last but dated between the two
select tests.land('fundata.fund_fixed_income_style', $$[{"InstrumentKey": "412682", "RecordId": "9601", "StyleDate": "2023-12-31", "CreditQuality": "High", "InterestRateSensitivity": "Medium", "AverageCreditRating": "AA", "AverageDuration": "8", "AverageMaturity": "10.5", "AverageCoupon": "3.875", "YieldToMaturity": "4.015", "RecordState": "Active", "ChangeDate": "2024-02-01"}]$$, 'fistyle-3.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_fixed_income_style');

-- Test
select results_eq(
    $$ select identifier collate "default", style_date, credit_quality, interest_rate_sensitivity, average_credit_rating, average_duration, average_maturity, average_coupon, yield_to_maturity
    from core.fundata_fixed_income_style where data_version = 1 order by identifier $$,
    $$ values
        ('4095'::text, date '2023-12-31', 'Low'::text, 'Short'::text, 'BB'::text, 2.00::numeric(12, 2), null::numeric(12, 2), 6.50::numeric(12, 2), 7.26::numeric(12, 2)),
        ('412682'::text, date '2023-12-31', 'High'::text, 'Medium'::text, 'AA'::text, 7.13::numeric(12, 2), 10.50::numeric(12, 2), 3.88::numeric(12, 2), 4.02::numeric(12, 2)) $$,
    'the first batch: both keyed rows typed, rounded half away from zero'
);
select results_eq(
    $$ select rule, field, raw_value from ops.quality_issue where batch_id = tests.batch('fistyle-1.csv') and field = 'average_maturity' $$,
    $$ values ('bad_number'::text, 'average_maturity'::text, 'three'::text) $$,
    'the value that does not type is a quality issue with its raw value (and NULL in core)'
);
select results_eq(
    $$ select line, reason from ops.quarantine where batch_id = tests.batch('fistyle-1.csv') $$,
    $$ values (4, 'missing_identifier'::text) $$,
    'the row without its key part is quarantined with the reason'
);
select is(
    (select count(*)::int from core.fundata_fixed_income_style where batch_id = tests.batch('fistyle-1.csv')),
    2,
    'the other rows of the batch landed'
);
select results_eq(
    $$ select data_version, change_date, source_file from core.fundata_fixed_income_style where identifier = '412682'::text order by data_version $$,
    $$ values (1, date '2024-01-16', 'fistyle-1.csv'::text), (2, date '2024-03-01', 'fistyle-2.csv'), (3, date '2024-02-01', 'fistyle-3.csv') $$,
    'each change is a new version with its ChangeDate and file'
);
select results_eq(
    $$ select average_duration, data_version, change_date, data_source from api.fund_fixed_income_style where identifier = '412682'::text $$,
    $$ values (6.90::numeric(12, 2), 2, date '2024-03-01', 'API'::text) $$,
    'api.fund_fixed_income_style shows the version with the newest ChangeDate, not the last to land'
);
select is(
    (select count(*)::int from api.fund_fixed_income_style),
    2,
    'api.fund_fixed_income_style: one row per key'
);

-- Finish
select * from finish();
rollback;
