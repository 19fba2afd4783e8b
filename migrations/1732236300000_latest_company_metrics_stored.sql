-- Up Migration
-- api.latest_company_metrics read from a stored table (docs/CORPORATE-ACTIONS.md,
-- "Stored and refreshed"): agg.latest_company_metrics holds one row per equity
-- with a profile, kept by agg.refresh_latest_company_metrics()
-- (transforms/agg/latest_company_metrics.sql), which agg.refresh() calls:
-- only the symbols with new versions in the core tables it reads are
-- recomputed, from the batches their transforms consumed (the ledger
-- ops.aggregate_batch, as every aggregate).
create table agg.latest_company_metrics (
    symbol text collate "C" primary key,
    company_name text,
    exchange text,
    sector text,
    industry text,
    country text,
    currency text,
    market_cap numeric,
    beta numeric,
    profile_price numeric,
    is_actively_trading boolean,
    profile_as_of timestamptz,
    valuation_as_of date,
    pe_ratio numeric,
    pb_ratio numeric,
    ps_ratio numeric,
    price_to_free_cash_flow numeric,
    peg_ratio numeric,
    ev_to_ebitda numeric,
    ev_to_sales numeric,
    enterprise_value numeric,
    dividend_yield numeric,
    profitability_as_of date,
    gross_profit_margin numeric,
    operating_profit_margin numeric,
    net_profit_margin numeric,
    ebitda_margin numeric,
    return_on_equity numeric,
    return_on_assets numeric,
    return_on_invested_capital numeric,
    financial_health_as_of date,
    debt_to_equity numeric,
    debt_to_assets numeric,
    current_ratio numeric,
    quick_ratio numeric,
    interest_coverage numeric,
    net_debt_to_ebitda numeric,
    performance_as_of date,
    last_close numeric,
    return_1m numeric,
    return_ytd numeric,
    return_1y numeric,
    total_return_1y numeric,
    fundamentals_as_of date,
    fiscal_year integer,
    reported_currency text,
    revenue numeric,
    gross_profit numeric,
    operating_income numeric,
    ebitda numeric,
    net_income numeric,
    eps numeric,
    eps_diluted numeric,
    diluted_shares numeric,
    refreshed_at timestamptz not null default now()
);
comment on table agg.latest_company_metrics is
    'One row per equity with an FMP profile: the figures of api.latest_company_metrics, kept by agg.refresh_latest_company_metrics (only symbols with new versions are recomputed).';

grant select, insert, update, delete on agg.latest_company_metrics to sra_transformer;

-- the symbols a batch wrote, found by its id (the price table has this index already)
create index if not exists equity_profile_batch_idx on core.equity_profile (batch_id);
create index if not exists equity_ratios_batch_idx on core.equity_ratios (batch_id);
create index if not exists equity_key_metrics_batch_idx on core.equity_key_metrics (batch_id);
create index if not exists equity_income_batch_idx on core.equity_income (batch_id);
create index if not exists equity_split_batch_idx on core.equity_split (batch_id);
create index if not exists equity_dividend_batch_idx on core.equity_dividend (batch_id);

insert into ops.aggregate_state (aggregate_name, source) values
    ('latest_company_metrics',
        'transforms of core.equity_profile, equity_ratios, equity_key_metrics, equity_income, equity_quotes, equity_split, equity_dividend');
