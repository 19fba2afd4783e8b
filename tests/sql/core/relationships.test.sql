-- Relationships the bulk transforms keep without foreign keys: every
-- identifier in core exists in core.instrument (and its flags say where it
-- is), and every core row points at the raw record it came from.
begin;
\ir ../helpers/fixtures.psql
select plan(6);

-- Setup: a mixed load: CSV and API, arrays, versions, a keyless row, a bad date
select tests.land('fundata.data', $$[
    {"InstrumentKey": "412682", "LegalName": "MD Dividend Income Index", "InceptionDate": "2010-05-01"},
    {"InstrumentKey": "", "LegalName": "No key"},
    {"InstrumentKey": "500100", "LegalName": "Fonds équilibré, série F", "InceptionDate": "2015-02-30"}
]$$, 'FundGeneralSeed.csv');
select tests.land('fundata.fund_general', '[{"identifier": "FUND123", "holdings": ["AAPL", "GOOGL", "MSFT"], "name": "Tech Fund", "nav": 15.75}]', 'fund123.json', 'api');
select tests.land('fundata.quotes', $$[
    {"InstrumentKey": "412682", "Date": "2024-01-15", "NAVPS": "10.00"},
    {"InstrumentKey": "4095", "Date": "2024-01-15", "NAVPS": "11.58"},
    {"InstrumentKey": "777", "Date": "2024-02-30", "NAVPS": "1.00"},
    {"InstrumentKey": "", "Date": "2024-01-15", "NAVPS": "1.00"}
]$$, 'FundDailyNAVPSSeed.csv');
select * from ops.run_transforms();
select tests.land('fundata.quotes', '[{"InstrumentKey": "412682", "Date": "2024-01-15", "NAVPS": "10.10"}]', 'update.csv');
select * from ops.run_transforms();

-- Test
select is_empty(
    $$
    select 'fundata_data' as source, d.identifier from core.fundata_data as d
    where not exists (select 1 from core.instrument as i where i.identifier = d.identifier)
    union all
    select 'fundata_quotes', q.identifier from core.fundata_quotes as q
    where not exists (select 1 from core.instrument as i where i.identifier = q.identifier)
    $$,
    'every identifier of core.fundata_data and core.fundata_quotes exists in core.instrument'
);
select is_empty(
    $$
    select i.identifier, i.in_fundata_data, i.in_fundata_quotes
    from core.instrument as i
    where i.in_fundata_data <> exists (select 1 from core.fundata_data as d where d.identifier = i.identifier)
        or i.in_fundata_quotes <> exists (select 1 from core.fundata_quotes as q where q.identifier = i.identifier)
    $$,
    'each instrument''s flags say exactly where it has rows'
);
select is_empty(
    $$
    select i.identifier from core.instrument as i
    where not i.in_fundata_data and not i.in_fundata_quotes
    $$,
    'no instrument without rows (a quarantined record registers nothing)'
);
select is_empty(
    $$
    select 'fundata_data' as source, d.identifier, d.batch_id, d.batch_line from core.fundata_data as d
    where not exists (select 1 from raw.record as r where r.batch_id = d.batch_id and r.line = d.batch_line)
    union all
    select 'fundata_quotes', q.identifier, q.batch_id, q.batch_line from core.fundata_quotes as q
    where not exists (select 1 from raw.record as r where r.batch_id = q.batch_id and r.line = q.batch_line)
    $$,
    'every core row points at the raw record it came from (its raw_json)'
);
select is_empty(
    $$
    select q.batch_id, q.line from ops.quarantine as q
    where not exists (select 1 from raw.record as r where r.batch_id = q.batch_id and r.line = q.line)
    $$,
    'every quarantined record points at its raw record'
);
select is(
    (select count(*)::integer from core.instrument),
    4,
    'the mixed load registered 412682, 500100, FUND123 and 4095'
);

select * from finish();
rollback;
