-- view: api.data_quality
-- Grain: one row per (scope, subject, table): scope 'batch' = one landed
-- batch (subject its batch id), scope 'symbol' = one symbol over every
-- checked batch. From ops.quality_score (transforms/lib/corrections.sql,
-- docs/CORRECTIONS.md): the metric values (columns with a plausible range)
-- of the versions the batches wrote.
create view api.data_quality as
select
    'batch'::text as scope,
    s.batch_id::text as subject,
    s.batch_id,
    null::text as symbol,
    s."table" as table_name,
    b.dataset,
    sum(s.values_checked)::bigint as values_checked,
    sum(s.values_passed)::bigint as values_passed,
    sum(s.values_untyped)::bigint as values_untyped,
    sum(s.values_out_of_range)::bigint as values_out_of_range,
    sum(s.values_quarantined)::bigint as values_quarantined,
    round(sum(s.values_passed) / nullif(sum(s.values_checked), 0), 4) as score,
    max(s.checked_at) as checked_at
from ops.quality_score as s
join raw.batch as b on b.batch_id = s.batch_id
group by s.batch_id, s."table", b.dataset
union all
select
    'symbol'::text as scope,
    s.symbol as subject,
    null::bigint as batch_id,
    s.symbol,
    s."table" as table_name,
    min(b.dataset) as dataset,
    sum(s.values_checked)::bigint as values_checked,
    sum(s.values_passed)::bigint as values_passed,
    sum(s.values_untyped)::bigint as values_untyped,
    sum(s.values_out_of_range)::bigint as values_out_of_range,
    sum(s.values_quarantined)::bigint as values_quarantined,
    round(sum(s.values_passed) / nullif(sum(s.values_checked), 0), 4) as score,
    max(s.checked_at) as checked_at
from ops.quality_score as s
join raw.batch as b on b.batch_id = s.batch_id
where s.symbol is not null
group by s.symbol, s."table";

comment on view api.data_quality is
    'One row per batch and table (scope batch) and per symbol and table (scope symbol): the quality score, the share of metric values that passed (typed, in range, not quarantined), as a fraction 0..1.';
comment on column api.data_quality.scope is '''batch'' (one landed batch) or ''symbol'' (one symbol over every checked batch).';
comment on column api.data_quality.subject is 'The batch id (scope batch) or the symbol (scope symbol), as text.';
comment on column api.data_quality.table_name is 'The core table the values were written to, e.g. core.equity_ratios.';
comment on column api.data_quality.values_checked is 'Count of metric values: typed + untyped + quarantined (a quarantined record counts every metric column of its table).';
comment on column api.data_quality.values_passed is 'Count of values typed and within their plausible range (ops.metric_range).';
comment on column api.data_quality.values_untyped is 'Count of present values that did not type (bad_number, overflow quality issues).';
comment on column api.data_quality.values_out_of_range is 'Count of typed values outside their plausible range (flagged, kept).';
comment on column api.data_quality.values_quarantined is 'Count of values of quarantined records.';
comment on column api.data_quality.score is 'values_passed / values_checked: a fraction from 0 to 1 (not a percent), rounded to 4 decimals; NULL when no value was checked.';
comment on column api.data_quality.checked_at is 'When the newest of these values was checked (UTC).';
