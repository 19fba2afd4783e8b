-- Up Migration
-- The remaining Fundata API endpoints typed (docs/FUNDATA-API.md): loads,
-- other fees, trailer schedules, associated benchmarks, equity and fixed
-- income style, advanced performance, yearly ranking and risk, and instrument
-- identifiers. Each table has the shape of the other Fundata API tables
-- (migrations/1732233900000_fundata_api.sql: key and business columns named as
-- the transform's stage columns, array and lineage columns, a version key that
-- is the table's key, identifier first, collate "C"), plus vendor_as_of, its
-- stored latest core.<table>_current and the view core.<table>_latest
-- (migrations/1732235200000_versions_latest.sql). Numbers: DECIMAL(12,2)
-- (docs/ARCHITECTURE.md §4); whole numbers (a year, a rank, a quartile) are
-- integers.

---------------------------------------------------------------------------
-- core: fund/getload
---------------------------------------------------------------------------
create table core.fundata_loads (
    identifier text collate "C" not null,
    load_type text not null,
    breakpoint_sequence integer not null,
    record_id text,
    breakpoint_from decimal(12, 2),
    breakpoint_to decimal(12, 2),
    breakpoint_unit text,
    load_percent decimal(12, 2),
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    vendor_as_of timestamptz,
    constraint fundata_loads_version_uq unique nulls not distinct
        (identifier, load_type, breakpoint_sequence, data_version, array_source_field, array_element_index)
);
comment on table core.fundata_loads is
    'A fund''s sales charges (loads) per load type and breakpoint (percent of the amount invested or redeemed), one version per change. From fund/getload.';
create table core.fundata_loads_current (
    identifier text collate "C" not null,
    load_type text not null,
    breakpoint_sequence integer not null,
    data_version integer not null,
    vendor_as_of timestamptz not null,
    batch_id bigint not null,
    line integer not null,
    primary key (identifier, load_type, breakpoint_sequence)
);
comment on table core.fundata_loads_current is
    'One row per key of core.fundata_loads: its current version (newest by vendor_as_of, then batch_id, line), kept by core.write_versions.';

---------------------------------------------------------------------------
-- core: fund/getotherfees
---------------------------------------------------------------------------
create table core.fundata_other_fees (
    identifier text collate "C" not null,
    fee_type text not null,
    record_id text,
    fee_amount decimal(12, 2),
    fee_percent decimal(12, 2),
    currency text,
    description text,
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    vendor_as_of timestamptz,
    constraint fundata_other_fees_version_uq unique nulls not distinct
        (identifier, fee_type, data_version, array_source_field, array_element_index)
);
comment on table core.fundata_other_fees is
    'A fund''s other fees (short-term trading, switch, account, ...) per fee type, one version per change. From fund/getotherfees.';
create table core.fundata_other_fees_current (
    identifier text collate "C" not null,
    fee_type text not null,
    data_version integer not null,
    vendor_as_of timestamptz not null,
    batch_id bigint not null,
    line integer not null,
    primary key (identifier, fee_type)
);
comment on table core.fundata_other_fees_current is
    'One row per key of core.fundata_other_fees: its current version (newest by vendor_as_of, then batch_id, line), kept by core.write_versions.';

---------------------------------------------------------------------------
-- core: fund/gettrailerschedule
---------------------------------------------------------------------------
create table core.fundata_trailer_schedules (
    identifier text collate "C" not null,
    load_type text not null,
    from_year integer not null,
    record_id text,
    to_year integer,
    trailer_fee decimal(12, 2),
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    vendor_as_of timestamptz,
    constraint fundata_trailer_schedules_version_uq unique nulls not distinct
        (identifier, load_type, from_year, data_version, array_source_field, array_element_index)
);
comment on table core.fundata_trailer_schedules is
    'A fund''s trailing commission (percent a year) per purchase option and holding year, one version per change. From fund/gettrailerschedule.';
create table core.fundata_trailer_schedules_current (
    identifier text collate "C" not null,
    load_type text not null,
    from_year integer not null,
    data_version integer not null,
    vendor_as_of timestamptz not null,
    batch_id bigint not null,
    line integer not null,
    primary key (identifier, load_type, from_year)
);
comment on table core.fundata_trailer_schedules_current is
    'One row per key of core.fundata_trailer_schedules: its current version (newest by vendor_as_of, then batch_id, line), kept by core.write_versions.';

---------------------------------------------------------------------------
-- core: fund/getassociatedbenchmark
---------------------------------------------------------------------------
create table core.fundata_associated_benchmarks (
    identifier text collate "C" not null,
    benchmark_identifier text collate "C" not null,
    record_id text,
    benchmark_name text,
    benchmark_type text,
    weight decimal(12, 2),
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    vendor_as_of timestamptz,
    constraint fundata_associated_benchmarks_version_uq unique nulls not distinct
        (identifier, benchmark_identifier, data_version, array_source_field, array_element_index)
);
comment on table core.fundata_associated_benchmarks is
    'The benchmarks associated with a fund (InstrumentKey of a benchmark), one version per change. From fund/getassociatedbenchmark.';
create table core.fundata_associated_benchmarks_current (
    identifier text collate "C" not null,
    benchmark_identifier text collate "C" not null,
    data_version integer not null,
    vendor_as_of timestamptz not null,
    batch_id bigint not null,
    line integer not null,
    primary key (identifier, benchmark_identifier)
);
comment on table core.fundata_associated_benchmarks_current is
    'One row per key of core.fundata_associated_benchmarks: its current version (newest by vendor_as_of, then batch_id, line), kept by core.write_versions.';

---------------------------------------------------------------------------
-- core: fund/getequitystyle
---------------------------------------------------------------------------
create table core.fundata_equity_style (
    identifier text collate "C" not null,
    record_id text,
    style_date date,
    market_cap_style text,
    investment_style text,
    average_market_cap decimal(12, 2),
    price_to_earnings decimal(12, 2),
    price_to_book decimal(12, 2),
    dividend_yield decimal(12, 2),
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    vendor_as_of timestamptz,
    constraint fundata_equity_style_version_uq unique nulls not distinct
        (identifier, data_version, array_source_field, array_element_index)
);
comment on table core.fundata_equity_style is
    'A fund''s equity style (size, value/growth) and portfolio ratios, one version per change. From fund/getequitystyle.';
create table core.fundata_equity_style_current (
    identifier text collate "C" not null,
    data_version integer not null,
    vendor_as_of timestamptz not null,
    batch_id bigint not null,
    line integer not null,
    primary key (identifier)
);
comment on table core.fundata_equity_style_current is
    'One row per key of core.fundata_equity_style: its current version (newest by vendor_as_of, then batch_id, line), kept by core.write_versions.';

---------------------------------------------------------------------------
-- core: fund/getfixedincomestyle
---------------------------------------------------------------------------
create table core.fundata_fixed_income_style (
    identifier text collate "C" not null,
    record_id text,
    style_date date,
    credit_quality text,
    interest_rate_sensitivity text,
    average_credit_rating text,
    average_duration decimal(12, 2),
    average_maturity decimal(12, 2),
    average_coupon decimal(12, 2),
    yield_to_maturity decimal(12, 2),
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    vendor_as_of timestamptz,
    constraint fundata_fixed_income_style_version_uq unique nulls not distinct
        (identifier, data_version, array_source_field, array_element_index)
);
comment on table core.fundata_fixed_income_style is
    'A fund''s fixed income style (credit quality, rate sensitivity) and portfolio figures, one version per change. From fund/getfixedincomestyle.';
create table core.fundata_fixed_income_style_current (
    identifier text collate "C" not null,
    data_version integer not null,
    vendor_as_of timestamptz not null,
    batch_id bigint not null,
    line integer not null,
    primary key (identifier)
);
comment on table core.fundata_fixed_income_style_current is
    'One row per key of core.fundata_fixed_income_style: its current version (newest by vendor_as_of, then batch_id, line), kept by core.write_versions.';

---------------------------------------------------------------------------
-- core: fund/getadvancedperformance
---------------------------------------------------------------------------
create table core.fundata_advanced_performance (
    identifier text collate "C" not null,
    record_id text,
    as_of_date date,
    two_year_return decimal(12, 2),
    four_year_return decimal(12, 2),
    fifteen_year_return decimal(12, 2),
    twenty_year_return decimal(12, 2),
    standard_deviation_3y decimal(12, 2),
    sharpe_ratio_3y decimal(12, 2),
    alpha_3y decimal(12, 2),
    beta_3y decimal(12, 2),
    r_squared_3y decimal(12, 2),
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    vendor_as_of timestamptz,
    constraint fundata_advanced_performance_version_uq unique nulls not distinct
        (identifier, data_version, array_source_field, array_element_index)
);
comment on table core.fundata_advanced_performance is
    'A fund''s longer trailing returns and three-year risk statistics, one version per change. From fund/getadvancedperformance.';
create table core.fundata_advanced_performance_current (
    identifier text collate "C" not null,
    data_version integer not null,
    vendor_as_of timestamptz not null,
    batch_id bigint not null,
    line integer not null,
    primary key (identifier)
);
comment on table core.fundata_advanced_performance_current is
    'One row per key of core.fundata_advanced_performance: its current version (newest by vendor_as_of, then batch_id, line), kept by core.write_versions.';

---------------------------------------------------------------------------
-- core: fund/getyearlyperformanceranking
---------------------------------------------------------------------------
create table core.fundata_yearly_performance_ranking (
    identifier text collate "C" not null,
    performance_year integer not null,
    record_id text,
    quartile integer,
    category_rank integer,
    category_count integer,
    percentile_rank integer,
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    vendor_as_of timestamptz,
    constraint fundata_yearly_performance_ranking_version_uq unique nulls not distinct
        (identifier, performance_year, data_version, array_source_field, array_element_index)
);
comment on table core.fundata_yearly_performance_ranking is
    'A fund''s calendar-year rank within its category (quartile, rank, percentile), one version per change. From fund/getyearlyperformanceranking.';
create table core.fundata_yearly_performance_ranking_current (
    identifier text collate "C" not null,
    performance_year integer not null,
    data_version integer not null,
    vendor_as_of timestamptz not null,
    batch_id bigint not null,
    line integer not null,
    primary key (identifier, performance_year)
);
comment on table core.fundata_yearly_performance_ranking_current is
    'One row per key of core.fundata_yearly_performance_ranking: its current version (newest by vendor_as_of, then batch_id, line), kept by core.write_versions.';

---------------------------------------------------------------------------
-- core: fund/getyearlyperformancerisk
---------------------------------------------------------------------------
create table core.fundata_yearly_performance_risk (
    identifier text collate "C" not null,
    performance_year integer not null,
    record_id text,
    standard_deviation decimal(12, 2),
    sharpe_ratio decimal(12, 2),
    max_drawdown decimal(12, 2),
    best_month_return decimal(12, 2),
    worst_month_return decimal(12, 2),
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    vendor_as_of timestamptz,
    constraint fundata_yearly_performance_risk_version_uq unique nulls not distinct
        (identifier, performance_year, data_version, array_source_field, array_element_index)
);
comment on table core.fundata_yearly_performance_risk is
    'A fund''s calendar-year risk statistics (from its monthly returns), one version per change. From fund/getyearlyperformancerisk.';
create table core.fundata_yearly_performance_risk_current (
    identifier text collate "C" not null,
    performance_year integer not null,
    data_version integer not null,
    vendor_as_of timestamptz not null,
    batch_id bigint not null,
    line integer not null,
    primary key (identifier, performance_year)
);
comment on table core.fundata_yearly_performance_risk_current is
    'One row per key of core.fundata_yearly_performance_risk: its current version (newest by vendor_as_of, then batch_id, line), kept by core.write_versions.';

---------------------------------------------------------------------------
-- core: instrument/getidentifiers
---------------------------------------------------------------------------
create table core.fundata_instrument_identifiers (
    identifier text collate "C" not null,
    identifier_type text not null,
    identifier_value text collate "C" not null,
    record_id text,
    load_type text,
    exchange text,
    record_state text,
    change_date date,
    array_source_field text,
    array_element_index integer,
    array_element_value text,
    data_source text not null check (data_source in ('CSV', 'API')),
    source_file text,
    api_version text,
    data_version integer not null check (data_version >= 1),
    content_hash bigint not null,
    processed_at timestamptz not null default now(),
    updated_at timestamptz not null,
    raw_json jsonb not null,
    batch_id bigint not null,
    batch_line integer not null,
    vendor_as_of timestamptz,
    constraint fundata_instrument_identifiers_version_uq unique nulls not distinct
        (identifier, identifier_type, identifier_value, data_version, array_source_field, array_element_index)
);
comment on table core.fundata_instrument_identifiers is
    'An instrument''s other identifiers (fund code, CUSIP, ISIN, ticker) per type and value, one version per change. From instrument/getidentifiers.';
create table core.fundata_instrument_identifiers_current (
    identifier text collate "C" not null,
    identifier_type text not null,
    identifier_value text collate "C" not null,
    data_version integer not null,
    vendor_as_of timestamptz not null,
    batch_id bigint not null,
    line integer not null,
    primary key (identifier, identifier_type, identifier_value)
);
comment on table core.fundata_instrument_identifiers_current is
    'One row per key of core.fundata_instrument_identifiers: its current version (newest by vendor_as_of, then batch_id, line), kept by core.write_versions.';

---------------------------------------------------------------------------
-- The latest views. Owned by the owner, like every core table
-- (migrations/1732234600000_owner_owns_everything.sql); the schema's default
-- privileges give sra_transformer its DML on the new tables.
---------------------------------------------------------------------------
select core.create_latest_view('core.fundata_loads'::regclass);
select core.create_latest_view('core.fundata_other_fees'::regclass);
select core.create_latest_view('core.fundata_trailer_schedules'::regclass);
select core.create_latest_view('core.fundata_associated_benchmarks'::regclass);
select core.create_latest_view('core.fundata_equity_style'::regclass);
select core.create_latest_view('core.fundata_fixed_income_style'::regclass);
select core.create_latest_view('core.fundata_advanced_performance'::regclass);
select core.create_latest_view('core.fundata_yearly_performance_ranking'::regclass);
select core.create_latest_view('core.fundata_yearly_performance_risk'::regclass);
select core.create_latest_view('core.fundata_instrument_identifiers'::regclass);
