-- The latest-price views carry the continuity rule (ops.is_stale,
-- docs/CONTINUITY.md): as_of_date is the row's price or NAV date; is_stale
-- is true when it is more than 2 NYSE sessions (stale_after_sessions) behind
-- the last completed session, for a fund more than its cadence plus 2.
-- Dates are placed by counting sessions back from the last completed
-- session in the calendar, so the test holds on any day it runs.
begin;
\ir ../helpers/fixtures.psql
\ir ../fmp/fmp_fixtures.psql
select plan(10);

-- the NYSE session n sessions before the last completed one
create function tests.session_back(n integer) returns date language sql stable as $$
    select c.date from core.exchange_calendar as c
    where c.exchange = 'NYSE' and c.is_open and c.date <= core.last_completed_session('NYSE')
    order by c.date desc offset n limit 1
$$;

-- Setup: FRESH at the last session, EDGE 2 sessions behind (allowed), OLD 3 behind;
-- an ETF 10 behind; a daily fund 10 behind, a monthly fund (override 21) 10 behind
select tests.land_fmp('fmp.equity_price', '/stable/historical-price-eod/full', '{"symbol": "FRESH"}', jsonb_build_array(
    jsonb_build_object('symbol', 'FRESH', 'date', tests.session_back(0), 'close', 10, 'volume', 1),
    jsonb_build_object('symbol', 'EDGE', 'date', tests.session_back(2), 'close', 10, 'volume', 1),
    jsonb_build_object('symbol', 'OLD', 'date', tests.session_back(3), 'close', 10, 'volume', 1)));
select tests.land_fmp('fmp.etf_price', '/stable/historical-price-eod/full', '{"symbol": "ETFX"}', jsonb_build_array(
    jsonb_build_object('symbol', 'ETFX', 'date', tests.session_back(10), 'close', 10, 'volume', 1)));
select tests.land('fundata.quotes', jsonb_build_array(
    jsonb_build_object('InstrumentKey', 'DAILY', 'Date', tests.session_back(10), 'NAVPS', '5.00'),
    jsonb_build_object('InstrumentKey', 'MONTHLY', 'Date', tests.session_back(10), 'NAVPS', '5.00')), 'stale-quotes.csv');
insert into ops.fund_cadence_override (identifier, cadence_sessions, reason) values ('MONTHLY', 21, 'prices monthly');
select tests.land_fmp('fmp.profile', '/stable/profile', '{"symbol": "OLD"}',
    '[{"symbol": "OLD", "companyName": "Old Inc.", "currency": "USD"}, {"symbol": "NOPX", "companyName": "No Prices", "currency": "USD"}]');
select ops.run_transforms();
select * from agg.refresh();

-- Test
select results_eq(
    $$ select symbol collate "default", as_of_date = date, is_stale from api.equity_latest_price order by symbol $$,
    $$ values ('EDGE'::text, true, false), ('FRESH', true, false), ('OLD', true, true) $$,
    'equities: as_of_date is the price date; fresh and 2 sessions behind are not stale, 3 behind is'
);
select is((select as_of_date from api.equity_latest_price where symbol = 'OLD'), tests.session_back(3), 'as_of_date of OLD is its price date');
select is((select is_stale from api.etf_latest_price where symbol = 'ETFX'), true, 'an ETF 10 sessions behind is stale');
select is((select is_stale from api.fund_latest_nav where identifier = 'DAILY'), true,
    'a daily fund 10 sessions behind is stale (cadence 1 + 2)');
select is((select is_stale from api.fund_latest_nav where identifier = 'MONTHLY'), false,
    'a monthly fund 10 sessions behind is not (cadence 21 + 2)');
select is((select as_of_date from api.fund_latest_nav where identifier = 'MONTHLY'), tests.session_back(10), 'as_of_date of a fund is its NAV date');
select results_eq(
    $$ select symbol collate "default", is_stale from api.latest_company_metrics order by symbol $$,
    $$ values ('NOPX'::text, null::boolean), ('OLD', true) $$,
    'api.latest_company_metrics: the performance group''s is_stale; NULL without prices'
);
-- the same rule as the freshness view once detection has run
select ops.detect_gaps();
select is_empty(
    $$ select f.key from api.security_freshness as f
       join api.equity_latest_price as p on p.symbol = f.key
       where f.kind = 'equity' and f.is_stale is distinct from p.is_stale $$,
    'the equities'' is_stale equals api.security_freshness'' after gap detection'
);
select is_empty(
    $$ select f.key from api.security_freshness as f
       join api.fund_latest_nav as p on p.identifier = f.key
       where f.kind = 'fund' and f.is_stale is distinct from p.is_stale $$,
    'and so does the funds'''
);
-- a stricter setting applies to every view at once
update ops.setting set value = '1' where name = 'stale_after_sessions';
select is((select is_stale from api.equity_latest_price where symbol = 'EDGE'), true, 'with stale_after_sessions 1, EDGE is stale');

select * from finish();
rollback;
-- the rolled-back rows of this year's partitions leave pages behind, and the
-- plan tests (tests/sql/versions) take a partition with pages for one with
-- data: give them back (VACUUM truncates the empty pages)
vacuum core.equity_quotes, core.equity_quotes_current, core.etfs_quotes, core.etfs_quotes_current,
    core.fundata_quotes, core.fundata_quotes_current;
