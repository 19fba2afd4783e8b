-- Up Migration
-- The quality summary of every landed batch: its rows, the rows the loader
-- kept aside as unreadable, the records quarantined and the records with at
-- least one quality issue, per transform that consumed it, and a score: the
-- share of the batch's rows that reached core without any issue.
create view ops.batch_quality as
with
issues as (
    select q.batch_id, q.transform_name,
        count(*) as issues,
        -- quarantined records are counted once, as quarantined
        count(distinct (q.line, coalesce(q.elem, 0))) filter (
            where not exists (
                select 1 from ops.quarantine as z
                where z.batch_id = q.batch_id and z.transform_name = q.transform_name
                    and z.line = q.line and z.elem = coalesce(q.elem, 0)
            )
        ) as records_with_issues,
        jsonb_object_agg(q.rule, q.n) as issues_by_rule
    from (
        select batch_id, transform_name, line, elem, rule, count(*) over (partition by batch_id, transform_name, rule) as n
        from ops.quality_issue
    ) as q
    group by q.batch_id, q.transform_name
),
quarantined as (
    select batch_id, transform_name, count(*) as quarantined
    from ops.quarantine
    group by batch_id, transform_name
)
select
    b.batch_id,
    b.dataset,
    b.file_name,
    b.landed_at,
    t.transform_name,
    b.row_count as rows,
    b.rejected_count as rejected_rows,
    coalesce(qt.quarantined, 0) as quarantined,
    coalesce(i.records_with_issues, 0) as records_with_issues,
    coalesce(i.issues, 0) as issues,
    coalesce(i.issues_by_rule, '{}'::jsonb) as issues_by_rule,
    round(
        1 - least(
            (b.rejected_count + coalesce(qt.quarantined, 0) + coalesce(i.records_with_issues, 0))::numeric
                / greatest(b.row_count + b.rejected_count, 1),
            1),
        4) as score
from raw.batch as b
left join ops.transform_batch as t on t.batch_id = b.batch_id
left join issues as i on i.batch_id = b.batch_id and i.transform_name = t.transform_name
left join quarantined as qt on qt.batch_id = b.batch_id and qt.transform_name = t.transform_name;

comment on view ops.batch_quality is
    'One row per landed batch per transform that consumed it: rows, unreadable rows, quarantined records, records with quality issues (by rule) and a score from 0 to 1.';
grant select on ops.batch_quality to sra_transformer, sra_loader;
