-- The fund views keep the grain their names promise over a load with
-- versions, arrays and many days: api.fund one row per identifier (latest
-- version), api.fund_nav one per identifier and date (latest version),
-- api.fund_latest_nav one per identifier (its latest date), api.fund_history
-- one per identifier, version and array element.
begin;
\ir ../helpers/fixtures.psql
select plan(12);

-- Setup: 20 instruments x 30 days from a CSV seed, then API corrections, arrays and a new fund
select tests.land(
    'fundata.quotes',
    (
        select jsonb_agg(jsonb_build_object(
            'InstrumentKey', (1000 + i)::text, 'Date', (date '2024-01-01' + d)::text,
            'NAVPS', (10 + i + d / 100.0)::text
        ))
        from generate_series(1, 20) as i cross join generate_series(0, 29) as d
    ),
    'FundDailyNAVPSSeed.csv'
);
select tests.land(
    'fundata.data',
    (
        select jsonb_agg(jsonb_build_object('InstrumentKey', (1000 + i)::text, 'LegalName', 'Fund ' || i, 'MER', '1.5'))
        from generate_series(1, 20) as i
    ),
    'FundGeneralSeed.csv'
);
select * from ops.run_transforms();
select tests.land(
    'fundata.fund_daily_navps',
    (
        select jsonb_agg(jsonb_build_object(
            'InstrumentKey', (1000 + i)::text, 'Date', (date '2024-01-01' + d)::text,
            'NAVPS', (20 + i + d / 100.0)::text
        ))
        from generate_series(1, 5) as i cross join generate_series(25, 30) as d
    ),
    'getdailynavps.csv', 'api', 'csv_row'
);
select tests.land('fundata.fund_general', '[{"identifier": "1001", "name": "Fund 1 (renamed)", "holdings": ["AAPL", "MSFT"], "sectors": ["Tech"]}]', 'fund-1001.json', 'api');
select tests.land('fundata.fund_daily_navps', '[{"identifier": "1002", "date": "2024-02-15", "nav": 30, "holdings": ["AAPL", "MSFT"]}]', 'nav-1002.json', 'api');
select * from ops.run_transforms();

-- Test
select is_empty(
    $$ select identifier from api.fund group by identifier having count(*) > 1 $$,
    'api.fund: no identifier appears twice'
);
select set_eq(
    $$ select identifier, data_version from api.fund $$,
    $$ select identifier, max(data_version) from core.fundata_data group by identifier $$,
    'api.fund: one row per identifier in core, at its latest version'
);
select results_eq(
    $$ select legal_name, data_version from api.fund where identifier = '1001' $$,
    $$ values ('Fund 1 (renamed)'::text, 2) $$,
    'api.fund shows the renamed fund at version 2, once despite its arrays'
);
select is_empty(
    $$ select identifier, date from api.fund_nav group by identifier, date having count(*) > 1 $$,
    'api.fund_nav: no (identifier, date) appears twice'
);
select set_eq(
    $$ select identifier, date, data_version from api.fund_nav $$,
    $$ select identifier, date, max(data_version) from core.fundata_quotes group by identifier, date $$,
    'api.fund_nav: one row per identifier and date in core, at its latest version'
);
select is(
    (select count(*)::integer from api.fund_nav),
    20 * 30 + 5 + 1,
    'api.fund_nav: 600 seeded days, 5 new days from the API and one from a JSON document'
);
select is_empty(
    $$ select identifier from api.fund_latest_nav group by identifier having count(*) > 1 $$,
    'api.fund_latest_nav: no identifier appears twice'
);
select set_eq(
    $$ select identifier, nav_date, navps from api.fund_latest_nav $$,
    $$
    select n.identifier, n.date, n.navps
    from api.fund_nav as n
    where n.date = (select max(m.date) from api.fund_nav as m where m.identifier = n.identifier)
    $$,
    'api.fund_latest_nav: each identifier''s latest date with that day''s latest NAVPS'
);
select results_eq(
    $$ select nav_date, navps, data_version from api.fund_latest_nav where identifier = '1003' $$,
    $$ values (date '2024-01-31', 23.30::numeric(12, 2), 1) $$,
    'api.fund_latest_nav: a day that only the API delivered is the latest'
);
select is_empty(
    $$
    select identifier, data_version, array_source_field, array_element_index
    from api.fund_history
    group by identifier, data_version, array_source_field, array_element_index
    having count(*) > 1
    $$,
    'api.fund_history: no (identifier, version, array element) appears twice'
);
select is(
    (select count(*)::integer from api.fund_history),
    (select count(*)::integer from core.fundata_data),
    'api.fund_history: every row of core.fundata_data'
);
select is_empty(
    $$
    select identifier from api.fund_history
    group by identifier
    having count(distinct data_version) filter (where is_latest) <> 1
        or max(data_version) filter (where is_latest) <> max(data_version)
    $$,
    'api.fund_history: exactly the latest version of each identifier is marked is_latest'
);

select * from finish();
rollback;
