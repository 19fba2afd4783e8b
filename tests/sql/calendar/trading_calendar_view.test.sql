-- api.trading_calendar is the calendar's client contract: its columns and
-- types, readable by sra_reader while the core table is not (docs/CALENDAR.md).
begin;
\ir ../helpers/fixtures.psql
select plan(5);

-- Test
select columns_are('api', 'trading_calendar', array['exchange', 'date', 'is_open', 'early_close'], 'api.trading_calendar keeps its columns');
select results_eq(
    $$ select format_type(a.atttypid, a.atttypmod) from pg_attribute as a
       where a.attrelid = 'api.trading_calendar'::regclass and a.attnum > 0 order by a.attnum $$,
    $$ values ('text'), ('date'), ('boolean'), ('time without time zone') $$,
    'and their types'
);
select ok(has_table_privilege('sra_reader', 'api.trading_calendar', 'select'), 'sra_reader reads api.trading_calendar');
select ok(not has_table_privilege('sra_reader', 'core.exchange_calendar', 'select'), 'sra_reader does not read core.exchange_calendar');
select matches(col_description('api.trading_calendar'::regclass, 4), 'New York local close time', 'early_close states its convention');

select * from finish();
rollback;
