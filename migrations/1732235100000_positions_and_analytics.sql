-- Up Migration
-- Portfolios and their positions (a new source: position files), and the
-- tables the analytics build fills (docs/ANALYTICS.md).

---------------------------------------------------------------------------
-- raw: position files are a source of their own; a JSON array file lands
-- whole as one record, like an API response, with origin 'file'
---------------------------------------------------------------------------
alter table raw.batch drop constraint if exists batch_source_check;
alter table raw.batch add constraint batch_source_check
    check (source in ('fundata', 'fmp', 'positions'));
alter table raw.batch drop constraint if exists batch_origin_check;
alter table raw.batch add constraint batch_origin_check
    check (origin in ('csv', 'api', 'file'));

---------------------------------------------------------------------------
-- core.portfolio: one row per portfolio per version. A position file
-- replaces the positions of every portfolio it names: when that set differs
-- from the latest version, it becomes the next version (possibly empty).
---------------------------------------------------------------------------
create table core.portfolio (
    portfolio text collate "C" not null,
    data_version integer not null check (data_version >= 1),
    position_count integer not null,
    content_hash bigint not null,
    data_source text not null check (data_source in ('CSV', 'JSON')),
    source_file text,
    batch_id bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    primary key (portfolio, data_version)
);
comment on table core.portfolio is
    'One row per portfolio per version: each position file that changes a portfolio''s set of positions is a new version; core.position holds its positions.';
alter table core.portfolio owner to sra_transformer;

---------------------------------------------------------------------------
-- core.position: the positions of one version of a portfolio
---------------------------------------------------------------------------
create table core.position (
    portfolio text collate "C" not null,
    data_version integer not null,
    position_no integer not null,
    symbol text collate "C" not null,
    position_type text not null check (position_type in ('LONG', 'SHORT', 'LC', 'LP', 'SC', 'SP')),
    quantity numeric not null check (quantity <> 0),
    entry_price numeric not null check (entry_price > 0),
    entry_date date,
    underlying text collate "C",
    strike numeric,
    expiry date,
    tags text[] not null default '{}',
    last_price numeric,
    multiplier integer not null check (multiplier in (1, 100)),
    -- versions and lineage (docs/ARCHITECTURE.md)
    data_source text not null check (data_source in ('CSV', 'JSON')),
    source_file text,
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    batch_elem integer not null,
    primary key (portfolio, data_version, position_no),
    foreign key (portfolio, data_version) references core.portfolio (portfolio, data_version) on delete cascade,
    check (position_type in ('LONG', 'SHORT') or (underlying is not null and strike is not null and expiry is not null))
);
comment on table core.position is
    'One row per position of one version of a portfolio (position_no: its order in the file). Options (LC, LP, SC, SP) have a multiplier of 100, stocks 1.';
alter table core.position owner to sra_transformer;

---------------------------------------------------------------------------
-- agg: the analytics build (agg.refresh_analytics), recomputed whole
---------------------------------------------------------------------------
create table agg.security_price (
    symbol text collate "C" not null,
    date date not null,
    close double precision not null,
    daily_return double precision,
    volatility_63d double precision,
    primary key (symbol, date)
);
comment on table agg.security_price is
    'One row per symbol per trading date up to the analytics as-of date: the price (adjusted close, else close) of the latest version, the daily return against the symbol''s previous trading date, and the 63-day volatility ending that day.';

create table agg.security_metrics (
    symbol text collate "C" primary key,
    as_of_date date not null,
    last_date date not null,
    close double precision not null,
    return_1d double precision,
    return_21d double precision,
    return_63d double precision,
    return_252d double precision,
    return_ytd double precision,
    volatility_21d double precision,
    volatility_63d double precision,
    volatility_252d double precision,
    sma_20 double precision,
    sma_50 double precision,
    sma_200 double precision,
    high_52w double precision,
    low_52w double precision,
    max_drawdown_252d double precision,
    market_beta double precision,
    market_beta_r_squared double precision,
    market_beta_n_obs integer not null,
    market_beta_flag text not null,
    ir_beta double precision,
    ir_beta_r_squared double precision,
    ir_beta_n_obs integer not null,
    ir_beta_flag text not null
);
comment on table agg.security_metrics is 'One row per symbol with a price on or before the analytics as-of date.';

create table agg.factor_exposure (
    symbol text collate "C" not null,
    factor text not null,
    factor_etf text not null,
    beta double precision,
    beta_uncapped double precision,
    r_squared double precision,
    n_obs integer not null,
    quality_flag text not null,
    capped boolean not null,
    as_of_date date not null,
    primary key (symbol, factor)
);
comment on table agg.factor_exposure is 'One row per symbol per factor of the 7-factor model.';

create table agg.analytics_state (
    id boolean primary key default true check (id),
    as_of_date date,
    risk_free_rate double precision,
    refreshed_at timestamptz,
    symbols integer,
    ms integer
);
insert into agg.analytics_state (id) values (true);
comment on table agg.analytics_state is 'The last analytics build: its as-of date (the latest SPY date), the 3-month rate used, and when it ran.';

alter table agg.security_price owner to sra_transformer;
alter table agg.security_metrics owner to sra_transformer;
alter table agg.factor_exposure owner to sra_transformer;
alter table agg.analytics_state owner to sra_transformer;

---------------------------------------------------------------------------
-- The 7-factor model: each factor and the ETF whose daily returns stand for it
---------------------------------------------------------------------------
create table core.factor (
    factor text primary key,
    factor_etf text collate "C" not null unique,
    factor_no integer not null unique check (factor_no between 1 and 7)
);
comment on table core.factor is 'The factors of the 7-factor model and the ETF whose daily returns stand for each.';
insert into core.factor (factor, factor_etf, factor_no) values
    ('market', 'SPY', 1),
    ('value', 'VTV', 2),
    ('growth', 'VUG', 3),
    ('momentum', 'MTUM', 4),
    ('quality', 'QUAL', 5),
    ('size', 'SLY', 6),
    ('low_volatility', 'USMV', 7);
alter table core.factor owner to sra_transformer;

create table agg.position_analytics (
    portfolio text collate "C" not null,
    data_version integer not null,
    position_no integer not null,
    symbol text collate "C" not null,
    underlying text collate "C" not null,
    position_type text not null,
    quantity numeric not null,
    entry_price numeric not null,
    entry_date date,
    strike numeric,
    expiry date,
    tags text[] not null,
    multiplier integer not null,
    price double precision,
    price_source text,
    previous_price double precision,
    underlying_price double precision,
    volatility double precision,
    time_to_expiry double precision,
    risk_free_rate double precision,
    market_value double precision,
    exposure double precision,
    delta_adjusted_exposure double precision,
    cost_basis double precision not null,
    unrealized_pnl double precision,
    daily_pnl double precision,
    daily_return double precision,
    market_beta double precision,
    ir_beta double precision,
    delta double precision,
    gamma double precision,
    theta double precision,
    vega double precision,
    rho double precision,
    as_of_date date,
    primary key (portfolio, position_no)
);
comment on table agg.position_analytics is
    'One row per position of the latest version of every portfolio, valued on the analytics as-of date, with its Greeks.';
alter table agg.position_analytics owner to sra_transformer;
