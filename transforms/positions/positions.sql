-- transform: positions
-- version: 2
-- target: core.portfolio
-- datasets: positions.portfolio
-- Grain: one core.portfolio row per portfolio per version, its positions in
-- core.position. From position files (CSV rows, or a JSON array of objects
-- with the same keys): portfolio, symbol, quantity, entry_price, entry_date,
-- position_type, underlying, strike, expiry, tags, last_price.
-- Rules (docs/ANALYTICS.md):
-- - a row whose type is not LONG, SHORT, LC, LP, SC, SP, whose quantity's
--   sign contradicts its type (negative for SHORT, SC, SP; positive for the
--   others), an option without underlying, strike or expiry, or an entry
--   price that is missing or not positive is quarantined with its reason
--   and recorded as a quality issue: never guessed;
-- - tags: a ';'-separated list (or a JSON array) -> text[];
-- - multiplier: 100 for options, 1 for stocks;
-- - a row naming only a portfolio (every other field empty) declares it, so
--   a file can hold a portfolio with no positions;
-- - a file replaces the positions of every portfolio it names: when the
--   set of valid positions differs from the latest version, it becomes the
--   next version (history kept; the views read the latest).

create or replace function core.transform_positions(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    v_issues bigint;
    v_quarantined bigint;
    v_out bigint;
begin
    v_in := core.stage('positions', p_batches, array[
        'portfolio text portfolio',
        'symbol text symbol',
        'quantity num quantity',
        'entry_price num entry_price',
        'entry_date day entry_date',
        'position_type text position_type',
        'underlying text underlying',
        'strike num strike',
        'expiry day expiry',
        'tags json tags',
        'last_price num last_price'
    ],
    -- a JSON file holds an array of position objects; a CSV row is one
    $d$select case when jsonb_typeof(s.payload) = 'array' then e.o::integer else 0 end, e.v from jsonb_array_elements(
        case jsonb_typeof(s.payload) when 'array' then s.payload else jsonb_build_array(s.payload) end
    ) with ordinality as e (v, o)$d$);

    drop table if exists _pos;
    create temp table _pos on commit drop as
    select
        s.*,
        -- a number's written scale is not content: 10.50 and 10.5 are one price
        trim_scale(s.quantity) as qty,
        trim_scale(s.entry_price) as entry,
        trim_scale(s.strike) as k,
        trim_scale(s.last_price) as last,
        upper(s.position_type) as ptype,
        s.symbol is null and s.quantity is null and s.entry_price is null and s.position_type is null
            and s.underlying is null and s.strike is null and s.expiry is null
            and s.last_price is null and s.entry_date is null as declaration,
        case
            when jsonb_typeof(s.payload) <> 'object' then 'not_an_object'
            when s.portfolio is null then 'missing_portfolio'
            when s.symbol is null and s.quantity is null and s.entry_price is null and s.position_type is null
                and s.underlying is null and s.strike is null and s.expiry is null
                and s.last_price is null and s.entry_date is null then null
            when s.symbol is null then 'missing_symbol'
            when s.position_type is null then 'missing_position_type'
            when upper(s.position_type) not in ('LONG', 'SHORT', 'LC', 'LP', 'SC', 'SP') then 'unknown_position_type'
            when s.quantity is null then 'missing_quantity'
            when s.quantity = 0 then 'zero_quantity'
            when (upper(s.position_type) in ('LONG', 'LC', 'LP') and s.quantity < 0)
                or (upper(s.position_type) in ('SHORT', 'SC', 'SP') and s.quantity > 0) then 'sign_contradicts_type'
            when upper(s.position_type) in ('LC', 'LP', 'SC', 'SP') and s.underlying is null then 'option_missing_underlying'
            when upper(s.position_type) in ('LC', 'LP', 'SC', 'SP') and s.strike is null then 'option_missing_strike'
            when upper(s.position_type) in ('LC', 'LP', 'SC', 'SP') and s.expiry is null then 'option_missing_expiry'
            when upper(s.position_type) in ('LC', 'LP', 'SC', 'SP') and s.strike <= 0 then 'non_positive_strike'
            when s.entry_price is null then 'missing_entry_price'
            when s.entry_price <= 0 then 'non_positive_entry_price'
        end as reason,
        case
            when s.tags is null or jsonb_typeof(s.tags) = 'null' then '{}'::text[]
            when jsonb_typeof(s.tags) = 'array' then array(
                select btrim(t) from jsonb_array_elements_text(s.tags) as t where btrim(t) <> '')
            else array(
                select btrim(t) from unnest(string_to_array(s.tags #>> '{}', ';')) as t where btrim(t) <> '')
        end as tag_list
    from _stage as s;

    ---------- rows that break a rule: quarantined and recorded
    insert into ops.quarantine (batch_id, line, elem, dataset, transform_name, reason, payload)
    select p.batch_id, p.line, p.elem, p.dataset, 'positions', p.reason, p.payload
    from _pos as p
    where p.reason is not null
    on conflict do nothing;
    get diagnostics v_quarantined = row_count;

    insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, raw_value, identifier, detail)
    select p.batch_id, p.line, p.elem, p.dataset, 'positions', p.reason,
        case
            when p.reason in ('missing_portfolio', 'missing_symbol', 'missing_quantity') then substr(p.reason, 9)
            when p.reason in ('missing_position_type', 'unknown_position_type') then 'position_type'
            when p.reason in ('zero_quantity', 'sign_contradicts_type') then 'quantity'
            when p.reason like 'option_missing_%' then substr(p.reason, 16)
            when p.reason = 'non_positive_strike' then 'strike'
            when p.reason in ('missing_entry_price', 'non_positive_entry_price') then 'entry_price'
        end,
        case
            when p.reason in ('unknown_position_type') then p.payload ->> 'position_type'
            when p.reason in ('zero_quantity', 'sign_contradicts_type') then p.payload ->> 'quantity'
            when p.reason = 'non_positive_strike' then p.payload ->> 'strike'
            when p.reason = 'non_positive_entry_price' then p.payload ->> 'entry_price'
        end,
        p.symbol,
        'record quarantined' || coalesce(' (portfolio ' || p.portfolio || ')', '')
    from _pos as p
    where p.reason is not null;
    get diagnostics v_issues = row_count;

    ---------- the new set of positions of every portfolio each batch names
    drop table if exists _sets;
    create temp table _sets on commit drop as
    select
        p.portfolio,
        p.batch_id,
        min(p.format) as format,
        min(p.source_file) as source_file,
        max(p.updated_at) as updated_at,
        count(*) filter (where p.reason is null and not p.declaration) as position_count,
        hash_record_extended(row(coalesce(array_agg(
            row(p.symbol, p.ptype, p.qty, p.entry, p.entry_date, p.underlying, p.k, p.expiry,
                p.tag_list, p.last)::text
            order by p.line, p.elem) filter (where p.reason is null and not p.declaration), '{}')), 0) as content_hash
    from _pos as p
    where p.portfolio is not null and jsonb_typeof(p.payload) = 'object'
    group by p.portfolio, p.batch_id;

    ---------- a new version where the set differs from the version before it
    drop table if exists _versions;
    create temp table _versions on commit drop as
    with
    ordered as (
        select s.*, lag(s.content_hash) over (partition by s.portfolio order by s.batch_id) as prev_hash
        from _sets as s
    ),
    cur as (
        select distinct on (c.portfolio) c.portfolio, c.data_version, c.content_hash
        from core.portfolio as c
        where c.portfolio in (select portfolio from _sets)
        order by c.portfolio, c.data_version desc
    )
    select o.*,
        coalesce(c.data_version, 0) + row_number() over (partition by o.portfolio order by o.batch_id) as data_version
    from ordered as o
    left join cur as c on c.portfolio = o.portfolio
    where o.content_hash is distinct from coalesce(o.prev_hash, c.content_hash);

    insert into core.portfolio (portfolio, data_version, position_count, content_hash, data_source, source_file, batch_id, updated_at)
    select v.portfolio, v.data_version, v.position_count, v.content_hash,
        case when v.format = 'json' then 'JSON' else 'CSV' end, v.source_file, v.batch_id, v.updated_at
    from _versions as v;
    get diagnostics v_out = row_count;

    insert into core.position (portfolio, data_version, position_no, symbol, position_type, quantity, entry_price,
        entry_date, underlying, strike, expiry, tags, last_price, multiplier,
        data_source, source_file, content_hash, updated_at, batch_id, batch_line, batch_elem)
    select p.portfolio, v.data_version,
        row_number() over (partition by p.portfolio, v.data_version order by p.line, p.elem),
        p.symbol, p.ptype, p.qty, p.entry, p.entry_date,
        case when p.ptype in ('LONG', 'SHORT') then coalesce(p.underlying, p.symbol) else p.underlying end,
        p.k, p.expiry, p.tag_list, p.last,
        case when p.ptype in ('LONG', 'SHORT') then 1 else 100 end,
        case when p.format = 'json' then 'JSON' else 'CSV' end, p.source_file,
        hash_record_extended(row(p.symbol, p.ptype, p.qty, p.entry, p.entry_date, p.underlying,
            p.k, p.expiry, p.tag_list, p.last), 0),
        p.updated_at, p.batch_id, p.line, p.elem
    from _pos as p
    join _versions as v on v.portfolio = p.portfolio and v.batch_id = p.batch_id
    where p.reason is null and not p.declaration;

    return query select v_in, v_out, v_issues, v_quarantined;
end
$$;
