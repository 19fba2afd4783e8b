-- Up Migration
-- Reloads store only what changed (docs/LOADING.md, "Reloads"). When a CSV
-- file lands again under a name its dataset already holds (a --force reload,
-- a vendor's corrected file), each row whose record is exactly a record of
-- that earlier landing is not stored again: the new batch keeps a reference
-- to it instead, as runs of consecutive lines (raw.record_ref). raw.record
-- holds the rows that differ; the batch's lineage stays complete
-- (raw.batch_records lists every row of the file, stored or referenced).

alter table raw.batch add column referenced_count integer not null default 0;
comment on column raw.batch.referenced_count is
    'Rows of the file not stored again because the same record had landed in an earlier batch of the same file name (raw.record_ref); row_count counts them too.';

create table raw.record_ref (
    batch_id bigint not null references raw.batch (batch_id) on delete cascade,
    line_from integer not null,
    line_to integer not null,
    ref_batch_id bigint not null references raw.batch (batch_id) on delete cascade,
    ref_line_from integer not null,
    primary key (batch_id, line_from),
    check (line_to >= line_from)
);
comment on table raw.record_ref is
    'Rows of a batch stored as references: every landed line L of line_from..line_to is the record (ref_batch_id, ref_line_from + L - line_from), byte for byte.';
create index record_ref_ref_batch_idx on raw.record_ref (ref_batch_id);

-- Every row of a batch with its record: stored in the batch itself, or
-- referenced (stored_batch_id, stored_line say where).
create function raw.batch_records(p_batch_id bigint)
returns table (line integer, payload jsonb, stored_batch_id bigint, stored_line integer)
language sql
stable
as $$
    select r.line, r.payload, r.batch_id, r.line
    from raw.record as r
    where r.batch_id = p_batch_id
    union all
    select l.line, r.payload, r.batch_id, r.line
    from raw.record_ref as f
    cross join lateral generate_series(f.line_from, f.line_to) as l (line)
    join raw.record as r on r.batch_id = f.ref_batch_id and r.line = f.ref_line_from + l.line - f.line_from
    where f.batch_id = p_batch_id
$$;
comment on function raw.batch_records(bigint) is
    'Every landed row of a batch, stored or referenced (raw.record_ref), with where its record is stored.';

-- Moves a CSV landing from the session's temp table _landing (batch_id,
-- line, payload) into raw: a row equal to the row at the same line of the
-- earlier batch p_ref_batch_id (stored there, or itself referenced) becomes a
-- reference to where that record is stored (runs of consecutive lines); every
-- other row is stored. Returns (stored, referenced). Runs as its owner: the
-- loader reads no raw records itself; only a batch being landed (created
-- by the calling transaction) takes rows.
create function raw.land_referencing(p_batch_id bigint, p_ref_batch_id bigint)
returns table (stored bigint, referenced bigint)
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
declare
    v_stored bigint;
    v_referenced bigint;
begin
    if not exists (
        select 1 from raw.batch as b
        join raw.batch as r on r.dataset = b.dataset and r.batch_id < b.batch_id and r.status = 'landed'
        where b.batch_id = p_batch_id and b.xmin = pg_current_xact_id()::xid and r.batch_id = p_ref_batch_id
    ) then
        raise exception 'raw.land_referencing: batch % cannot refer to batch % (not a batch being landed, another dataset, or not an earlier landing)',
            p_batch_id, p_ref_batch_id;
    end if;

    -- the rows whose record is the earlier landing's record at the same line
    drop table if exists pg_temp._landing_same;
    create temp table _landing_same on commit drop as
    select l.line, e.stored_batch_id, e.stored_line
    from pg_temp._landing as l
    join raw.batch_records(p_ref_batch_id) as e on e.line = l.line and e.payload = l.payload
    where l.batch_id = p_batch_id;

    insert into raw.record (batch_id, line, payload)
    select l.batch_id, l.line, l.payload
    from pg_temp._landing as l
    where l.batch_id = p_batch_id
        and not exists (select 1 from pg_temp._landing_same as s where s.line = l.line);
    get diagnostics v_stored = row_count;

    -- runs: consecutive physical lines stored at consecutive lines of one
    -- batch (a gap, a stored row or a row spanning several lines ends a run)
    insert into raw.record_ref (batch_id, line_from, line_to, ref_batch_id, ref_line_from)
    select p_batch_id, min(g.line), max(g.line), g.stored_batch_id, min(g.line) + g.shift
    from (
        select
            s.line,
            s.stored_batch_id,
            s.stored_line - s.line as shift,
            s.line - row_number() over (partition by s.stored_batch_id, s.stored_line - s.line order by s.line) as run
        from pg_temp._landing_same as s
    ) as g
    group by g.stored_batch_id, g.shift, g.run;
    select count(*) into v_referenced from pg_temp._landing_same;

    drop table pg_temp._landing_same;
    return query select v_stored, v_referenced;
end
$$;
revoke all on function raw.land_referencing(bigint, bigint) from public;
grant execute on function raw.land_referencing(bigint, bigint) to sra_loader;
grant select on raw.record_ref to sra_transformer;
