-- fund/getequitystyle -> core.fundata_equity_style and api.fund_equity_style (docs/FUNDATA-API.md): every
-- column typed (numbers DECIMAL(12,2) half away from zero, whole numbers
-- integer); a value that does not type is NULL with a quality issue; a row
-- without its key part (identifier) is quarantined with the reason while the rest
-- land; versions follow ChangeDate: a change dated earlier than the current
-- version adds history but does not become the latest.
begin;
\ir ../../helpers/fixtures.psql
select plan(7);

-- Setup
select tests.land('fundata.fund_equity_style', $$[
    {"InstrumentKey": "412682", "RecordId": "9501", "StyleDate": "2023-12-31", "MarketCapitalization": "Large", "InvestmentStyle": "Value", "AverageMarketCap": "45,678.905", "PriceToEarnings": "12.345", "PriceToBook": "1.8", "DividendYield": "3.995", "RecordState": "Active", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "4095", "RecordId": "9502", "StyleDate": "2023-13-31", "MarketCapitalization": "Mid", "InvestmentStyle": "Growth", "AverageMarketCap": "8500", "PriceToEarnings": "-2.345", "PriceToBook": "", "DividendYield": "1", "RecordState": "Active", "ChangeDate": "2024-01-16"},
    {"RecordId": "9503", "MarketCapitalization": "Small", "ChangeDate": "2024-01-16"}
]$$, 'eqstyle-1.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_equity_style');
-- a change, dated later
select tests.land('fundata.fund_equity_style', $$[{"InstrumentKey": "412682", "RecordId": "9501", "StyleDate": "2023-12-31", "MarketCapitalization": "Large", "InvestmentStyle": "Blend", "AverageMarketCap": "45,678.905", "PriceToEarnings": "12.345", "PriceToBook": "1.8", "DividendYield": "3.995", "RecordState": "Active", "ChangeDate": "2024-03-01"}]$$, 'eqstyle-2.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_equity_style');
-- another change, landed last but dated between the two
select tests.land('fundata.fund_equity_style', $$[{"InstrumentKey": "412682", "RecordId": "9501", "StyleDate": "2023-12-31", "MarketCapitalization": "Large", "InvestmentStyle": "Growth", "AverageMarketCap": "45,678.905", "PriceToEarnings": "12.345", "PriceToBook": "1.8", "DividendYield": "3.995", "RecordState": "Active", "ChangeDate": "2024-02-01"}]$$, 'eqstyle-3.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_equity_style');

-- Test
select results_eq(
    $$ select identifier collate "default", style_date, market_cap_style, investment_style, average_market_cap, price_to_earnings, price_to_book, dividend_yield, change_date
    from core.fundata_equity_style where data_version = 1 order by identifier $$,
    $$ values
        ('4095'::text, null::date, 'Mid'::text, 'Growth'::text, 8500.00::numeric(12, 2), -2.35::numeric(12, 2), null::numeric(12, 2), 1.00::numeric(12, 2), date '2024-01-16'),
        ('412682'::text, date '2023-12-31', 'Large'::text, 'Value'::text, 45678.91::numeric(12, 2), 12.35::numeric(12, 2), 1.80::numeric(12, 2), 4.00::numeric(12, 2), date '2024-01-16') $$,
    'the first batch: both keyed rows typed, rounded half away from zero'
);
select results_eq(
    $$ select rule, field, raw_value from ops.quality_issue where batch_id = tests.batch('eqstyle-1.csv') and field = 'style_date' $$,
    $$ values ('bad_date'::text, 'style_date'::text, '2023-13-31'::text) $$,
    'the value that does not type is a quality issue with its raw value (and NULL in core)'
);
select results_eq(
    $$ select line, reason from ops.quarantine where batch_id = tests.batch('eqstyle-1.csv') $$,
    $$ values (4, 'missing_identifier'::text) $$,
    'the row without its key part is quarantined with the reason'
);
select is(
    (select count(*)::int from core.fundata_equity_style where batch_id = tests.batch('eqstyle-1.csv')),
    2,
    'the other rows of the batch landed'
);
select results_eq(
    $$ select data_version, change_date, source_file from core.fundata_equity_style where identifier = '412682'::text order by data_version $$,
    $$ values (1, date '2024-01-16', 'eqstyle-1.csv'::text), (2, date '2024-03-01', 'eqstyle-2.csv'), (3, date '2024-02-01', 'eqstyle-3.csv') $$,
    'each change is a new version with its ChangeDate and file'
);
select results_eq(
    $$ select investment_style, data_version, change_date, data_source from api.fund_equity_style where identifier = '412682'::text $$,
    $$ values ('Blend'::text, 2, date '2024-03-01', 'API'::text) $$,
    'api.fund_equity_style shows the version with the newest ChangeDate, not the last to land'
);
select is(
    (select count(*)::int from api.fund_equity_style),
    2,
    'api.fund_equity_style: one row per key'
);

-- Finish
select * from finish();
rollback;
