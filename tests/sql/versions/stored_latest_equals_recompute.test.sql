-- The stored latest (core.<table>_current, kept by core.write_versions) equals
-- a recompute from history - per key, the version newest by vendor_as_of, then
-- batch, then line - after a sequence of loads whose as-of dates go forward,
-- backward and tie; the newest NAVPS date per fund
-- (core.fundata_quotes_current_date) equals the newest date of the stored
-- latest; and a rebuild from raw (sra transform --rebuild) reproduces the
-- same current tables.
begin;
\ir ../helpers/fixtures.psql
\ir ../fmp/fmp_fixtures.psql
select plan(12);

-- Setup: six loads, each transformed before the next (the fourth and fifth together)
create function tests.load(k integer) returns void language plpgsql as $f$
begin
    -- NAVPS: 20 funds x 10 days, a day left out now and then, ChangeDates that
    -- go forward, backward and tie from load to load
    perform tests.land('fundata.quotes', (
        select jsonb_agg(jsonb_build_object(
            'InstrumentKey', 'F' || f,
            'Date', (date '2024-01-01' + d)::text,
            'NAVPS', (10 + ((f * d * k) % 7) / 10.0)::text,
            'ChangeDate', (date '2024-02-01' + (f + d * k) % 5)::text
        ) order by f, d)
        from generate_series(1, 20) as f
        cross join generate_series(1, 10) as d
        where (f + d + k) % 3 <> 0
    ), format('quotes-%s.csv', k));
    -- reference data: a name per load, ChangeDates back and forth
    perform tests.land('fundata.data', (
        select jsonb_agg(jsonb_build_object(
            'InstrumentKey', 'F' || f,
            'LegalName', format('Fund %s (%s)', f, (f * k) % 4),
            'Company', 'Company ' || (f % 3),
            'ChangeDate', (date '2024-03-01' + (f * k) % 3)::text
        ) order by f)
        from generate_series(1, 20) as f
    ), format('data-%s.csv', k));
    -- the API: assets
    perform tests.land('fundata.fund_assets', (
        select jsonb_agg(jsonb_build_object(
            'InstrumentKey', 'F' || f,
            'AssetsDate', '2023-12-31',
            'TotalNetAssets', (1000 + (f * k) % 5)::text,
            'ChangeDate', (date '2024-01-10' + (f + k) % 4)::text
        ) order by f)
        from generate_series(1, 20) as f
    ), format('assets-%s.csv', k), 'api', 'csv_row');
    -- FMP: statements with acceptedDates back and forth
    perform tests.land_fmp('fmp.income_statement', '/stable/income-statement',
        jsonb_build_object('symbol', 'S' || s, 'period', 'annual'), (
            select jsonb_agg(jsonb_build_object(
                'date', (date '2020-09-30' + 365 * y)::text, 'symbol', 'S' || s, 'period', 'FY',
                'acceptedDate', format('2024-0%s-01 18:00:00', 1 + (s + y * k) % 4),
                'revenue', 1000 + (s * y * k) % 6
            ) order by y)
            from generate_series(0, 3) as y
        ))
    from generate_series(1, 5) as s;
end
$f$;
select tests.load(1);
select count(*) from ops.run_transforms();
select tests.load(2);
select count(*) from ops.run_transforms();
select tests.load(3);
select count(*) from ops.run_transforms();
select tests.load(4);
select tests.load(5);
select count(*) from ops.run_transforms();
select tests.load(6);
select count(*) from ops.run_transforms();

-- Test: the sequence made versions, and stale ones among them
select cmp_ok(
    (select count(*) from core.fundata_quotes where data_version > 1), '>', 100::bigint,
    'the loads made later versions of many NAVPS days'
);
select cmp_ok(
    (select count(*) from core.fundata_quotes_current as c
     where c.data_version < (select max(q.data_version) from core.fundata_quotes as q where q.identifier = c.identifier and q.date = c.date)),
    '>', 10::bigint,
    'for some days the latest is not the newest arrival (an older ChangeDate arrived later)'
);

-- Test: stored latest = recompute from history
select set_eq(
    $$ select identifier, date, data_version, vendor_as_of, batch_id, line from core.fundata_quotes_current $$,
    $$ select distinct on (identifier, date) identifier, date, data_version, vendor_as_of, batch_id, batch_line
       from core.fundata_quotes order by identifier, date, vendor_as_of desc, batch_id desc, batch_line desc $$,
    'core.fundata_quotes_current equals the recompute from history'
);
select set_eq(
    $$ select identifier, data_version, vendor_as_of, batch_id, line from core.fundata_data_current $$,
    $$ select distinct on (identifier) identifier, data_version, vendor_as_of, batch_id, batch_line
       from core.fundata_data order by identifier, vendor_as_of desc, batch_id desc, batch_line desc $$,
    'core.fundata_data_current equals the recompute from history'
);
select set_eq(
    $$ select identifier, assets_date, data_version, vendor_as_of, batch_id, line from core.fundata_assets_current $$,
    $$ select distinct on (identifier, assets_date) identifier, assets_date, data_version, vendor_as_of, batch_id, batch_line
       from core.fundata_assets order by identifier, assets_date, vendor_as_of desc, batch_id desc, batch_line desc $$,
    'core.fundata_assets_current equals the recompute from history'
);
select set_eq(
    $$ select symbol, period, date, data_version, vendor_as_of, batch_id, line from core.equity_income_current $$,
    $$ select distinct on (symbol, period, date) symbol, period, date, data_version, vendor_as_of, batch_id, batch_line
       from core.equity_income order by symbol, period, date, vendor_as_of desc, batch_id desc, batch_line desc, batch_elem desc $$,
    'core.equity_income_current equals the recompute from history'
);
select set_eq(
    $$ select identifier, date from core.fundata_quotes_current_date $$,
    $$ select identifier, max(date) from core.fundata_quotes_current group by identifier $$,
    'core.fundata_quotes_current_date holds the newest date of each fund'
);
select set_eq(
    $$ select identifier, nav_date, navps, data_version from api.fund_latest_nav $$,
    $$ select distinct on (q.identifier) q.identifier, q.date, q.navps, q.data_version
       from core.fundata_quotes as q
       order by q.identifier, q.date desc, q.vendor_as_of desc, q.batch_id desc, q.batch_line desc $$,
    'api.fund_latest_nav equals the recompute from history'
);

-- Test: a rebuild from raw reproduces the current tables
create temp table before_quotes on commit drop as select * from core.fundata_quotes_current;
create temp table before_dates on commit drop as select * from core.fundata_quotes_current_date;
create temp table before_data on commit drop as select * from core.fundata_data_current;
create temp table before_income on commit drop as select * from core.equity_income_current;
select count(*) from ops.rebuild_transform('fundata_quotes');
select count(*) from ops.rebuild_transform('fundata_data');
select count(*) from ops.rebuild_transform('equity_income');
select set_eq($$ select * from core.fundata_quotes_current $$, $$ select * from before_quotes $$,
    'a rebuild reproduces core.fundata_quotes_current');
select set_eq($$ select * from core.fundata_quotes_current_date $$, $$ select * from before_dates $$,
    'a rebuild reproduces core.fundata_quotes_current_date');
select set_eq($$ select * from core.fundata_data_current $$, $$ select * from before_data $$,
    'a rebuild reproduces core.fundata_data_current');
select set_eq($$ select * from core.equity_income_current $$, $$ select * from before_income $$,
    'a rebuild reproduces core.equity_income_current');

select * from finish();
rollback;
