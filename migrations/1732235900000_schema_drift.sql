-- Up Migration
-- Schema drift (docs/SCHEMA-DRIFT.md): the fields each transform reads, the
-- fields each landed batch holds, the changes between them, and what an
-- operator decided about each.

-- The field lines each transform stages, as core.stage received them (noted
-- by core.stage itself: the transform's own list, never a second one), and
-- the SQL that turns a landed record into the documents the transform reads.
create table ops.stage_fields (
    transform_name text primary key,
    version integer,
    fields text[] not null,
    docs text,
    noted_at timestamptz not null default now()
);
comment on table ops.stage_fields is
    'The field lines (column type Key|OtherKey) and documents SQL each transform passes to core.stage, noted by core.stage: the source of ops.dataset_field.';

-- What to do with a batch whose fields changed, per dataset.
create table ops.schema_policy (
    dataset text primary key,
    policy text not null check (policy in ('hold', 'pass_and_report', 'discard_field')),
    reason text,
    decided_by text not null default current_user,
    decided_at timestamptz not null default now()
);
comment on table ops.schema_policy is
    'Per dataset: hold (a batch with an open schema change waits for sra schema accept), pass_and_report (transformed, change reported), discard_field (new fields ignored, decision recorded). Default: Fundata hold, others pass_and_report.';

-- Every landed batch that was compared, with the fields it holds (a sample of
-- its documents): per field its type class, values seen, numbers seen, numbers
-- above 1 in absolute value and their median.
create table ops.schema_check (
    batch_id bigint primary key references raw.batch (batch_id) on delete cascade,
    dataset text not null,
    endpoint text,
    documents integer not null,
    fields jsonb not null,
    checked_at timestamptz not null default now()
);
create index schema_check_dataset_idx on ops.schema_check (dataset, batch_id);
comment on table ops.schema_check is
    'One row per landed batch compared with its dataset''s known fields: the API endpoint (missing fields are told against the previous batch of the same endpoint), documents sampled and per field {class, values, numbers, above_one, median, example}.';

create table ops.schema_change (
    schema_change_id bigint generated always as identity primary key,
    dataset text not null,
    field text not null,
    change text not null check (change in ('new', 'missing', 'renamed', 'retyped', 'unit_changed')),
    example text,
    first_seen timestamptz not null default now(),
    last_seen timestamptz not null default now(),
    state text not null default 'open' check (state in ('open', 'accepted', 'rejected', 'discarded', 'learned')),
    previous_field text,
    previous_type text,
    new_type text,
    batch_ids bigint[] not null default '{}',
    decided_by text,
    decided_at timestamptz,
    reason text,
    unique (dataset, field, change)
);
create index schema_change_open_idx on ops.schema_change (dataset) where state = 'open';
comment on table ops.schema_change is
    'One row per (dataset, field, change): new, missing, renamed (field = new name, previous_field = old), retyped (previous_type -> new_type: number, text, date, boolean, object, array), unit_changed (percent -> fraction); state open until accepted, rejected, discarded (policy) or learned (the transform reads it now).';
comment on column ops.schema_change.batch_ids is 'The batches that showed the change (held while it is open and the dataset''s policy is hold).';

-- Batches held back from their transforms: an open change of a dataset whose
-- policy is hold, or a rejected change (its batches stay out for good). Landed, not failed, never lost: released by
-- `sra schema accept <dataset>` or once the transform reads the fields.
create view ops.held_batch as
select
    b.batch_id,
    b.dataset,
    b.file_name,
    b.landed_at,
    array_agg(format('%s %s', c.change, c.field) order by c.schema_change_id) as changes
from ops.schema_change as c
left join ops.schema_policy as p on p.dataset = c.dataset
join raw.batch as b on b.batch_id = any(c.batch_ids)
where (c.state = 'open' and p.policy = 'hold') or c.state = 'rejected'
group by b.batch_id, b.dataset, b.file_name, b.landed_at;
comment on view ops.held_batch is
    'Landed batches a transform does not consume yet: their dataset''s policy is hold and a schema change they show is open.';

grant select, insert, update on ops.stage_fields, ops.schema_check, ops.schema_change, ops.schema_policy to sra_transformer;
grant select on ops.held_batch to sra_transformer, sra_loader;

-- Decided with the product: the daily history of the market and sector quotes
-- carries a volume-weighted price that core.market_and_sector_quotes has no
-- column for (the quote endpoint gives none); it stays in raw_json.
-- The legacy daily prices' label and changeOverTime describe the requested
-- window, not the day (core.fmp_transform_prices): they stay in raw_json.
insert into ops.schema_change (dataset, field, change, example, state, new_type, decided_by, decided_at, reason)
values
    ('fmp.market_quote', 'vwap', 'new', null, 'discarded', 'number', 'sra-data', now(),
        'the daily history''s volume-weighted price has no column in core.market_and_sector_quotes: kept in raw_json only'),
    ('fmp.equity_price', 'label', 'new', null, 'discarded', 'text', 'sra-data', now(),
        'describes the requested window, not the day: kept in raw_json only'),
    ('fmp.equity_price', 'changeOverTime', 'new', null, 'discarded', 'number', 'sra-data', now(),
        'describes the requested window, not the day: kept in raw_json only'),
    ('fmp.etf_price', 'label', 'new', null, 'discarded', 'text', 'sra-data', now(),
        'describes the requested window, not the day: kept in raw_json only'),
    ('fmp.etf_price', 'changeOverTime', 'new', null, 'discarded', 'number', 'sra-data', now(),
        'describes the requested window, not the day: kept in raw_json only');
