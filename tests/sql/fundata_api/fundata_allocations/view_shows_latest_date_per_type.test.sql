-- fund/getallocations: api.fund_allocations shows, per identifier and
-- allocation type, the weights of that type's latest allocation date (types
-- reported on different dates are all shown).
begin;
\ir ../../helpers/fixtures.psql
select plan(3);

-- Setup
select tests.land('fundata.fund_allocations', $$[
    {"InstrumentKey": "412682", "AllocationDate": "2023-11-30", "AllocationType": "Asset", "Name": "Canadian Equity", "Weight": "94", "ChangeDate": "2023-12-05"},
    {"InstrumentKey": "412682", "AllocationDate": "2023-11-30", "AllocationType": "Asset", "Name": "Foreign Equity", "Weight": "1", "ChangeDate": "2023-12-05"},
    {"InstrumentKey": "412682", "AllocationDate": "2023-11-30", "AllocationType": "Asset", "Name": "Cash", "Weight": "5", "ChangeDate": "2023-12-05"},
    {"InstrumentKey": "412682", "AllocationDate": "2023-11-30", "AllocationType": "Sector", "Name": "Financials", "Weight": "38.5", "ChangeDate": "2023-12-05"},
    {"InstrumentKey": "412682", "AllocationDate": "2023-12-31", "AllocationType": "Asset", "Name": "Canadian Equity", "Weight": "95.125", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "412682", "AllocationDate": "2023-12-31", "AllocationType": "Asset", "Name": "Cash", "Weight": "4.875", "ChangeDate": "2024-01-16"}
]$$, 'alloc.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_allocations');

-- Test
select results_eq(
    $$
    select allocation_type, allocation_name, allocation_date, weight
    from api.fund_allocations where identifier = '412682' order by allocation_type, allocation_name
    $$,
    $$
    values
        ('Asset'::text, 'Canadian Equity'::text, date '2023-12-31', 95.13::numeric(12, 2)),
        ('Asset', 'Cash', date '2023-12-31', 4.88),
        ('Sector', 'Financials', date '2023-11-30', 38.50)
    $$,
    'Asset weights from December only (November''s Foreign Equity is gone); Sector from its latest date, November'
);
select is_empty(
    $$
    select identifier, allocation_type, allocation_name from api.fund_allocations
    group by identifier, allocation_type, allocation_name having count(*) > 1
    $$,
    'api.fund_allocations has one row per identifier, allocation type and name'
);
select is(
    (select count(*)::int from core.fundata_allocations),
    6,
    'core keeps every allocation date'
);

-- Finish
select * from finish();
rollback;
