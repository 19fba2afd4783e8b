-- Every FMP core table follows the versioning rules: its natural key leads a
-- UNIQUE NULLS NOT DISTINCT version key (key..., data_version,
-- array_source_field, array_element_index) with the symbol first (the
-- distribution key), it carries the lineage columns, it is owned by
-- sra_transformer and marked for CLUSTER on that key.
begin;
\ir ../../helpers/fixtures.psql
select plan(7);

-- Setup
create temp table fmp_table (name text, natural_key text[]) on commit drop;
insert into fmp_table values
    ('equity_profile', '{symbol}'), ('equity_quotes', '{symbol,date}'),
    ('equity_income', '{symbol,period,date}'), ('equity_balance', '{symbol,period,date}'), ('equity_cash_flow', '{symbol,period,date}'),
    ('equity_ratios', '{symbol,period,date}'), ('equity_key_metrics', '{symbol,period,date}'), ('equity_financial_scores', '{symbol}'),
    ('equity_income_growth', '{symbol,period,date}'), ('equity_balance_growth', '{symbol,period,date}'),
    ('equity_cashflow_growth', '{symbol,period,date}'), ('equity_financial_growth', '{symbol,period,date}'),
    ('equity_peers', '{symbol}'), ('etfs_profile', '{symbol}'), ('etfs_quotes', '{symbol,date}'),
    ('etfs_holdings', '{symbol,holding_key}'), ('etfs_country_weightings', '{symbol,country}'), ('etfs_peers', '{symbol}'),
    ('market_and_sector_quotes', '{symbol,date}'), ('treasury', '{date}');
create temp view fmp_version_key as
select t.name, i.indnullsnotdistinct, i.indisclustered,
    -- the key columns (INCLUDE columns follow them in indkey)
    array(select a.attname::text from unnest(i.indkey) with ordinality as k (attnum, o)
          join pg_attribute as a on a.attrelid = i.indrelid and a.attnum = k.attnum
          where k.o <= i.indnkeyatts order by k.o) as columns
from fmp_table as t
join pg_constraint as c on c.conrelid = format('core.%I', t.name)::regclass and c.contype = 'u'
join pg_index as i on i.indexrelid = c.conindid;

-- Test
select is(
    (select count(*)::integer from fmp_table where to_regclass('core.' || name) is not null),
    20,
    'the 20 FMP tables of the seed''s schema exist in core'
);
select set_eq(
    $$ select name, columns from fmp_version_key $$,
    $$ select name, natural_key || array['data_version', 'array_source_field', 'array_element_index'] from fmp_table $$,
    'each table''s unique key is its natural key, data_version and the array columns'
);
select is_empty(
    $$ select name from fmp_version_key where not indnullsnotdistinct $$,
    'every version key treats NULLs as equal (NULLS NOT DISTINCT)'
);
select is_empty(
    $$ select name from fmp_table where name <> 'treasury' and natural_key[1] <> 'symbol' $$,
    'every table but the treasury curve leads its key with symbol, the distribution key'
);
select is_empty(
    $$
    select t.name, l.col
    from fmp_table as t
    cross join unnest(array['array_source_field', 'array_element_index', 'array_element_value', 'data_source', 'source_file',
        'api_version', 'data_version', 'content_hash', 'processed_at', 'updated_at', 'batch_id', 'batch_line', 'batch_elem']) as l (col)
    where not exists (
        select 1 from pg_attribute as a
        where a.attrelid = format('core.%I', t.name)::regclass and a.attname = l.col and not a.attisdropped
    )
    $$,
    'every table has the lineage and version columns, batch_elem included'
);
select is_empty(
    $$
    select t.name from fmp_table as t
    join pg_attribute as a on a.attrelid = format('core.%I', t.name)::regclass and a.attname = 'raw_json' and not a.attisdropped
    union all
    select t.name from fmp_table as t
    where not exists (
        select 1 from pg_attribute as a
        where a.attrelid = format('core.%I', t.name || '_latest')::regclass and a.attname = 'raw_json'
    )
    $$,
    'no table keeps a copy of its record (raw_json); every _latest view serves it from raw.record'
);
select is_empty(
    $$
    select t.name from fmp_table as t join pg_class as c on c.oid = format('core.%I', t.name)::regclass
    where c.relowner <> current_user::regrole
        or not (has_table_privilege('sra_transformer', c.oid, 'SELECT') and has_table_privilege('sra_transformer', c.oid, 'INSERT')
            and has_table_privilege('sra_transformer', c.oid, 'UPDATE') and has_table_privilege('sra_transformer', c.oid, 'DELETE'))
    $$,
    'the owner owns every FMP table; sra_transformer reads and writes it'
);

select * from finish();
rollback;
