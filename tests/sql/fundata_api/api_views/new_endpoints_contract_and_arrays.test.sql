-- The ten Fundata API endpoints typed by migrations/1732236200000: each api
-- view states its grain and the unit of every column in comments; every
-- number is numeric(12,2) or a whole-number integer; each table's key is its
-- natural key, then version and array position; and a JSON document with an
-- array explodes into one row per element (docs/ARCHITECTURE.md §4, Arrays)
-- while its view keeps one row per key.
begin;
\ir ../../helpers/fixtures.psql
select plan(24);

-- Setup
create temp table endpoint (table_name text, view_name text, dataset text, keys text[], doc jsonb) on commit drop;
insert into endpoint values
    ('fundata_loads', 'fund_load', 'fundata.fund_load', array['identifier', 'load_type', 'breakpoint_sequence'],
        '{"InstrumentKey": "412682", "RecordId": "9101", "LoadType": "Front End", "Sequence": "1", "BreakpointFrom": "0", "BreakpointTo": "25,000", "BreakpointUnit": "Amount", "LoadPercent": "4.995", "RecordState": "Active", "ChangeDate": "2024-01-16", "Notes": ["first", "second", "third"]}'),
    ('fundata_other_fees', 'fund_other_fees', 'fundata.fund_other_fees', array['identifier', 'fee_type'],
        '{"InstrumentKey": "412682", "RecordId": "9201", "FeeType": "Short-Term Trading", "FeeAmount": "", "FeePercent": "2.005", "Currency": "CAD", "Description": "Redeemed within 30 days", "RecordState": "Active", "ChangeDate": "2024-01-16", "Notes": ["first", "second", "third"]}'),
    ('fundata_trailer_schedules', 'fund_trailer_schedule', 'fundata.fund_trailer_schedule', array['identifier', 'load_type', 'from_year'],
        '{"InstrumentKey": "412682", "RecordId": "9301", "LoadType": "Front End", "FromYear": "1", "ToYear": "", "TrailerFee": "1.0", "RecordState": "Active", "ChangeDate": "2024-01-16", "Notes": ["first", "second", "third"]}'),
    ('fundata_associated_benchmarks', 'fund_associated_benchmark', 'fundata.fund_associated_benchmark', array['identifier', 'benchmark_identifier'],
        '{"InstrumentKey": "412682", "RecordId": "9401", "BenchmarkInstrumentKey": "900001", "BenchmarkName": "S&P/TSX Composite Index TR", "BenchmarkType": "Blended", "Weight": "60.125", "RecordState": "Active", "ChangeDate": "2024-01-16", "Notes": ["first", "second", "third"]}'),
    ('fundata_equity_style', 'fund_equity_style', 'fundata.fund_equity_style', array['identifier'],
        '{"InstrumentKey": "412682", "RecordId": "9501", "StyleDate": "2023-12-31", "MarketCapitalization": "Large", "InvestmentStyle": "Value", "AverageMarketCap": "45,678.905", "PriceToEarnings": "12.345", "PriceToBook": "1.8", "DividendYield": "3.995", "RecordState": "Active", "ChangeDate": "2024-01-16", "Notes": ["first", "second", "third"]}'),
    ('fundata_fixed_income_style', 'fund_fixed_income_style', 'fundata.fund_fixed_income_style', array['identifier'],
        '{"InstrumentKey": "412682", "RecordId": "9601", "StyleDate": "2023-12-31", "CreditQuality": "High", "InterestRateSensitivity": "Medium", "AverageCreditRating": "AA", "AverageDuration": "7.125", "AverageMaturity": "10.5", "AverageCoupon": "3.875", "YieldToMaturity": "4.015", "RecordState": "Active", "ChangeDate": "2024-01-16", "Notes": ["first", "second", "third"]}'),
    ('fundata_advanced_performance', 'fund_advanced_performance', 'fundata.fund_advanced_performance', array['identifier'],
        '{"InstrumentKey": "412682", "RecordId": "9701", "PerformanceAsOfDate": "2023-12-31", "TwoYearReturn": "2.345", "FourYearReturn": "-1.005", "FifteenYearReturn": "6.6666", "TwentyYearReturn": "", "StandardDeviation3Yr": "12.875", "SharpeRatio3Yr": "0.455", "Alpha3Yr": "-0.125", "Beta3Yr": "0.965", "RSquared3Yr": "88.885", "RecordState": "Active", "ChangeDate": "2024-01-16", "Notes": ["first", "second", "third"]}'),
    ('fundata_yearly_performance_ranking', 'fund_yearly_performance_ranking', 'fundata.fund_yearly_performance_ranking', array['identifier', 'performance_year'],
        '{"InstrumentKey": "412682", "RecordId": "9801", "Year": "2023", "Quartile": "1", "Rank": "12", "CategoryCount": "1,204", "Percentile": "2", "RecordState": "Active", "ChangeDate": "2024-01-16", "Notes": ["first", "second", "third"]}'),
    ('fundata_yearly_performance_risk', 'fund_yearly_performance_risk', 'fundata.fund_yearly_performance_risk', array['identifier', 'performance_year'],
        '{"InstrumentKey": "412682", "RecordId": "9901", "Year": "2023", "StandardDeviation": "11.115", "SharpeRatio": "0.805", "MaxDrawdown": "-7.425", "BestMonthReturn": "6.5", "WorstMonthReturn": "-4.445", "RecordState": "Active", "ChangeDate": "2024-01-16", "Notes": ["first", "second", "third"]}'),
    ('fundata_instrument_identifiers', 'instrument_identifiers', 'fundata.instrument_identifiers', array['identifier', 'identifier_type', 'identifier_value'],
        '{"InstrumentKey": "412682", "RecordId": "9951", "IdentifierType": "FundCode", "IdentifierValue": "MDM700", "LoadType": "No Load", "Exchange": "", "RecordState": "Active", "ChangeDate": "2024-01-16", "Notes": ["first", "second", "third"]}');
select tests.land(e.dataset, jsonb_build_array(e.doc), e.dataset || '.json', 'api', 'json') from endpoint as e;
select * from ops.run_transforms();

-- Test
select is_empty(
    $$
    select e.view_name from endpoint as e
    where coalesce(obj_description(format('api.%I', e.view_name)::regclass, 'pg_class'), '') !~ '^One row per identifier'
    $$,
    'every new view''s comment states its grain, starting "One row per identifier"'
);
select is_empty(
    $$
    select e.view_name, a.attname
    from endpoint as e
    join pg_attribute as a on a.attrelid = format('api.%I', e.view_name)::regclass and a.attnum > 0
    where coalesce(col_description(a.attrelid, a.attnum), '') = ''
    $$,
    'every column of the new views has a comment (meaning and unit)'
);
select is_empty(
    $$
    select e.table_name, a.attname, format_type(a.atttypid, a.atttypmod)
    from endpoint as e
    join pg_attribute as a on a.attrelid = format('core.%I', e.table_name)::regclass and a.attnum > 0 and not a.attisdropped
    where format_type(a.atttypid, a.atttypmod) like 'numeric%' and format_type(a.atttypid, a.atttypmod) <> 'numeric(12,2)'
    $$,
    'every number of the new tables is numeric(12,2)'
);
select is_empty(
    $$
    select e.table_name from endpoint as e
    where core.version_key(format('core.%I', e.table_name)::regclass) is distinct from e.keys
        or not exists (select 1 from pg_class where oid = format('core.%I_current', e.table_name)::regclass)
    $$,
    'each table''s version key is its natural key, with a stored latest'
);
select results_eq(
    format($$ select array_source_field, array_element_index, array_element_value from core.%I order by array_element_index $$, e.table_name),
    $$ values ('Notes'::text, 0, 'first'::text), ('Notes', 1, 'second'), ('Notes', 2, 'third') $$,
    format('core.%s: the array of a JSON document explodes into one row per element', e.table_name)
)
from endpoint as e order by e.table_name;
select is(
    n.n,
    1,
    format('api.%s keeps one row per key over the exploded rows', e.view_name)
)
from endpoint as e
cross join lateral (select (xpath('/row/c/text()', query_to_xml(format('select count(*) as c from api.%I', e.view_name), false, true, '')))[1]::text::int as n) as n
order by e.table_name;

-- Finish
select * from finish();
rollback;
