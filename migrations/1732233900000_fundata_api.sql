-- Up Migration
-- Fundata API sync (`sra load fundata-api`): typed, versioned tables for the
-- API endpoints the SRA client reads beyond general data and daily NAVPS, and
-- the per-batch date cursor that makes every pull incremental.
-- Every table follows the foundation's shape (docs/ARCHITECTURE.md): key and
-- business columns named as the transform's stage columns, then array and
-- lineage columns, and a version key that is the table's key, identifier first
-- (the distribution key of the Citus path; collate "C" like the foundation's
-- identifiers). Numbers: DECIMAL(12,2) (docs/ARCHITECTURE.md §4);
-- whole-number key parts (a year, a rank) are integers.

---------------------------------------------------------------------------
-- ops: newest business date per landed batch
---------------------------------------------------------------------------
-- Computed once per batch from its records (batches are immutable) so the
-- next API pull can ask from the day after, without rescanning millions of
-- raw rows on every run. No foreign key to raw.batch on purpose: the cursor
-- must survive the retention of consumed raw batches, or the next pull would
-- start over from scratch.
create table ops.batch_newest_date (
    batch_id bigint not null,
    field text not null,
    dataset text not null,
    newest_date date,
    computed_at timestamptz not null default now(),
    primary key (batch_id, field)
);
create index batch_newest_date_dataset_idx on ops.batch_newest_date (dataset, field, newest_date);
comment on table ops.batch_newest_date is
    'Newest valid date of one field (Date, ChangeDate) over a landed batch: the incremental cursor of the Fundata API pulls.';

---------------------------------------------------------------------------
-- core: fund/getperformancesummary
---------------------------------------------------------------------------
create table core.fundata_performance_summary (
    identifier text collate "C" not null,
    record_id text,
    as_of_date date,
    one_month_return decimal(12, 2),
    three_month_return decimal(12, 2),
    six_month_return decimal(12, 2),
    ytd_return decimal(12, 2),
    one_year_return decimal(12, 2),
    three_year_return decimal(12, 2),
    five_year_return decimal(12, 2),
    ten_year_return decimal(12, 2),
    inception_return decimal(12, 2),
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
    constraint fundata_performance_summary_version_uq unique nulls not distinct
        (identifier, data_version, array_source_field, array_element_index)
);
alter table core.fundata_performance_summary cluster on fundata_performance_summary_version_uq;
comment on table core.fundata_performance_summary is
    'Trailing returns (percent) per fund, one version per change. From fund/getperformancesummary.';

---------------------------------------------------------------------------
-- core: fund/getdistribution
---------------------------------------------------------------------------
create table core.fundata_distributions (
    identifier text collate "C" not null,
    distribution_date date not null,
    record_id text,
    pay_date date,
    total_amount decimal(12, 2),
    income_amount decimal(12, 2),
    capital_gains_amount decimal(12, 2),
    return_of_capital_amount decimal(12, 2),
    reinvestment_price decimal(12, 2),
    currency text,
    frequency text,
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
    constraint fundata_distributions_version_uq unique nulls not distinct
        (identifier, distribution_date, data_version, array_source_field, array_element_index)
);
alter table core.fundata_distributions cluster on fundata_distributions_version_uq;
create index fundata_distributions_date_idx on core.fundata_distributions (distribution_date);
comment on table core.fundata_distributions is
    'Distributions per unit per fund and distribution (ex) date, one version per change. From fund/getdistribution.';

---------------------------------------------------------------------------
-- core: fund/gettopholding
---------------------------------------------------------------------------
create table core.fundata_top_holdings (
    identifier text collate "C" not null,
    holdings_date date not null,
    holding_rank integer not null,
    record_id text,
    holding_name text,
    holding_symbol text,
    weight decimal(12, 2),
    market_value decimal(12, 2),
    sector text,
    country text,
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
    constraint fundata_top_holdings_version_uq unique nulls not distinct
        (identifier, holdings_date, holding_rank, data_version, array_source_field, array_element_index)
);
alter table core.fundata_top_holdings cluster on fundata_top_holdings_version_uq;
comment on table core.fundata_top_holdings is
    'A fund''s top holdings per holdings date and rank, one version per change. From fund/gettopholding.';

---------------------------------------------------------------------------
-- core: fund/getallocations
---------------------------------------------------------------------------
create table core.fundata_allocations (
    identifier text collate "C" not null,
    allocation_date date not null,
    allocation_type text not null,
    allocation_name text not null,
    record_id text,
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
    constraint fundata_allocations_version_uq unique nulls not distinct
        (identifier, allocation_date, allocation_type, allocation_name, data_version,
        array_source_field, array_element_index)
);
alter table core.fundata_allocations cluster on fundata_allocations_version_uq;
comment on table core.fundata_allocations is
    'A fund''s allocation weights (asset class, sector, geography, ...) per date, one version per change. From fund/getallocations.';

---------------------------------------------------------------------------
-- core: fund/getexpense
---------------------------------------------------------------------------
create table core.fundata_expenses (
    identifier text collate "C" not null,
    record_id text,
    mer_date date,
    mer decimal(12, 2),
    management_fee decimal(12, 2),
    trading_expense_ratio decimal(12, 2),
    total_expense_ratio decimal(12, 2),
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
    constraint fundata_expenses_version_uq unique nulls not distinct
        (identifier, data_version, array_source_field, array_element_index)
);
alter table core.fundata_expenses cluster on fundata_expenses_version_uq;
comment on table core.fundata_expenses is
    'A fund''s expense ratios and fees (percent), one version per change. From fund/getexpense.';

---------------------------------------------------------------------------
-- core: fund/getassets
---------------------------------------------------------------------------
create table core.fundata_assets (
    identifier text collate "C" not null,
    assets_date date not null,
    record_id text,
    total_net_assets decimal(12, 2),
    series_net_assets decimal(12, 2),
    currency text,
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
    constraint fundata_assets_version_uq unique nulls not distinct
        (identifier, assets_date, data_version, array_source_field, array_element_index)
);
alter table core.fundata_assets cluster on fundata_assets_version_uq;
comment on table core.fundata_assets is
    'Net assets (millions of currency) per fund and date, one version per change. From fund/getassets.';
comment on column core.fundata_assets.total_net_assets is 'Net assets of the whole fund, in millions of currency.';
comment on column core.fundata_assets.series_net_assets is 'Net assets of this series (class), in millions of currency.';

---------------------------------------------------------------------------
-- core: fund/getyearlyperformance, benchmark/getyearlyperformance
---------------------------------------------------------------------------
create table core.fundata_yearly_performance (
    identifier text collate "C" not null,
    performance_year integer not null,
    record_id text,
    annual_return decimal(12, 2),
    category_return decimal(12, 2),
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
    constraint fundata_yearly_performance_version_uq unique nulls not distinct
        (identifier, performance_year, data_version, array_source_field, array_element_index)
);
alter table core.fundata_yearly_performance cluster on fundata_yearly_performance_version_uq;
comment on table core.fundata_yearly_performance is
    'Calendar-year returns (percent) per fund or benchmark, one version per change. From fund/ and benchmark/getyearlyperformance.';

---------------------------------------------------------------------------
-- Privileges: like the foundation's core.fundata_* tables
---------------------------------------------------------------------------
alter table ops.batch_newest_date owner to sra_transformer;
alter table core.fundata_performance_summary owner to sra_transformer;
alter table core.fundata_distributions owner to sra_transformer;
alter table core.fundata_top_holdings owner to sra_transformer;
alter table core.fundata_allocations owner to sra_transformer;
alter table core.fundata_expenses owner to sra_transformer;
alter table core.fundata_assets owner to sra_transformer;
alter table core.fundata_yearly_performance owner to sra_transformer;
