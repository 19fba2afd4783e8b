-- Up Migration
-- The layers of sra-data: raw (landing), core (typed history), agg (aggregates),
-- api (client contract), ops (runs, files, API calls, quality, transform ledger).
-- Forward-only: fix a merged migration with a new one.

create schema if not exists raw;
create schema if not exists core;
create schema if not exists agg;
create schema if not exists api;
create schema if not exists ops;
-- the two typing families of transforms/lib/parsing.sql (fast casts, careful parsing)
create schema if not exists parse_fast;
create schema if not exists parse_careful;

-- Group roles (NOLOGIN): operators grant them to login users.
do $$
declare
    r text;
begin
    foreach r in array array['sra_loader', 'sra_transformer', 'sra_reader'] loop
        if not exists (select 1 from pg_roles where rolname = r) then
            execute format('create role %I nologin', r);
        end if;
    end loop;
end
$$;

---------------------------------------------------------------------------
-- raw: one batch per CSV file or API response; one JSONB record per CSV row
-- or API document, untouched.
---------------------------------------------------------------------------
create table raw.batch (
    batch_id bigint generated always as identity primary key,
    source text not null check (source in ('fundata', 'fmp')),
    dataset text not null,
    origin text not null check (origin in ('csv', 'api')),
    format text not null default 'csv_row' check (format in ('csv_row', 'json')),
    request jsonb,
    file_name text,
    file_size bigint,
    sha256 text,
    http_status integer,
    row_count integer not null default 0,
    rejected_count integer not null default 0,
    status text not null default 'landed' check (status in ('landed', 'failed')),
    error text,
    task_run_id bigint,
    started_at timestamptz not null default now(),
    landed_at timestamptz not null default now()
);
comment on table raw.batch is
    'One row per landed CSV file or API response. Rows exist only once the whole batch committed.';
create index batch_dataset_sha_idx on raw.batch (dataset, sha256);
create index batch_dataset_landed_idx on raw.batch (dataset, batch_id);

-- No foreign key to raw.batch: a record is only ever written in the same
-- transaction as its batch row, and a per-row key check would halve COPY speed.
create table raw.record (
    batch_id bigint not null,
    line integer not null,
    payload jsonb not null,
    primary key (batch_id, line)
);
comment on table raw.record is
    'One row per CSV row (keyed by header) or API document, untouched. line: physical line in the file, or the document ordinal.';

create table raw.rejected_row (
    batch_id bigint not null,
    line integer not null,
    raw_text text,
    reason text not null,
    primary key (batch_id, line)
);
comment on table raw.rejected_row is
    'Rows the loader could not read (column count, quoting, encoding): kept verbatim with the reason.';

---------------------------------------------------------------------------
-- ops: runs, files, ledger, quality
---------------------------------------------------------------------------
create table ops.task_run (
    task_run_id bigint generated always as identity primary key,
    parent_run_id bigint references ops.task_run (task_run_id) on delete cascade,
    task_type text not null,
    task_id text not null,
    status text not null default 'running'
        check (status in ('running', 'completed', 'partial', 'failed', 'cancelled')),
    started_at timestamptz not null default now(),
    finished_at timestamptz,
    duration_ms bigint generated always as
        ((extract(epoch from (finished_at - started_at)) * 1000)::bigint) stored,
    records_processed bigint not null default 0,
    records_failed bigint not null default 0,
    error_count integer not null default 0,
    error_details jsonb not null default '[]'::jsonb,
    performance_metrics jsonb not null default '{}'::jsonb,
    peak_memory_mb numeric(10, 1),
    host text
);
create index task_run_type_started_idx on ops.task_run (task_type, started_at desc);
create index task_run_parent_idx on ops.task_run (parent_run_id);

create table ops.file_tracker (
    file_path text not null,
    dataset text not null,
    sha256 text not null,
    file_size bigint not null,
    records integer,
    rejected integer,
    first_processed_at timestamptz not null default now(),
    last_processed_at timestamptz not null default now(),
    process_count integer not null default 1,
    status text not null check (status in ('landed', 'skipped', 'failed', 'lfs_pointer')),
    last_batch_id bigint,
    last_error text,
    primary key (file_path, sha256)
);

create table ops.transform_definition (
    name text primary key,
    kind text not null check (kind in ('lib', 'transform', 'view')),
    version integer not null,
    checksum text not null,
    file_path text not null,
    target text,
    datasets text[] not null default '{}',
    applied_at timestamptz not null default now(),
    needs_rebuild boolean not null default false
);

create table ops.transform_definition_history (
    name text not null,
    version integer not null,
    checksum text not null,
    applied_at timestamptz not null default now(),
    primary key (name, version, checksum)
);

create table ops.transform_run (
    transform_run_id bigint generated always as identity primary key,
    transform_name text not null,
    version integer not null,
    started_at timestamptz not null default now(),
    finished_at timestamptz,
    batches integer not null default 0,
    rows_in bigint not null default 0,
    rows_out bigint not null default 0,
    issues bigint not null default 0,
    quarantined bigint not null default 0
);

create table ops.transform_batch (
    transform_name text not null,
    batch_id bigint not null references raw.batch (batch_id) on delete cascade,
    version integer not null,
    transform_run_id bigint references ops.transform_run (transform_run_id),
    consumed_at timestamptz not null default now(),
    primary key (transform_name, batch_id)
);
create index transform_batch_batch_idx on ops.transform_batch (batch_id);

create table ops.quality_issue (
    quality_issue_id bigint generated always as identity primary key,
    batch_id bigint not null,
    line integer,
    elem integer,
    dataset text not null,
    transform_name text,
    rule text not null,
    field text,
    raw_value text,
    identifier text,
    detail text,
    detected_at timestamptz not null default now()
);
create index quality_issue_batch_idx on ops.quality_issue (batch_id);
create index quality_issue_rule_idx on ops.quality_issue (rule, detected_at desc);

create table ops.quarantine (
    batch_id bigint not null,
    line integer not null,
    elem integer not null default 0,
    dataset text not null,
    transform_name text not null,
    reason text not null,
    payload jsonb not null,
    quarantined_at timestamptz not null default now(),
    primary key (transform_name, batch_id, line, elem)
);
comment on table ops.quarantine is
    'Records a transform could not key (e.g. no identifier): kept with the reason, never loaded into core.';

---------------------------------------------------------------------------
-- core: typed, rounded, versioned history with lineage to raw
---------------------------------------------------------------------------
-- Identifiers and symbols are codes: collate "C" (byte order) makes every
-- key sort and index comparison a memcmp instead of a locale lookup.
create table core.instrument (
    identifier text collate "C" primary key,
    first_seen_at timestamptz not null default now(),
    first_batch_id bigint,
    in_fundata_data boolean not null default false,
    in_fundata_quotes boolean not null default false
);
-- core tables hold lineage (batch_id, batch_line) as values, not foreign keys:
-- raw batches can be retired by retention once consumed, and bulk transforms
-- keep the registry consistent themselves (tests/sql/core/relationships.test.sql).
comment on table core.instrument is
    'Shared identifier registry: the same Fundata InstrumentKey is one instrument in data and quotes.';

create table core.fundata_data (
    identifier text collate "C" not null,
    record_id text,
    language text,
    legal_name text,
    family_name text,
    series_name text,
    company text,
    inception_date date,
    currency text,
    record_state text,
    change_date date,
    management_fee decimal(12, 2),
    expense_ratio decimal(12, 2),
    minimum_investment decimal(12, 2),
    nav_value decimal(12, 2),
    yield_rate decimal(12, 2),
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
    constraint fundata_data_version_uq unique nulls not distinct
        (identifier, data_version, array_source_field, array_element_index)
);
create index fundata_data_company_identifier_idx on core.fundata_data (company, identifier);
create index fundata_data_source_file_idx on core.fundata_data (source_file);
create index fundata_data_processed_at_idx on core.fundata_data (processed_at);
-- The version key is the table's key (no surrogate id: it would be one more
-- index to maintain on every bulk insert). Lookups by identifier use its
-- leading column.
alter table core.fundata_data cluster on fundata_data_version_uq;

create table core.fundata_quotes (
    identifier text collate "C" not null,
    record_id text,
    date date not null,
    navps decimal(12, 2),
    navps_penny_change decimal(12, 2),
    navps_percent_change decimal(12, 2),
    previous_date date,
    previous_navps decimal(12, 2),
    current_yield decimal(12, 2),
    current_yield_percent_change decimal(12, 2),
    price decimal(12, 2),
    volume_weighted_price decimal(12, 2),
    bid_price decimal(12, 2),
    ask_price decimal(12, 2),
    split decimal(12, 2),
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
    constraint fundata_quotes_version_uq unique nulls not distinct
        (identifier, date, data_version, array_source_field, array_element_index)
);
-- The version key (identifier, date, data_version, ...) is the table's key and
-- serves the seed's "identifier" and "identifier + date desc" lookups: a btree
-- scans backwards as fast as forwards, so a separate (identifier, date desc)
-- index would only double the cost of every bulk insert.
create index fundata_quotes_date_idx on core.fundata_quotes (date);
create index fundata_quotes_source_file_idx on core.fundata_quotes (source_file);
create index fundata_quotes_processed_at_idx on core.fundata_quotes (processed_at);
alter table core.fundata_quotes cluster on fundata_quotes_version_uq;

---------------------------------------------------------------------------
-- Privileges (docs/ARCHITECTURE.md §7)
---------------------------------------------------------------------------
revoke all on schema raw, core, agg, api, ops from public;
grant usage on schema parse_fast, parse_careful to sra_transformer;

-- loader: land raw data and record its runs, nothing else.
grant usage on schema raw, ops to sra_loader;
grant select, insert, update on raw.batch to sra_loader;
grant insert on raw.record, raw.rejected_row to sra_loader;
grant select, insert, update on ops.task_run, ops.file_tracker to sra_loader;

-- transformer: owns the derived layers, reads raw, writes the ledger and quality.
grant usage on schema raw, core, agg, api, ops to sra_transformer;
grant create on schema core, agg to sra_transformer;
grant select on all tables in schema raw to sra_transformer;
grant select, insert, update, delete on all tables in schema core, agg to sra_transformer;
grant select, insert, update, delete on
    ops.transform_definition, ops.transform_run, ops.transform_batch,
    ops.quality_issue, ops.quarantine, ops.task_run
    to sra_transformer;
grant select on all tables in schema api to sra_transformer;
alter table core.instrument owner to sra_transformer;
alter table core.fundata_data owner to sra_transformer;
alter table core.fundata_quotes owner to sra_transformer;

-- reader: the api views and nothing else.
grant usage on schema api to sra_reader;
alter default privileges in schema api grant select on tables to sra_reader;
