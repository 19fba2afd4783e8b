-- Up Migration
-- A CSV row is stored once, compactly (docs/LOADING.md, "How a record is
-- stored"; docs/BENCHMARKS.md). The loader used to store each CSV row as a
-- JSON object keyed by the header, repeating the column names on every row
-- (about 410 bytes of a 110-byte NAVPS line). It now stores the row's values
-- as one CSV line (RFC 4180: values joined by commas, a value quoted only
-- when it holds a comma, a quote or a line break), and the header once per
-- batch (raw.batch.header). The JSON record is derived, never stored twice:
--
--   raw.stored_record   the table: payload (an API document, or a record
--                       stored as JSON) or csv (a CSV row), exactly one
--   raw.record          the view every reader used before: (batch_id, line,
--                       payload), payload being the stored JSON or the CSV
--                       row keyed by its batch's header
--
-- The record is the same JSON object either way: every value a string, keyed
-- by the trimmed header names. Rows landed before this migration keep their
-- JSON form; both forms are read alike.

alter table raw.record rename to stored_record;
alter index raw.record_pkey rename to stored_record_pkey;
alter table raw.stored_record alter column payload drop not null;
alter table raw.stored_record add column csv text;
alter table raw.stored_record
    add constraint stored_record_one_form check (num_nonnulls(payload, csv) = 1);
comment on table raw.stored_record is
    'One row per CSV row or API document, untouched: payload (JSON: an API document, or a record stored as JSON) or csv (a CSV row''s values as one RFC 4180 line, keyed by raw.batch.header). line: physical line in the file, or the document ordinal. Read records through raw.record.';
comment on column raw.stored_record.csv is
    'A CSV row''s values as one line: joined by commas, a value quoted ("…", a quote doubled) only when it holds a comma, a quote, CR or LF. raw.csv_fields splits it; raw.batch.header names the values.';

-- The values of a stored CSV line that holds a quote, read field by field (a
-- quoted field ends at a quote not doubled).
create function raw.csv_fields_quoted(p_csv text)
returns text[]
language sql
immutable
strict
parallel safe
as $$
    select array_agg(
        case when left(f.m[1], 1) = '"' then replace(substr(f.m[1], 2, length(f.m[1]) - 2), '""', '"') else f.m[1] end
        order by f.n)
    from regexp_matches(p_csv || ',', '("(?:[^"]|"")*"|[^,"]*),', 'g') with ordinality as f (m, n)
$$;

-- The values of a stored CSV line, in order. A line without a quote (nearly
-- every line) is split at its commas. Not strict, and one expression: the
-- planner inlines it into the query that reads the lines.
create function raw.csv_fields(p_csv text)
returns text[]
language sql
immutable
parallel safe
as $$
    select case
        when strpos(p_csv, '"') > 0 then raw.csv_fields_quoted(p_csv)
        when p_csv = '' then array['']
        else string_to_array(p_csv, ',')
    end
$$;
comment on function raw.csv_fields(text) is
    'The values of a CSV line stored in raw.stored_record.csv, in order (RFC 4180 quoting).';

-- The n-th value of a stored CSV line: a line without a quote is cut at its
-- commas (split_part, no array built: a query that reads several values of
-- a line repeats only this short scan); a line with one is read whole.
create function raw.csv_field(p_csv text, p_n integer)
returns text
language sql
immutable
parallel safe
as $$
    select case
        when strpos(p_csv, '"') > 0 then (raw.csv_fields_quoted(p_csv))[p_n]
        else split_part(p_csv, ',', p_n)
    end
$$;
comment on function raw.csv_field(text, integer) is
    'The n-th value (from 1) of a CSV line stored in raw.stored_record.csv.';

-- A stored CSV line as the JSON record it stands for: each value under its
-- header name.
create function raw.csv_record(p_header text[], p_csv text)
returns jsonb
language sql
immutable
parallel safe
as $$
    select jsonb_object(p_header, raw.csv_fields(p_csv))
$$;
comment on function raw.csv_record(text[], text) is
    'A CSV row stored as a line (raw.stored_record.csv) as its JSON record: each value, a string, under its header name.';

create view raw.record as
select
    r.batch_id,
    r.line,
    coalesce(
        r.payload,
        raw.csv_record((select b.header from raw.batch as b where b.batch_id = r.batch_id), r.csv)
    ) as payload
from raw.stored_record as r;
comment on view raw.record is
    'One row per CSV row (keyed by header) or API document, untouched, as JSON: raw.stored_record''s payload, or its CSV line keyed by the batch''s header. line: physical line in the file, or the document ordinal.';

-- Records written as JSON through the view (an API document, a test's
-- record) are stored as JSON; deletes pass through to raw.stored_record.
create function raw.record_insert()
returns trigger
language plpgsql
as $$
begin
    insert into raw.stored_record (batch_id, line, payload) values (new.batch_id, new.line, new.payload);
    return new;
end
$$;
create trigger record_insert instead of insert on raw.record
for each row execute function raw.record_insert();

grant select on raw.record to sra_transformer;
grant insert on raw.record to sra_loader;

create or replace function raw.refresh_statistics()
returns void
language plpgsql
security definer
set search_path = pg_catalog
as $$
begin
    analyze raw.batch;
    analyze raw.stored_record;
end
$$;

-- Every row of a batch as stored, whether stored in it or referenced
-- (raw.record_ref): where it is stored, its payload or CSV line, and the
-- header of the batch that stores it, the one its line is read under (a
-- referenced line may come from a landing whose header had another order).
drop function raw.land_referencing(bigint, bigint);
drop function raw.batch_records(bigint);
create function raw.batch_rows(p_batch_id bigint)
returns table (line integer, stored_batch_id bigint, stored_line integer, payload jsonb, csv text, header text[])
language sql
stable
as $$
    select r.line, r.batch_id, r.line, r.payload, r.csv, (select b.header from raw.batch as b where b.batch_id = p_batch_id)
    from raw.stored_record as r
    where r.batch_id = p_batch_id
    union all
    -- each run's header looked up once, before its lines are spread out
    -- (offset 0), never once per row
    select l.line, r.batch_id, r.line, r.payload, r.csv, f.header
    from (
        select f.line_from, f.line_to, f.ref_batch_id, f.ref_line_from,
            (select b.header from raw.batch as b where b.batch_id = f.ref_batch_id) as header
        from raw.record_ref as f
        where f.batch_id = p_batch_id
        offset 0
    ) as f
    cross join lateral generate_series(f.line_from, f.line_to) as l (line)
    join raw.stored_record as r on r.batch_id = f.ref_batch_id and r.line = f.ref_line_from + l.line - f.line_from
$$;
comment on function raw.batch_rows(bigint) is
    'Every landed row of a batch, stored or referenced (raw.record_ref), as stored: where, its payload or CSV line, and the header of the batch that stores it.';

-- Every row of a batch with its record as JSON (csv: the stored CSV line,
-- when the record is stored as one).
create function raw.batch_records(p_batch_id bigint)
returns table (line integer, payload jsonb, csv text, stored_batch_id bigint, stored_line integer)
language sql
stable
as $$
    select r.line, coalesce(r.payload, raw.csv_record(r.header, r.csv)), r.csv, r.stored_batch_id, r.stored_line
    from raw.batch_rows(p_batch_id) as r
$$;
comment on function raw.batch_records(bigint) is
    'Every landed row of a batch, stored or referenced (raw.record_ref), with its record as JSON, its stored CSV line (csv, when stored as one) and where it is stored.';

-- Moves a CSV landing from the session's temp table _landing (batch_id,
-- line, csv) into raw.stored_record: a row whose line is the earlier batch's
-- line at the same position (stored there, or itself referenced) under the
-- same header becomes a reference to where that record is stored (runs of
-- consecutive lines); every other row is stored. Returns (stored,
-- referenced). Runs as its owner: the loader reads no raw records itself;
-- only a batch being landed (created by the calling transaction) takes rows.
create function raw.land_referencing(p_batch_id bigint, p_ref_batch_id bigint)
returns table (stored bigint, referenced bigint)
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
-- a file's rows are joined with its earlier landing's and sorted by line: in memory
set work_mem = '256MB'
as $$
declare
    v_stored bigint;
    v_referenced bigint;
    v_header text[];
begin
    if not exists (
        select 1 from raw.batch as b
        join raw.batch as r on r.dataset = b.dataset and r.batch_id < b.batch_id and r.status = 'landed'
        where b.batch_id = p_batch_id and b.xmin = pg_current_xact_id()::xid and r.batch_id = p_ref_batch_id
    ) then
        raise exception 'raw.land_referencing: batch % cannot refer to batch % (not a batch being landed, another dataset, or not an earlier landing)',
            p_batch_id, p_ref_batch_id;
    end if;

    -- the rows whose record is the earlier landing's at the same line: the
    -- same CSV line under the same header, else the same JSON record (a
    -- record stored as JSON, or a header in another order); each of the
    -- earlier rows is read under the header of the batch that stores it
    select b.header into v_header from raw.batch as b where b.batch_id = p_batch_id;
    analyze pg_temp._landing;
    drop table if exists pg_temp._landing_same;
    create temp table _landing_same on commit drop as
    select l.line, e.stored_batch_id, e.stored_line
    from pg_temp._landing as l
    join raw.batch_rows(p_ref_batch_id) as e on e.line = l.line
    where l.batch_id = p_batch_id
        and case
            when e.csv is not null and e.header = v_header then e.csv = l.csv
            else coalesce(e.payload, raw.csv_record(e.header, e.csv)) = raw.csv_record(v_header, l.csv)
        end;

    insert into raw.stored_record (batch_id, line, csv)
    select l.batch_id, l.line, l.csv
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

-- the core _latest views read raw_json from raw.record: point them at the view
do $$
declare
    t record;
begin
    for t in
        select distinct v.relname::text as name
        from pg_depend as d
        join pg_rewrite as w on w.oid = d.objid
        join pg_class as v on v.oid = w.ev_class
        where d.refobjid = 'raw.stored_record'::regclass
            and v.relnamespace = 'core'::regnamespace
            and v.relname like '%\_latest'
        order by 1
    loop
        perform core.create_latest_view(format('core.%I', left(t.name, -length('_latest')))::regclass);
    end loop;
end
$$;
