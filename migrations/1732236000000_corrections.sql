-- Up Migration
-- Plausible ranges, scale-error corrections with approval, unit cutovers and
-- the quality score history (docs/CORRECTIONS.md). The functions that use
-- these tables are in transforms/lib/corrections.sql.

-- The plausible range of a typed metric: data, edited without code. A value
-- outside [min, max] (NULL = unbounded) is flagged as a quality issue
-- (rule out_of_range), never dropped. scale_check: a percent or fraction
-- metric whose values can arrive 100x off (docs/CORRECTIONS.md, "Scale").
create table ops.metric_range (
    "table" text not null,
    "column" text not null,
    min numeric,
    max numeric,
    unit text not null check (unit in ('percent', 'fraction', 'ratio', 'currency', 'count')),
    scale_check boolean not null default false,
    note text,
    primary key ("table", "column"),
    check (min is null or max is null or min <= max),
    check (not scale_check or unit in ('percent', 'fraction'))
);
comment on table ops.metric_range is
    'Plausible range per typed metric (docs/CORRECTIONS.md): unit percent (15.5 = 15.5 %), fraction (0.155 = 15.5 %), ratio (a multiple), currency (the row''s currency), count. Out-of-range values are flagged, never dropped.';

-- A proposed correction of one value of one version of one key: never a
-- whole series. Applied only once approved (or by an auto-approve rule), as
-- a new version of the key.
create table ops.correction (
    id bigint generated always as identity primary key,
    "table" text not null,
    key jsonb not null,
    "column" text not null,
    data_version integer not null,
    symbol text,
    batch_id bigint,
    line integer,
    old_value numeric not null,
    new_value numeric not null,
    factor numeric not null,
    reason text not null,
    history_median numeric,
    history_count integer,
    state text not null default 'proposed'
        check (state in ('proposed', 'approved', 'rejected', 'rolled_back', 'auto_approved')),
    proposed_at timestamptz not null default now(),
    decided_at timestamptz,
    decided_by text,
    applied_version integer,
    rolled_back_at timestamptz,
    rolled_back_by text,
    rolled_back_version integer,
    unique ("table", key, "column", data_version)
);
create index correction_state_idx on ops.correction (state, id);
comment on table ops.correction is
    'Scale-error corrections (docs/CORRECTIONS.md): proposed by ops.check_quality(), applied by ops.apply_corrections() as a new version (applied_version, its correction_id), undone by ops.rollback_correction() (rolled_back_version).';

-- Operator rules: auto_approve a class of corrections ("column" '*' = every
-- column of the table). Without a rule nothing is applied unapproved.
create table ops.correction_rule (
    "table" text not null,
    "column" text not null default '*',
    auto_approve boolean not null default false,
    note text,
    primary key ("table", "column")
);

-- A vendor unit change of one field: values whose as-of is before from_date
-- read as value * factor in today's unit (e.g. a fraction that became a
-- percent: factor 100). The range check and the scale detection compare
-- values in today's unit; ops.metric_value_in_unit shows them.
create table ops.unit_cutover (
    "table" text not null,
    "column" text not null,
    from_date date not null,
    factor numeric not null check (factor > 0),
    note text,
    primary key ("table", "column", from_date)
);

-- Which consumed batches ops.check_quality() has looked at (exactly once per batch).
create table ops.quality_check_batch (
    transform_name text not null,
    batch_id bigint not null references raw.batch (batch_id) on delete cascade,
    checked_at timestamptz not null default now(),
    primary key (transform_name, batch_id)
);

-- The quality score history: one row per checked batch, table and symbol,
-- appended by each check. Values are the metric values (columns of
-- ops.metric_range) of the rows the batch wrote.
create table ops.quality_score (
    quality_score_id bigint generated always as identity primary key,
    "table" text not null,
    transform_name text not null,
    batch_id bigint not null,
    symbol text,
    values_checked bigint not null,
    values_passed bigint not null,
    values_untyped bigint not null,
    values_out_of_range bigint not null,
    values_quarantined bigint not null,
    score numeric,
    checked_at timestamptz not null default now()
);
create index quality_score_batch_idx on ops.quality_score (batch_id);
create index quality_score_symbol_idx on ops.quality_score (symbol, "table");

-- the check runs as sra_transformer: it proposes (and auto-approves) corrections, records batches and scores
grant select on ops.metric_range, ops.correction_rule, ops.unit_cutover to sra_transformer;
grant select, insert, update on ops.correction to sra_transformer;
grant select, insert on ops.quality_score to sra_transformer;
-- a rebuild (ops.rebuild_transform) forgets its batches' checks, so they are checked again
grant select, insert, delete on ops.quality_check_batch to sra_transformer;

-- The seed: every typed metric with a plausible range. Units follow the
-- vendor (docs/CORRECTIONS.md, "Units"): FMP's ratios and key metrics give
-- margins, returns, yields and payout as fractions (0.2397 = 23.97 %), the
-- ...Percentage fields and quotes' change percentages as percents, treasury
-- rates in percent.
insert into ops.metric_range ("table", "column", min, max, unit, scale_check, note) values
    -- core.equity_ratios (FMP ratios)
    ('core.equity_ratios', 'gross_profit_margin', -10, 1, 'fraction', true, 'gross profit / revenue'),
    ('core.equity_ratios', 'ebit_margin', -10, 1, 'fraction', true, 'EBIT / revenue'),
    ('core.equity_ratios', 'ebitda_margin', -10, 1, 'fraction', true, 'EBITDA / revenue'),
    ('core.equity_ratios', 'operating_profit_margin', -10, 1, 'fraction', true, 'operating income / revenue'),
    ('core.equity_ratios', 'pretax_profit_margin', -10, 1, 'fraction', true, 'pre-tax income / revenue'),
    ('core.equity_ratios', 'continuous_operations_profit_margin', -10, 1, 'fraction', true, null),
    ('core.equity_ratios', 'net_profit_margin', -10, 1, 'fraction', true, 'net income / revenue'),
    ('core.equity_ratios', 'bottom_line_profit_margin', -10, 1, 'fraction', true, null),
    ('core.equity_ratios', 'effective_tax_rate', -2, 2, 'fraction', true, null),
    ('core.equity_ratios', 'return_on_assets', -2, 2, 'fraction', true, 'ROA'),
    ('core.equity_ratios', 'return_on_equity', -10, 10, 'fraction', true, 'ROE: large when equity is small'),
    ('core.equity_ratios', 'return_on_capital_employed', -5, 5, 'fraction', true, 'ROCE'),
    ('core.equity_ratios', 'payout_ratio', -10, 10, 'fraction', true, 'dividends / net income'),
    ('core.equity_ratios', 'dividend_payout_ratio', -10, 10, 'fraction', true, 'dividends / net income'),
    ('core.equity_ratios', 'dividend_yield', 0, 0.25, 'fraction', true, 'dividend per share / price'),
    ('core.equity_ratios', 'dividend_yield_percentage', 0, 25, 'percent', true, 'the same yield in percent'),
    ('core.equity_ratios', 'current_ratio', 0, 100, 'ratio', false, null),
    ('core.equity_ratios', 'quick_ratio', 0, 100, 'ratio', false, null),
    ('core.equity_ratios', 'cash_ratio', 0, 100, 'ratio', false, null),
    ('core.equity_ratios', 'debt_to_assets_ratio', 0, 5, 'ratio', false, null),
    ('core.equity_ratios', 'debt_to_equity_ratio', -100, 100, 'ratio', false, 'negative with negative equity'),
    ('core.equity_ratios', 'debt_to_capital_ratio', -10, 10, 'ratio', false, null),
    ('core.equity_ratios', 'long_term_debt_to_capital_ratio', -10, 10, 'ratio', false, null),
    ('core.equity_ratios', 'financial_leverage_ratio', -100, 100, 'ratio', false, 'assets / equity'),
    ('core.equity_ratios', 'interest_coverage_ratio', -10000, 10000, 'ratio', false, 'EBIT / interest expense'),
    ('core.equity_ratios', 'cash_flow_to_debt_ratio', -100, 100, 'ratio', false, null),
    ('core.equity_ratios', 'debt_service_coverage_ratio', -10000, 10000, 'ratio', false, null),
    ('core.equity_ratios', 'price_to_earnings_ratio', -1000, 1000, 'ratio', false, 'P/E'),
    ('core.equity_ratios', 'price_to_earnings_growth_ratio', -1000, 1000, 'ratio', false, 'PEG'),
    ('core.equity_ratios', 'forward_price_to_earnings_growth_ratio', -1000, 1000, 'ratio', false, 'forward PEG'),
    ('core.equity_ratios', 'price_to_book_ratio', -1000, 1000, 'ratio', false, 'P/B'),
    ('core.equity_ratios', 'price_to_sales_ratio', 0, 1000, 'ratio', false, 'P/S'),
    ('core.equity_ratios', 'price_to_free_cash_flow_ratio', -5000, 5000, 'ratio', false, 'P/FCF'),
    ('core.equity_ratios', 'price_to_operating_cash_flow_ratio', -5000, 5000, 'ratio', false, 'P/OCF'),
    ('core.equity_ratios', 'price_cash_flow_ratio', -5000, 5000, 'ratio', false, null),
    ('core.equity_ratios', 'enterprise_value_multiple', -1000, 1000, 'ratio', false, 'EV/EBITDA'),
    ('core.equity_ratios', 'price_to_fair_value', 0, 1000, 'ratio', false, null),
    -- core.equity_key_metrics (FMP key metrics)
    ('core.equity_key_metrics', 'market_cap', 0, 1e14, 'currency', false, 'in the reported currency'),
    ('core.equity_key_metrics', 'enterprise_value', -1e14, 1e14, 'currency', false, null),
    ('core.equity_key_metrics', 'pe_ratio', -1000, 1000, 'ratio', false, 'P/E'),
    ('core.equity_key_metrics', 'price_to_sales_ratio', 0, 1000, 'ratio', false, 'P/S'),
    ('core.equity_key_metrics', 'pb_ratio', -1000, 1000, 'ratio', false, 'P/B'),
    ('core.equity_key_metrics', 'ptb_ratio', -1000, 1000, 'ratio', false, 'price / tangible book'),
    ('core.equity_key_metrics', 'pocf_ratio', -5000, 5000, 'ratio', false, 'P/OCF'),
    ('core.equity_key_metrics', 'pfcf_ratio', -5000, 5000, 'ratio', false, 'P/FCF'),
    ('core.equity_key_metrics', 'ev_to_sales', -1000, 1000, 'ratio', false, 'EV/sales'),
    ('core.equity_key_metrics', 'ev_to_ebitda', -1000, 1000, 'ratio', false, 'EV/EBITDA'),
    ('core.equity_key_metrics', 'ev_to_operating_cash_flow', -5000, 5000, 'ratio', false, null),
    ('core.equity_key_metrics', 'ev_to_free_cash_flow', -5000, 5000, 'ratio', false, null),
    ('core.equity_key_metrics', 'earnings_yield', -10, 10, 'fraction', true, 'EPS / price'),
    ('core.equity_key_metrics', 'free_cash_flow_yield', -10, 10, 'fraction', true, 'FCF per share / price'),
    ('core.equity_key_metrics', 'dividend_yield', 0, 0.25, 'fraction', true, null),
    ('core.equity_key_metrics', 'payout_ratio', -10, 10, 'fraction', true, null),
    ('core.equity_key_metrics', 'debt_to_equity', -100, 100, 'ratio', false, null),
    ('core.equity_key_metrics', 'debt_to_assets', 0, 5, 'ratio', false, null),
    ('core.equity_key_metrics', 'net_debt_to_ebitda', -1000, 1000, 'ratio', false, null),
    ('core.equity_key_metrics', 'current_ratio', 0, 100, 'ratio', false, null),
    ('core.equity_key_metrics', 'interest_coverage', -10000, 10000, 'ratio', false, null),
    ('core.equity_key_metrics', 'return_on_equity', -10, 10, 'fraction', true, 'ROE'),
    ('core.equity_key_metrics', 'return_on_invested_capital', -5, 5, 'fraction', true, 'ROIC'),
    ('core.equity_key_metrics', 'return_on_assets', -2, 2, 'fraction', true, 'ROA'),
    ('core.equity_key_metrics', 'operating_return_on_assets', -2, 2, 'fraction', true, null),
    ('core.equity_key_metrics', 'return_on_tangible_assets', -5, 5, 'fraction', true, null),
    ('core.equity_key_metrics', 'return_on_capital_employed', -5, 5, 'fraction', true, 'ROCE'),
    ('core.equity_key_metrics', 'research_and_development_to_revenue', 0, 100, 'fraction', false, 'large for pre-revenue companies'),
    ('core.equity_key_metrics', 'sales_general_and_administrative_to_revenue', 0, 100, 'fraction', false, null),
    ('core.equity_key_metrics', 'capex_to_revenue', -100, 100, 'fraction', false, null),
    -- core.equity_profile (FMP company profile)
    ('core.equity_profile', 'beta', -10, 10, 'ratio', false, null),
    ('core.equity_profile', 'price', 0, 10000000, 'currency', false, null),
    ('core.equity_profile', 'market_cap', 0, 1e14, 'currency', false, null),
    ('core.equity_profile', 'volume', 0, 1e11, 'count', false, 'shares'),
    ('core.equity_profile', 'average_volume', 0, 1e11, 'count', false, 'shares'),
    ('core.equity_profile', 'last_dividend', 0, 100000, 'currency', false, null),
    ('core.equity_profile', 'change_percent', -100, 1000, 'percent', false, 'daily change'),
    -- core.market_and_sector_quotes (FMP quotes)
    ('core.market_and_sector_quotes', 'price', 0, 10000000, 'currency', false, null),
    ('core.market_and_sector_quotes', 'year_high', 0, 10000000, 'currency', false, '52-week high'),
    ('core.market_and_sector_quotes', 'year_low', 0, 10000000, 'currency', false, '52-week low'),
    ('core.market_and_sector_quotes', 'price_avg_50', 0, 10000000, 'currency', false, null),
    ('core.market_and_sector_quotes', 'price_avg_200', 0, 10000000, 'currency', false, null),
    ('core.market_and_sector_quotes', 'volume', 0, 1e11, 'count', false, null),
    ('core.market_and_sector_quotes', 'avg_volume', 0, 1e11, 'count', false, null),
    ('core.market_and_sector_quotes', 'market_cap', 0, 1e14, 'currency', false, null),
    ('core.market_and_sector_quotes', 'pe', -1000, 1000, 'ratio', false, 'P/E'),
    ('core.market_and_sector_quotes', 'change_percent', -100, 1000, 'percent', false, 'daily change'),
    -- core.equity_quotes (FMP daily prices)
    ('core.equity_quotes', 'close', 0, 10000000, 'currency', false, null),
    ('core.equity_quotes', 'volume', 0, 1e11, 'count', false, null),
    ('core.equity_quotes', 'change_percent', -100, 1000, 'percent', false, 'daily change'),
    -- core.treasury (FMP treasury rates, percent)
    ('core.treasury', 'month1', -5, 25, 'percent', true, null),
    ('core.treasury', 'month3', -5, 25, 'percent', true, null),
    ('core.treasury', 'month6', -5, 25, 'percent', true, null),
    ('core.treasury', 'year1', -5, 25, 'percent', true, null),
    ('core.treasury', 'year2', -5, 25, 'percent', true, null),
    ('core.treasury', 'year5', -5, 25, 'percent', true, null),
    ('core.treasury', 'year10', -5, 25, 'percent', true, null),
    ('core.treasury', 'year30', -5, 25, 'percent', true, null);

-- Lineage of a corrected version: the correction (ops.correction.id) that
-- wrote it, or whose rollback wrote it; NULL on the versions the transforms
-- write. Added to every table whose metrics are scale-checked.
do $$
declare
    t text;
begin
    for t in select distinct r."table" from ops.metric_range as r where r.scale_check order by 1 loop
        execute format('alter table %s add column correction_id bigint', t);
        execute format('comment on column %s.correction_id is %L', t,
            'The ops.correction that wrote this version (applied or rolled back: docs/CORRECTIONS.md); NULL for versions written by the transform.');
        perform core.create_latest_view(t::regclass);
    end loop;
end
$$;
