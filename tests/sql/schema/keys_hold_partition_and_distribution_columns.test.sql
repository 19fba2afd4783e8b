-- The path to Citus and time partitioning stay open (docs/SCALING.md):
-- every unique key and primary key of every distributed-candidate core table
-- (the list of docs/SCALING.md, "Distribution") includes its distribution
-- column, and every partitioned table's keys include its partition column.
begin;
\ir ../helpers/fixtures.psql
select plan(7);

-- Setup: the distributed tables of docs/SCALING.md, by their distribution
-- column; each brings its stored latest (<table>_current) and, for the daily
-- prices, the newest date per key (<table>_current_date)
create temp table distributed (base text, dist text);
insert into distributed
select t, 'identifier' from unnest(array[
    'fundata_data', 'fundata_quotes', 'fundata_assets', 'fundata_distributions', 'fundata_expenses',
    'fundata_performance_summary', 'fundata_top_holdings', 'fundata_allocations', 'fundata_yearly_performance',
    'fundata_loads', 'fundata_other_fees', 'fundata_trailer_schedules', 'fundata_associated_benchmarks',
    'fundata_equity_style', 'fundata_fixed_income_style', 'fundata_advanced_performance',
    'fundata_yearly_performance_ranking', 'fundata_yearly_performance_risk', 'fundata_instrument_identifiers'
]) as t
union all
select t, 'symbol' from unnest(array[
    'equity_profile', 'equity_quotes', 'equity_income', 'equity_balance', 'equity_cash_flow', 'equity_ratios',
    'equity_key_metrics', 'equity_income_growth', 'equity_balance_growth', 'equity_cashflow_growth',
    'equity_financial_growth', 'equity_financial_scores', 'equity_peers', 'etfs_profile', 'etfs_quotes',
    'etfs_holdings', 'etfs_country_weightings', 'etfs_peers', 'market_and_sector_quotes',
    'equity_dividend', 'equity_split', 'etfs_dividend', 'etfs_split'
]) as t;
create temp table candidate as
select c.oid::regclass as tbl, d.dist
from distributed as d
join pg_class as c on c.relnamespace = 'core'::regnamespace
    and c.relname in (d.base, d.base || '_current', d.base || '_current_date');
create temp table unique_key as
select k.conrelid::regclass as tbl, k.conname,
    array(select a.attname::text from unnest(k.conkey) as u (n) join pg_attribute as a on a.attrelid = k.conrelid and a.attnum = u.n) as cols
from pg_constraint as k
join pg_class as c on c.oid = k.conrelid
where k.contype in ('p', 'u') and c.relnamespace = 'core'::regnamespace;

-- Test
select is(
    (select count(*)::integer from candidate),
    (select count(*)::integer * 2 from distributed) + 3,
    'every table of the list exists with its stored latest, and the three daily-price tables with their newest date per key'
);
select is_empty(
    $$ select c.relname::text
       from pg_class as c
       where c.relnamespace = 'core'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
           and exists (select 1 from pg_attribute as a where a.attrelid = c.oid and a.attname in ('identifier', 'symbol') and not a.attisdropped)
           and exists (select 1 from pg_constraint as k
                       where k.conname in (c.relname || '_version_uq', regexp_replace(c.relname, '_current(_date)?$', '') || '_version_uq'))
           and c.oid not in (select tbl from candidate) $$,
    'every versioned core table keyed by identifier or symbol (and its stored latest) is in the list: a new one must be placed'
);
select is_empty(
    $$ select c.tbl::text from candidate as c where not exists (select 1 from unique_key as u where u.tbl = c.tbl) $$,
    'every distributed candidate has a unique or primary key'
);
select is_empty(
    $$ select u.tbl::text, u.conname from candidate as c join unique_key as u on u.tbl = c.tbl where c.dist <> all (u.cols) $$,
    'every unique or primary key of a distributed candidate includes its distribution column'
);
select is_empty(
    $$ select u.tbl::text, u.conname from candidate as c join unique_key as u on u.tbl = c.tbl where u.cols[1] <> c.dist $$,
    'and leads with it (lookups and joins by key reach one shard)'
);
select set_eq(
    $$ select c.oid::regclass::text from pg_class as c
       where c.relkind = 'p' and not c.relispartition
           and c.relnamespace in ('raw'::regnamespace, 'core'::regnamespace, 'agg'::regnamespace, 'ops'::regnamespace) $$,
    array['core.fundata_quotes', 'core.fundata_quotes_current', 'core.equity_quotes', 'core.equity_quotes_current',
        'core.etfs_quotes', 'core.etfs_quotes_current'],
    'the daily price histories and their stored latest are partitioned'
);
select is_empty(
    $$ select k.conrelid::regclass::text, k.conname
       from pg_constraint as k
       join pg_partitioned_table as p on p.partrelid = k.conrelid
       where k.contype in ('p', 'u')
           and not (p.partattrs::int2[] <@ k.conkey) $$,
    'every unique or primary key of a partitioned table includes its partition column'
);

select * from finish();
rollback;
