-- Fundata data and quotes share one instrument registry: the same
-- InstrumentKey is one core.instrument row, flagged for both, and the two
-- join by identifier (docs/ARCHITECTURE.md §4).
begin;
\ir ../helpers/fixtures.psql
select plan(6);

-- Setup: quotes land first for one instrument, data first for another
select tests.land('fundata.quotes', $$[
    {"InstrumentKey": "412682", "Date": "2024-01-15", "NAVPS": "10.00"},
    {"InstrumentKey": "4095", "Date": "2024-01-15", "NAVPS": "11.58"}
]$$, 'quotes.csv');
select * from ops.run_transform('fundata_quotes');
select tests.land('fundata.data', $$[
    {"InstrumentKey": "412682", "LegalName": "MD Dividend Income Index"},
    {"InstrumentKey": "500100", "LegalName": "Fonds équilibré, série F"}
]$$, 'data.csv');
select * from ops.run_transform('fundata_data');
select tests.land('fundata.quotes', '[{"InstrumentKey": "500100", "Date": "2024-01-16", "NAVPS": "20.00"}]', 'quotes-2.csv');
select * from ops.run_transform('fundata_quotes');

-- Test
select col_is_pk('core', 'instrument', 'identifier', 'core.instrument has one row per identifier');
select results_eq(
    $$ select identifier collate "default", in_fundata_data, in_fundata_quotes from core.instrument order by identifier $$,
    $$
    values
        ('4095'::text, false, true),
        ('412682', true, true),
        ('500100', true, true)
    $$,
    'an identifier seen in quotes and in data is one instrument with both flags, whichever came first'
);
select is(
    (select first_batch_id from core.instrument where identifier = '412682'),
    tests.batch('quotes.csv'),
    'the instrument remembers the batch it was first seen in'
);
select results_eq(
    $$ select identifier collate "default", legal_name, navps from api.fund_latest_nav order by identifier $$,
    $$
    values
        ('4095'::text, null::text, 11.58::numeric(12, 2)),
        ('412682', 'MD Dividend Income Index', 10.00),
        ('500100', 'Fonds équilibré, série F', 20.00)
    $$,
    'quotes and data join by identifier (api.fund_latest_nav carries the fund''s name)'
);
select tests.land('fundata.data', '[{"InstrumentKey": "412682", "LegalName": "MD Dividend Income Index Fund"}]', 'data-2.csv');
select * from ops.run_transform('fundata_data');
select is(
    (select count(*)::integer from core.instrument),
    3,
    'a new version of an instrument''s data adds no instrument'
);
select is_empty(
    $$
    select q.identifier from core.fundata_quotes as q
    where not exists (select 1 from core.fundata_data as d where d.identifier = q.identifier)
        and q.identifier <> '4095'
    $$,
    'every quoted instrument but 4095 has reference data under the same identifier'
);

select * from finish();
rollback;
