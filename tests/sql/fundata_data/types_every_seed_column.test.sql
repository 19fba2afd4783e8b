-- Every column of a Fundata reference row is typed into its core column:
-- text trimmed (blank -> NULL), dates as dates, numbers as DECIMAL(12,2);
-- currency defaults to CAD. docs/FUNDATA.md's example row plus fund numbers.
begin;
\ir ../helpers/fixtures.psql
select plan(3);

-- Setup
select tests.land('fundata.data', $$[
    {"InstrumentKey": "412682", "RecordId": "4", "Language": "EN", "LegalName": "MD Dividend Income Index", "FamilyName": "MD Funds", "SeriesName": "Dividend Income Index", "Company": "MD Financial Management Inc.", "InceptionDate": "2010-05-01", "Currency": "CAD", "RecordState": "Active", "ChangeDate": "2024-01-15", "ManagementFee": "1.255", "MER": "2.345", "MinimumInvestment": "$1,000", "NAV": "15.7", "Yield": "0.045"},
    {"InstrumentKey": " 500100 ", "RecordId": "5", "Language": "FR", "LegalName": "  Fonds équilibré, série F ", "FamilyName": "", "SeriesName": "n/a", "Company": "Gestion Québec inc.", "InceptionDate": "", "Currency": "", "RecordState": "Active", "ChangeDate": "2024-01-15", "ManagementFee": "", "MER": "N/A", "MinimumInvestment": "500", "NAV": "", "Yield": ""}
]$$, 'FundGeneralSeed.csv');
select * from ops.run_transform('fundata_data');

-- Test
select results_eq(
    $$
    select identifier collate "default", record_id, language, legal_name, family_name, series_name, company,
        inception_date, currency, record_state, change_date
    from core.fundata_data order by identifier
    $$,
    $$
    values
        ('412682'::text, '4'::text, 'EN'::text, 'MD Dividend Income Index'::text, 'MD Funds'::text, 'Dividend Income Index'::text,
            'MD Financial Management Inc.'::text, date '2010-05-01', 'CAD'::text, 'Active'::text, date '2024-01-15'),
        ('500100', '5', 'FR', 'Fonds équilibré, série F', null, null,
            'Gestion Québec inc.', null, 'CAD', 'Active', date '2024-01-15')
    $$,
    'descriptive columns: text trimmed, blanks and null tokens NULL, dates typed, currency defaulting to CAD'
);
select results_eq(
    $$
    select identifier collate "default", management_fee, expense_ratio, minimum_investment, nav_value, yield_rate
    from core.fundata_data order by identifier
    $$,
    $$
    values
        ('412682'::text, 1.26::numeric(12, 2), 2.35::numeric(12, 2), 1000.00::numeric(12, 2), 15.70::numeric(12, 2), 0.05::numeric(12, 2)),
        ('500100', null, null, 500.00, null, null)
    $$,
    'fund numbers: management fee, MER, minimum investment, NAV and yield as DECIMAL(12,2) half away from zero'
);
select is_empty(
    $$ select rule, field, raw_value from ops.quality_issue where batch_id = tests.batch('FundGeneralSeed.csv') $$,
    'clean rows, blanks and null tokens raise no quality issue'
);

select * from finish();
rollback;
