-- The seeded ranges name real numeric columns of versioned core tables, with
-- a unit each; scale checks only on percent and fraction metrics; the
-- metrics the product promises have a range.
begin;
\ir ../helpers/fixtures.psql
select plan(4);

select is_empty(
    $$ select r."table", r."column" from ops.metric_range as r
       where not exists (
           select 1 from pg_attribute as a
           where a.attrelid = to_regclass(r."table") and a.attname = r."column" and not a.attisdropped
               and a.atttypid in ('numeric'::regtype, 'bigint'::regtype, 'integer'::regtype)
       ) or to_regclass(r."table" || '_current') is null $$,
    'every range names a numeric column of a versioned core table'
);
select is_empty(
    $$ select "table", "column" from ops.metric_range where scale_check and unit not in ('percent', 'fraction') $$,
    'only percent and fraction metrics are scale-checked'
);
select set_has(
    $$ select "table" || '.' || "column" from ops.metric_range $$,
    $$ values ('core.equity_ratios.price_to_earnings_ratio'), ('core.equity_ratios.price_to_book_ratio'),
        ('core.equity_ratios.price_to_sales_ratio'), ('core.equity_ratios.enterprise_value_multiple'),
        ('core.equity_ratios.net_profit_margin'), ('core.equity_ratios.return_on_equity'),
        ('core.equity_key_metrics.return_on_invested_capital'), ('core.equity_ratios.dividend_yield'),
        ('core.equity_ratios.payout_ratio'), ('core.equity_ratios.debt_to_equity_ratio'),
        ('core.equity_ratios.interest_coverage_ratio'), ('core.equity_profile.beta'),
        ('core.market_and_sector_quotes.year_high'), ('core.market_and_sector_quotes.year_low'),
        ('core.equity_quotes.volume'), ('core.equity_profile.market_cap') $$,
    'valuation, margins, returns, yields, payout, leverage, coverage, beta, 52-week range, volume and market cap have ranges'
);
select is_empty(
    $$ select distinct r."table" from ops.metric_range as r
       where r.scale_check and not exists (
           select 1 from pg_attribute as a where a.attrelid = to_regclass(r."table") and a.attname = 'correction_id') $$,
    'every scale-checked table carries the correction lineage column'
);

select * from finish();
rollback;
