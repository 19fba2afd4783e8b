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

---------------------------------------------------------------------------
-- Scenarios: data, editable without code (docs/ANALYTICS.md). A shock on a
-- factor is a return (a fraction); on 'rates' it is basis points.
-- category market: P&L = Σ delta-adjusted exposure × CAPM beta × shock;
-- a 'rates' shock: P&L = Σ delta-adjusted exposure × IR beta × bp / 100;
-- category stress: the 7-factor model, direct and correlated.
---------------------------------------------------------------------------
create table core.scenario (
    scenario text primary key,
    category text not null check (category in ('market', 'rates', 'stress')),
    description text not null,
    sort_order integer not null
);
create table core.scenario_shock (
    scenario text not null references core.scenario (scenario) on update cascade on delete cascade,
    factor text not null check (factor in ('market', 'value', 'growth', 'momentum', 'quality', 'size', 'low_volatility', 'rates')),
    shock double precision not null,
    primary key (scenario, factor)
);
comment on table core.scenario is 'The scenarios of api.portfolio_scenario: market and rates moves, and the stress set.';
comment on table core.scenario_shock is 'Each scenario''s shocks: a factor''s return (fraction), or rates in basis points.';

insert into core.scenario (scenario, category, description, sort_order) values
    ('market_up_5', 'market', 'market +5 %', 1),
    ('market_down_5', 'market', 'market -5 %', 2),
    ('market_up_10', 'market', 'market +10 %', 3),
    ('market_down_10', 'market', 'market -10 %', 4),
    ('market_up_20', 'market', 'market +20 %', 5),
    ('market_down_20', 'market', 'market -20 %', 6),
    ('rates_up_100bp', 'rates', 'rates +100 bp', 7),
    ('rates_down_100bp', 'rates', 'rates -100 bp', 8),
    ('rates_up_200bp', 'rates', 'rates +200 bp', 9),
    ('rates_down_200bp', 'rates', 'rates -200 bp', 10),
    ('market_crash', 'stress', 'market crash: market -35 %', 11),
    ('market_rally', 'stress', 'market rally: market +25 %', 12),
    ('stress_market_up_10', 'stress', 'market +10 %', 13),
    ('stress_market_down_10', 'stress', 'market -10 %', 14),
    ('value_rotation', 'stress', 'value rotation: value +20 %, growth -10 %', 15),
    ('growth_rally', 'stress', 'growth rally: growth +15 %, momentum +10 %', 16),
    ('small_cap_outperformance', 'stress', 'small-cap outperformance: size +10 %', 17),
    ('quality_flight', 'stress', 'quality flight: quality +12 %, market -5 %', 18),
    ('vix_spike', 'stress', 'VIX spike: low volatility -25 %, market -15 %', 19),
    ('replay_2008', 'stress', '2008 replay: market -45, value -30, size -25, quality +20, low volatility -35 %', 20),
    ('replay_covid', 'stress', 'COVID replay: market -35, growth +15, value -40, size -30, quality +10 %', 21),
    ('replay_dotcom', 'stress', 'dot-com replay: market -45, growth -60, value +20, momentum -50, quality +15 %', 22),
    ('stress_rates_up_25bp', 'stress', 'rates +25 bp', 23),
    ('stress_rates_down_25bp', 'stress', 'rates -25 bp', 24),
    ('stress_rates_up_100bp', 'stress', 'rates +100 bp', 25),
    ('stress_rates_down_100bp', 'stress', 'rates -100 bp', 26),
    ('rate_spike_300bp', 'stress', 'rate spike: rates +300 bp', 27);

insert into core.scenario_shock (scenario, factor, shock) values
    ('market_up_5', 'market', 0.05), ('market_down_5', 'market', -0.05),
    ('market_up_10', 'market', 0.10), ('market_down_10', 'market', -0.10),
    ('market_up_20', 'market', 0.20), ('market_down_20', 'market', -0.20),
    ('rates_up_100bp', 'rates', 100), ('rates_down_100bp', 'rates', -100),
    ('rates_up_200bp', 'rates', 200), ('rates_down_200bp', 'rates', -200),
    ('market_crash', 'market', -0.35),
    ('market_rally', 'market', 0.25),
    ('stress_market_up_10', 'market', 0.10),
    ('stress_market_down_10', 'market', -0.10),
    ('value_rotation', 'value', 0.20), ('value_rotation', 'growth', -0.10),
    ('growth_rally', 'growth', 0.15), ('growth_rally', 'momentum', 0.10),
    ('small_cap_outperformance', 'size', 0.10),
    ('quality_flight', 'quality', 0.12), ('quality_flight', 'market', -0.05),
    ('vix_spike', 'low_volatility', -0.25), ('vix_spike', 'market', -0.15),
    ('replay_2008', 'market', -0.45), ('replay_2008', 'value', -0.30), ('replay_2008', 'size', -0.25),
    ('replay_2008', 'quality', 0.20), ('replay_2008', 'low_volatility', -0.35),
    ('replay_covid', 'market', -0.35), ('replay_covid', 'growth', 0.15), ('replay_covid', 'value', -0.40),
    ('replay_covid', 'size', -0.30), ('replay_covid', 'quality', 0.10),
    ('replay_dotcom', 'market', -0.45), ('replay_dotcom', 'growth', -0.60), ('replay_dotcom', 'value', 0.20),
    ('replay_dotcom', 'momentum', -0.50), ('replay_dotcom', 'quality', 0.15),
    ('stress_rates_up_25bp', 'rates', 25), ('stress_rates_down_25bp', 'rates', -25),
    ('stress_rates_up_100bp', 'rates', 100), ('stress_rates_down_100bp', 'rates', -100),
    ('rate_spike_300bp', 'rates', 300);

-- RiskMetrics-style co-movement of the factor ETFs' daily returns: zero
-- mean, weights λ^k (λ = 0.94, k = 0 for the newest of the last 252 dates on
-- which all seven exist).
create table agg.factor_comovement (
    factor_a text not null,
    factor_b text not null,
    correlation double precision,
    volatility_ratio double precision,
    n_obs integer not null,
    as_of_date date not null,
    primary key (factor_a, factor_b)
);
comment on table agg.factor_comovement is
    'One row per pair of factors: the RiskMetrics correlation (capped at ±0.95) and σ_a / σ_b of their daily returns.';

-- Pearson correlations of the daily returns of each portfolio's larger
-- stock and ETF positions.
create table agg.position_correlation (
    portfolio text collate "C" not null,
    symbol_a text collate "C" not null,
    symbol_b text collate "C" not null,
    correlation double precision,
    n_obs integer not null,
    as_of_date date not null,
    primary key (portfolio, symbol_a, symbol_b)
);

-- Each portfolio's value and P&L on every trading date since its earliest entry date.
create table agg.portfolio_history (
    portfolio text collate "C" not null,
    date date not null,
    market_value double precision,
    exposure double precision,
    daily_pnl double precision,
    cumulative_pnl double precision,
    position_count integer not null,
    primary key (portfolio, date)
);

-- Returns and volatility of every fund's NAVPS, beside Fundata's reported returns.
create table agg.fund_metrics (
    identifier text collate "C" primary key,
    as_of_date date not null,
    navps double precision not null,
    return_1d double precision,
    return_21d double precision,
    return_63d double precision,
    return_252d double precision,
    return_ytd double precision,
    volatility_21d double precision,
    volatility_63d double precision,
    volatility_252d double precision,
    reported_as_of_date date,
    reported_one_month_return double precision,
    reported_three_month_return double precision,
    reported_ytd_return double precision,
    reported_one_year_return double precision
);

---------------------------------------------------------------------------
-- The owner owns these tables; the transformer writes them (select, insert,
-- update, delete: also granted by the schemas' default privileges).
---------------------------------------------------------------------------
grant select, insert, update, delete on core.portfolio, core.position, core.factor, core.scenario,
    core.scenario_shock to sra_transformer;
grant select, insert, update, delete on agg.security_price, agg.security_metrics,
    agg.factor_exposure, agg.analytics_state, agg.position_analytics, agg.factor_comovement,
    agg.position_correlation, agg.portfolio_history, agg.fund_metrics to sra_transformer;
