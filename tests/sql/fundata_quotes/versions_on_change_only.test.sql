-- Versions of core.fundata_quotes per (identifier, date): a CSV seed gives
-- version 1 (data_source CSV); an identical reload adds nothing; a changed row
-- adds version 2 (data_source API when it came from the API) and leaves
-- version 1 untouched; the api views show the latest version (docs/ARCHITECTURE.md §4).
begin;
\ir ../helpers/fixtures.psql
select plan(18);

-- Setup: the seed
select tests.land('fundata.quotes', $$[
    {"RecordId": "26177", "InstrumentKey": "4095", "Date": "2024-01-15", "NAVPS": "11.58290000", "PreviousDate": "2024-01-14", "PreviousNAVPS": "11.58270000", "RecordState": "Active"},
    {"RecordId": "26178", "InstrumentKey": "4095", "Date": "2024-01-16", "NAVPS": "11.60000000", "PreviousDate": "2024-01-15", "PreviousNAVPS": "11.58290000", "RecordState": "Active"},
    {"RecordId": "30001", "InstrumentKey": "412682", "Date": "2024-01-15", "NAVPS": "10.00000000", "PreviousDate": "2024-01-14", "PreviousNAVPS": "10.00000000", "RecordState": "Active"}
]$$, 'FundDailyNAVPSSeed.csv');
select * from ops.run_transform('fundata_quotes');
create temp table version_1 on commit drop as select * from core.fundata_quotes;

-- Test
select results_eq(
    $$
    select identifier collate "default", date, navps, data_version, data_source, source_file, batch_line
    from core.fundata_quotes order by identifier, date
    $$,
    $$
    values
        ('4095'::text, date '2024-01-15', 11.58::numeric(12, 2), 1, 'CSV'::text, 'FundDailyNAVPSSeed.csv'::text, 2),
        ('4095', date '2024-01-16', 11.60, 1, 'CSV', 'FundDailyNAVPSSeed.csv', 3),
        ('412682', date '2024-01-15', 10.00, 1, 'CSV', 'FundDailyNAVPSSeed.csv', 4)
    $$,
    'the CSV seed gives version 1 of every row, data_source CSV, with its file and line'
);
select is_empty(
    $$
    select q.identifier, q.date
    from core.fundata_quotes as q
    join raw.batch as b on b.batch_id = q.batch_id
    where b.file_name <> 'FundDailyNAVPSSeed.csv' or q.updated_at <> b.landed_at
    $$,
    'each row points at its batch, and updated_at is the batch''s landing time'
);

-- an identical reload (the same rows in another file)
select tests.land('fundata.quotes', (select jsonb_agg(r.payload order by r.line) from raw.record as r where r.batch_id = tests.batch('FundDailyNAVPSSeed.csv')), 'FundDailyNAVPSSeed-copy.csv');
select results_eq(
    $$ select batches, rows_in, rows_out from ops.run_transform('fundata_quotes') $$,
    $$ values (1, 3::bigint, 0::bigint) $$,
    'an identical reload consumes its batch and writes nothing'
);
select set_eq(
    $$ select * from core.fundata_quotes $$,
    $$ select * from version_1 $$,
    'after an identical reload core.fundata_quotes is exactly what it was'
);

-- a changed row for 4095 on 2024-01-15, through the API
select tests.land('fundata.fund_daily_navps', $$[
    {"RecordId": "26177", "InstrumentKey": "4095", "Date": "2024-01-15", "NAVPS": "11.70000000", "PreviousDate": "2024-01-14", "PreviousNAVPS": "11.58270000", "RecordState": "Active"},
    {"RecordId": "26178", "InstrumentKey": "4095", "Date": "2024-01-16", "NAVPS": "11.60000000", "PreviousDate": "2024-01-15", "PreviousNAVPS": "11.58290000", "RecordState": "Active"}
]$$, 'getdailynavps-2024-01-17.csv', 'api', 'csv_row');
select results_eq(
    $$ select batches, rows_in, rows_out from ops.run_transform('fundata_quotes') $$,
    $$ values (1, 2::bigint, 1::bigint) $$,
    'the API batch with one changed row writes one row'
);
select results_eq(
    $$
    select identifier collate "default", date, navps, data_version, data_source
    from core.fundata_quotes where data_version > 1
    $$,
    $$ values ('4095'::text, date '2024-01-15', 11.70::numeric(12, 2), 2, 'API'::text) $$,
    'the changed row is version 2 of its (identifier, date), data_source API; the unchanged ones got no new version'
);
select set_eq(
    $$ select * from core.fundata_quotes where data_version = 1 $$,
    $$ select * from version_1 $$,
    'version 1 is untouched: every column of every version-1 row is as it was'
);
select results_eq(
    $$ select identifier collate "default", date, navps, data_version, data_source from api.fund_nav order by identifier, date $$,
    $$
    values
        ('4095'::text, date '2024-01-15', 11.70::numeric(12, 2), 2, 'API'::text),
        ('4095', date '2024-01-16', 11.60, 1, 'CSV'),
        ('412682', date '2024-01-15', 10.00, 1, 'CSV')
    $$,
    'api.fund_nav shows the latest version of each day'
);
select results_eq(
    $$ select identifier collate "default", nav_date, navps, data_version from api.fund_latest_nav order by identifier $$,
    $$ values ('4095'::text, date '2024-01-16', 11.60::numeric(12, 2), 1), ('412682', date '2024-01-15', 10.00, 1) $$,
    'api.fund_latest_nav shows each identifier''s latest day'
);
select results_eq(
    $$ select data_version, navps from core.fundata_quotes where identifier = '4095' and date = '2024-01-15' order by data_version $$,
    $$ values (1, 11.58::numeric(12, 2)), (2, 11.70) $$,
    'both versions of the changed day stay queryable'
);
select is(
    (
        select q.updated_at = b.landed_at and q.updated_at > (select v.updated_at from version_1 as v where v.identifier = '4095' and v.date = '2024-01-15')
        from core.fundata_quotes as q
        join raw.batch as b on b.batch_id = q.batch_id
        where q.identifier = '4095' and q.date = '2024-01-15' and q.data_version = 2
    ),
    true,
    'version 2''s updated_at is its own batch''s landing time, later than version 1''s'
);

-- back to the original value: that is a change from version 2
select tests.land('fundata.quotes', $$[
    {"RecordId": "26177", "InstrumentKey": "4095", "Date": "2024-01-15", "NAVPS": "11.58290000", "PreviousDate": "2024-01-14", "PreviousNAVPS": "11.58270000", "RecordState": "Active"}
]$$, 'revert.csv');
select * from ops.run_transform('fundata_quotes');
select results_eq(
    $$ select data_version, navps from core.fundata_quotes where identifier = '4095' and date = '2024-01-15' order by data_version $$,
    $$ values (1, 11.58::numeric(12, 2)), (2, 11.70), (3, 11.58) $$,
    'returning to an earlier value is compared with the latest version: it is version 3'
);

-- two pending batches changing the same day, consumed by one run
select tests.land('fundata.quotes', $$[{"InstrumentKey": "412682", "Date": "2024-01-15", "NAVPS": "10.10"}]$$, 'first.csv');
select tests.land('fundata.quotes', $$[{"InstrumentKey": "412682", "Date": "2024-01-15", "NAVPS": "10.20"}]$$, 'second.csv');
select tests.land('fundata.quotes', $$[{"InstrumentKey": "412682", "Date": "2024-01-15", "NAVPS": "10.20"}]$$, 'third.csv');
select results_eq(
    $$ select batches, rows_out from ops.run_transform('fundata_quotes') $$,
    $$ values (3, 2::bigint) $$,
    'one run over three pending batches writes the two changes'
);
select results_eq(
    $$
    select q.data_version, q.navps, b.file_name
    from core.fundata_quotes as q
    join raw.batch as b on b.batch_id = q.batch_id
    where q.identifier = '412682'
    order by q.data_version
    $$,
    $$ values (1, 10.00::numeric(12, 2), 'FundDailyNAVPSSeed.csv'::text), (2, 10.10, 'first.csv'), (3, 10.20, 'second.csv') $$,
    'batches consumed together are versioned in landing order; the unchanged third adds nothing'
);
select is_empty(
    $$
    select identifier, date, data_version
    from core.fundata_quotes
    group by identifier, date, data_version
    having count(*) > 1
    $$,
    'one row per identifier, date and version (no arrays here)'
);
select is_empty(
    $$
    select identifier, date
    from core.fundata_quotes
    group by identifier, date
    having max(data_version) <> count(distinct data_version)
    $$,
    'versions of each (identifier, date) are numbered 1..n without gaps'
);
select is(
    (select data_version from api.fund_nav where identifier = '412682'),
    3,
    'api.fund_nav shows the latest of the versions written in one run'
);
select results_eq(
    $$ select data_source, count(*)::integer from core.fundata_quotes group by data_source order by data_source $$,
    $$ values ('API'::text, 1), ('CSV', 6) $$,
    'only the row from the API batch has data_source API'
);

select * from finish();
rollback;
