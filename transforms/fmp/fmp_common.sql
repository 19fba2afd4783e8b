-- definition: fmp.common
-- version: 7
-- Steps shared by the FMP transforms (transforms/fmp/*.sql), between
-- core.stage and core.write_versions (transforms/lib). One landed batch is one
-- API response (raw.record line 1); these functions turn responses into
-- documents, keep what no typed column holds, check prices, and mark the
-- children a full list no longer names.

-- The documents of one response, as SQL for core.stage's p_docs (over
-- s.payload and s.request, returning (elem, doc); elem is the 0-based position
-- in the response):
--   rows        an array of objects (most endpoints); a single non-empty
--               object is one document; {} and {"Error Message": ...} none
--   historical  daily prices: legacy {symbol, historical: [...]} (each row
--               gets the object's symbol when it has none) or the stable
--               flat array
--   peers       legacy [{symbol, peersList: [...]}] as they are; the stable
--               array of peer objects becomes one document
--               {symbol: <requested symbol>, peers: [...]}, so a symbol's peer
--               list is one version either way
create or replace function core.fmp_docs(p_shape text)
returns text
language sql
immutable
as $$
    select case p_shape
        when 'rows' then $q$
            select (e.i - 1)::integer, e.doc
            from jsonb_array_elements(
                case jsonb_typeof(s.payload)
                    when 'array' then s.payload
                    when 'object' then
                        case when s.payload = '{}'::jsonb or s.payload ? 'Error Message' then '[]'::jsonb
                            else jsonb_build_array(s.payload) end
                    else '[]'::jsonb
                end
            ) with ordinality as e (doc, i)
        $q$
        when 'historical' then $q$
            select
                (e.i - 1)::integer,
                case
                    when h.symbol is not null and jsonb_typeof(e.doc) = 'object' and not e.doc ? 'symbol'
                        then jsonb_build_object('symbol', h.symbol) || e.doc
                    else e.doc
                end
            from (
                -- read the (large) response once, not once per row
                select
                    case jsonb_typeof(s.payload)
                        when 'array' then s.payload
                        when 'object' then
                            case when jsonb_typeof(s.payload -> 'historical') = 'array' then s.payload -> 'historical'
                                else '[]'::jsonb end
                        else '[]'::jsonb
                    end as rows,
                    case when jsonb_typeof(s.payload) = 'object' then s.payload -> 'symbol' end as symbol
                offset 0
            ) as h
            cross join lateral jsonb_array_elements(h.rows) with ordinality as e (doc, i)
            -- each document is built once, not once per field that reads it
            offset 0
        $q$
        when 'peers' then $q$
            select (e.i - 1)::integer, e.doc
            from jsonb_array_elements(
                case when jsonb_typeof(s.payload) = 'array' and jsonb_typeof(s.payload -> 0 -> 'peersList') = 'array'
                    then s.payload else '[]'::jsonb end
            ) with ordinality as e (doc, i)
            union all
            select 0, jsonb_build_object('symbol', s.request -> 'params' -> 'symbol', 'peers', s.payload)
            -- case, not "and": jsonb_array_length raises on a non-array
            where case when jsonb_typeof(s.payload) = 'array'
                then jsonb_array_length(s.payload) > 0
                    and jsonb_typeof(s.payload -> 0 -> 'peersList') is distinct from 'array'
                else false end
        $q$
    end
$$;

-- Keeps, in _stage.extra, each document's scalar keys that no field line
-- reads (FMP adds fields over time): they count as content for versioning,
-- and each is reported once per batch as an 'unknown_field' quality issue.
-- Array fields are content already (exploded into rows). A field discarded by
-- a dataset's schema policy (docs/SCHEMA-DRIFT.md) is ignored: not kept, not
-- reported. Returns the number of issues.
create or replace function core.fmp_keep_remainder(p_transform text, p_fields text[])
returns bigint
language plpgsql
as $$
declare
    v_keys text[];
    v_issues bigint;
begin
    select array_agg(distinct k) into v_keys
    from unnest(p_fields) as f
    cross join lateral unnest(string_to_array(split_part(f, ' ', 3), '|')) as k
    where k not like '@%';
    -- schema drift: fields discarded for the transform's datasets
    v_keys := v_keys || array(
        select c.field
        from ops.schema_change as c
        join ops.transform_definition as d on d.name = p_transform and c.dataset = any(d.datasets)
        where c.state = 'discarded'
    );

    alter table _stage add column extra jsonb;
    update _stage as s
    set extra = core.scalars(s.payload - v_keys)
    where jsonb_typeof(s.payload) = 'object'
        and core.scalars(s.payload - v_keys) <> '{}'::jsonb;

    insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, raw_value, detail)
    select distinct on (s.batch_id, e.key)
        s.batch_id, s.line, s.elem, s.dataset, p_transform, 'unknown_field', e.key, left(e.value::text, 200),
        'no typed column reads this key: kept in extra and raw_json'
    from _stage as s
    cross join lateral jsonb_each(s.extra) as e
    where s.extra is not null
    order by s.batch_id, e.key, s.line, s.elem;
    get diagnostics v_issues = row_count;
    return v_issues;
end
$$;

-- Daily price rules over _stage (columns symbol, date, open, high, low, close,
-- volume), docs/ARCHITECTURE.md §5: high >= low, low <= open/close <= high, prices > 0,
-- volume >= 0, and a close more than 15 % from the previous trading day's
-- (within the staged rows, else the latest earlier day already in p_target).
-- Flags, never drops. Returns the number of issues.
create or replace function core.fmp_price_checks(p_transform text, p_target text)
returns bigint
language plpgsql
as $$
declare
    v_rules bigint;
    v_jumps bigint;
begin
    insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, raw_value, identifier, detail)
    select s.batch_id, s.line, s.elem, s.dataset, p_transform, r.rule, r.field, s.payload ->> r.field, s.symbol, r.detail
    from _stage as s
    cross join lateral (
        select 'price_relationship' as rule, 'high' as field,
            format('high %s is below low %s', s.high, s.low) as detail
        where s.high < s.low
        union all
        select 'price_relationship', f.field, format('%s %s is outside low %s .. high %s', f.field, f.value, s.low, s.high)
        from (values ('open', s.open), ('close', s.close)) as f (field, value)
        where f.value < s.low or f.value > s.high
        union all
        select 'non_positive_price', f.field, null
        from (values ('open', s.open), ('high', s.high), ('low', s.low), ('close', s.close)) as f (field, value)
        where f.value <= 0
        union all
        select 'negative_volume', 'volume', null
        where s.volume < 0
    ) as r
    where s.high < s.low
        or s.open < s.low or s.open > s.high
        or s.close < s.low or s.close > s.high
        or least(s.open, s.high, s.low, s.close) <= 0
        or s.volume < 0;
    get diagnostics v_rules = row_count;

    execute format(
        $q$
        with
        days as (
            -- one close per symbol and day: the last staged record
            select distinct on (s.symbol, s.date) s.batch_id, s.line, s.elem, s.dataset, s.symbol, s.date, s.close
            from _stage as s
            where s.symbol is not null and s.date is not null and s.close > 0
            order by s.symbol, s.date, s.batch_id desc, s.line desc, s.elem desc
        ),
        seq as (
            select d.*,
                lag(d.close) over w as prev_close,
                row_number() over w as rn
            from days as d
            window w as (partition by d.symbol order by d.date)
        ),
        before as (
            -- the day before a symbol's first staged day, from earlier loads (its latest version)
            select q.symbol, p.close
            from seq as q
            cross join lateral (
                select c.close
                from %1$s_latest as c
                where c.symbol = q.symbol and c.date < q.date
                order by c.date desc
                limit 1
            ) as p
            where q.rn = 1
        ),
        compared as (
            select q.*, coalesce(q.prev_close, b.close) as previous
            from seq as q
            left join before as b on q.rn = 1 and b.symbol = q.symbol
        )
        insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, raw_value, identifier, detail)
        select c.batch_id, c.line, c.elem, c.dataset, %2$L, 'price_jump', 'close', c.close::text, c.symbol,
            format('%%s -> %%s on %%s: more than 15%%%% from the previous close', c.previous, c.close, c.date)
        from compared as c
        where c.previous > 0 and abs(c.close - c.previous) > 0.15 * c.previous
        $q$,
        p_target, p_transform
    );
    get diagnostics v_jumps = row_count;
    return v_rules + v_jumps;
end
$$;

-- A response that lists an ETF's children (holdings, countries) is the whole
-- list: a child the ETF's current version lists (or an earlier batch of this
-- run listed) that a later response leaves out gets a row with is_listed =
-- false in that response's batch (elem < 0: no document; raw_json says so).
-- Versioning then records the removal once; an empty response lists nothing
-- and removes nothing. Needs _stage.is_listed. Each such row carries its
-- response's newest as-of (p_as_of: the stage columns of the transform's
-- as-of, core.as_of_sql) in _stage.vendor_as_of, so the removal is as recent
-- as the response that made it. Returns the rows added.
drop function if exists core.fmp_mark_unlisted(text, text, text);
create or replace function core.fmp_mark_unlisted(p_target text, p_parent text, p_child text, p_as_of text[])
returns bigint
language plpgsql
as $$
declare
    v_rows bigint;
    v_as_of text := core.as_of_sql(p_as_of);
begin
    alter table _stage add column if not exists vendor_as_of timestamptz;
    execute format(
        $q$
        with
        responses as (
            select s.%1$I as parent, s.batch_id, max(%4$s) as vendor_as_of,
                min(s.dataset) as dataset, min(s.format) as format, min(s.data_source) as data_source,
                min(s.source_file) as source_file, min(s.api_version) as api_version, min(s.updated_at) as updated_at
            from _stage as s
            where s.%1$I is not null and s.%2$I is not null
            group by s.%1$I, s.batch_id
        ),
        current_listed as (
            select distinct c.%1$I as parent, c.%2$I as child
            from %3$s_latest as c
            where c.%1$I = any (array(select distinct r.parent from responses as r))
                and c.is_listed
        ),
        known as (
            select k.parent, k.child, min(k.first_batch) as first_batch
            from (
                select cl.parent, cl.child, 0::bigint as first_batch from current_listed as cl
                union all
                select s.%1$I, s.%2$I, min(s.batch_id) from _stage as s
                where s.%1$I is not null and s.%2$I is not null
                group by s.%1$I, s.%2$I
            ) as k
            group by k.parent, k.child
        )
        insert into _stage (batch_id, line, elem, dataset, format, payload, data_source, source_file,
            api_version, updated_at, %1$I, %2$I, is_listed, issue_suspect, vendor_as_of)
        select r.batch_id, 1, -(row_number() over (partition by r.batch_id order by k.child))::integer,
            r.dataset, r.format,
            jsonb_build_object(%1$L, r.parent, %2$L, k.child, 'listed', false),
            r.data_source, r.source_file, r.api_version, r.updated_at,
            r.parent, k.child, false, false, r.vendor_as_of
        from responses as r
        join known as k on k.parent = r.parent and k.first_batch < r.batch_id
        where not exists (
            select 1 from _stage as s
            where s.batch_id = r.batch_id and s.%1$I = r.parent and s.%2$I = k.child
        )
        $q$,
        p_parent, p_child, p_target, v_as_of
    );
    get diagnostics v_rows = row_count;
    return v_rows;
end
$$;

-- An identifier as FMP writes it (ticker, CUSIP, ISIN, LEI); NULL when it is
-- a placeholder for "none": blank or a null token (core.clean_text: "",
-- "N/A", …) or nothing but zeros and dashes ("000000000", "0", "--"), as
-- FMP writes for futures, cash and other holdings without such a code.
create or replace function core.fmp_identifier(v text)
returns text
language sql
immutable
parallel safe
as $$
    select case when core.clean_text(v) !~ '^[0-]+$' then core.clean_text(v) end
$$;

-- Fields where FMP writes 0 for "not known" (an ETF's assets under management,
-- expense ratio, holdings count or NAV): a 0 there is no fact, so the column
-- of _stage becomes NULL and each such value a 'zero_means_unknown' quality
-- issue (the payload key that carried it, its raw value, the symbol).
-- p_columns: 'column Key|OtherKey', as in core.stage's field lines (the type
-- part is left out). Returns the number of issues.
create or replace function core.fmp_zero_means_unknown(p_transform text, p_columns text[])
returns bigint
language plpgsql
as $$
declare
    v_fields text;
    v_set text;
    v_any text;
    v_issues bigint;
begin
    select
        string_agg(format('(%s, s.%I = 0)',
            -- the key that carried the value: the first one present, as core.stage reads
            'coalesce(' || (select string_agg(format('case when s.payload ->> %1$L is not null then %1$L end', k), ', ')
                from unnest(c.keys) as k) || ')',
            c.col), ', '),
        string_agg(format('%1$I = nullif(s.%1$I, 0)', c.col), ', '),
        string_agg(format('s.%I = 0', c.col), ' or ')
    into v_fields, v_set, v_any
    from (
        select split_part(f, ' ', 1) as col, string_to_array(split_part(f, ' ', 2), '|') as keys
        from unnest(p_columns) as f
    ) as c;

    execute format(
        $q$
        insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, raw_value, identifier, detail)
        select s.batch_id, s.line, s.elem, s.dataset, %1$L, 'zero_means_unknown', z.field, s.payload ->> z.field, s.symbol,
            'FMP writes 0 where it knows no value: NULL, not zero'
        from _stage as s
        cross join lateral (values %2$s) as z (field, is_zero)
        where z.is_zero
        $q$,
        p_transform, v_fields
    );
    get diagnostics v_issues = row_count;

    execute format('update _stage as s set %s where %s', v_set, v_any);
    return v_issues;
end
$$;

-- The whole of most FMP transforms: a response is an array of documents
-- (core.fmp_docs('rows')); type them (p_fields, core.stage's field lines),
-- keep what no field reads (core.fmp_keep_remainder), write the versions per
-- p_keys, ordered by the vendor's as-of in the stage columns p_as_of names
-- ('{}': none, the landing time).
drop function if exists core.fmp_transform_documents(text, text, bigint[], text[], text[]);
create or replace function core.fmp_transform_documents(
    p_transform text,
    p_target text,
    p_batches bigint[],
    p_fields text[],
    p_keys text[],
    p_as_of text[]
)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    v_issues bigint;
    w record;
begin
    v_in := core.stage(p_transform, p_batches, p_fields, core.fmp_docs('rows'));
    v_issues := core.fmp_keep_remainder(p_transform, p_fields);
    select * into w from core.write_versions(p_transform, p_target, p_keys, p_as_of);
    return query select v_in, w.rows_out, v_issues + w.issues, w.quarantined;
end
$$;

-- Corporate actions, equity and ETF alike (transforms/fmp/*_dividend.sql,
-- *_split.sql; docs/CORPORATE-ACTIONS.md): the legacy answer is
-- {symbol, historical: [...]} and the stable one a flat array, so the
-- documents are core.fmp_docs('historical'); then as
-- core.fmp_transform_documents: type, keep the remainder, write the versions
-- per symbol and ex-date, as of the ex-date.
create or replace function core.fmp_transform_corporate_actions(
    p_transform text,
    p_target text,
    p_batches bigint[],
    p_fields text[]
)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    v_issues bigint;
    w record;
begin
    v_in := core.stage(p_transform, p_batches, p_fields, core.fmp_docs('historical'));
    v_issues := core.fmp_keep_remainder(p_transform, p_fields);
    v_issues := v_issues + core.fmp_corporate_action_checks(p_transform);
    select * into w from core.write_versions(p_transform, p_target, array['symbol', 'date'], array['date']);
    return query select v_in, w.rows_out, v_issues + w.issues, w.quarantined;
end
$$;

-- Flags, never drops (docs/ARCHITECTURE.md §5): a split whose numerator or
-- denominator is missing or not positive ('bad_split_ratio') and a dividend
-- that is negative ('negative_dividend') are loaded all the same, but adjust
-- no price (core.price_adjustment_event gives them no factor).
create or replace function core.fmp_corporate_action_checks(p_transform text)
returns bigint
language plpgsql
as $$
declare
    v_issues bigint := 0;
    v_negative bigint := 0;
    v_cols text[];
begin
    select array_agg(a.attname::text) into v_cols
    from pg_attribute as a
    where a.attrelid = '_stage'::regclass and a.attnum > 0 and not a.attisdropped;

    if 'numerator' = any (v_cols) then
        insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, raw_value, identifier, detail)
        select s.batch_id, s.line, s.elem, s.dataset, p_transform, 'bad_split_ratio', 'numerator',
            format('%s:%s', s.payload ->> 'numerator', s.payload ->> 'denominator'), s.symbol,
            'a split ratio needs a positive numerator and denominator: loaded, adjusts no price'
        from _stage as s
        where s.date is not null
            and (s.numerator is null or s.denominator is null or s.numerator <= 0 or s.denominator <= 0);
        get diagnostics v_issues = row_count;
    end if;
    if 'dividend' = any (v_cols) then
        insert into ops.quality_issue (batch_id, line, elem, dataset, transform_name, rule, field, raw_value, identifier, detail)
        select s.batch_id, s.line, s.elem, s.dataset, p_transform, 'negative_dividend', 'dividend',
            s.payload ->> 'dividend', s.symbol, 'a negative cash dividend: loaded, adjusts no price'
        from _stage as s
        where s.dividend < 0;
        get diagnostics v_negative = row_count;
    end if;
    return v_issues + v_negative;
end
$$;

-- The field lines of a cash dividend, both generations (docs/FMP-DATA.md).
create or replace function core.fmp_dividend_fields()
returns text[]
language sql
immutable
as $$
    select array[
        ---------- keys: a legacy row takes its symbol from {symbol, historical}
        'symbol text symbol|@symbol',
        'date day date',
        'label text label',
        ---------- per share, in the trading currency
        'dividend num dividend',
        'adj_dividend num adjDividend',
        ---------- dates
        'record_date day recordDate',
        'payment_date day paymentDate',
        'declaration_date day declarationDate',
        ---------- stable only
        'yield num yield',
        'frequency text frequency'
    ]
$$;

-- The field lines of a stock split, both generations.
create or replace function core.fmp_split_fields()
returns text[]
language sql
immutable
as $$
    select array[
        'symbol text symbol|@symbol',
        'date day date',
        'label text label',
        ---------- ratio numerator:denominator (4:1 = four new shares for one)
        'numerator num numerator',
        'denominator num denominator',
        'split_type text splitType'
    ]
$$;

-- Daily prices, equity and ETF alike (transforms/fmp/equity_quotes.sql,
-- etfs_quotes.sql): one row per symbol and date. label and changeOverTime
-- are left to raw_json: they describe the requested window, not the day, and
-- would make overlapping windows look like new versions.
create or replace function core.fmp_transform_prices(p_transform text, p_target text, p_batches bigint[])
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    v_issues bigint;
    w record;
begin
    v_in := core.stage(p_transform, p_batches, array[
        ---------- keys: a legacy row takes its symbol from {symbol, historical}
        'symbol text symbol|@symbol',
        'date day date',
        ---------- prices
        'open num open',
        'high num high',
        'low num low',
        'close num close',
        'adj_close num adjClose',
        'volume intg volume',
        'unadjusted_volume intg unadjustedVolume',
        'change num change',
        'change_percent num changePercent',
        'vwap num vwap'
    ], core.fmp_docs('historical'));

    v_issues := core.fmp_price_checks(p_transform, p_target);

    -- the yearly partitions the records' dates need (docs/SCALING.md)
    perform core.create_date_partitions(p_target::regclass, array(
        select distinct extract(year from s.date)::integer from _stage as s where s.date is not null));

    select * into w from core.write_versions(p_transform, p_target, array['symbol', 'date'], array['date']);

    -- the newest date of each symbol with that day's latest version and its
    -- values (api.equity_latest_price, api.etf_latest_price)
    if to_regclass(p_target || '_current_date') is not null then
        execute core.newest_day_upsert_sql(p_target, 'symbol', array['data_version', 'open', 'high', 'low', 'close',
            'adj_close', 'volume', 'unadjusted_volume', 'change', 'change_percent', 'vwap', 'api_version', 'updated_at']);
    end if;
    return query select v_in, w.rows_out, v_issues + w.issues, w.quarantined;
end
$$;

-- Peers, equity and ETF alike (transforms/fmp/equity_peers.sql,
-- etfs_peers.sql): one version per symbol's whole peer list, one row per peer
-- (array_source_field 'peersList' with the peer symbol, or 'peers' with the
-- stable peer object as JSON text).
create or replace function core.fmp_transform_peers(p_transform text, p_target text, p_batches bigint[])
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    w record;
begin
    v_in := core.stage(p_transform, p_batches, array[
        ---------- key
        'symbol text symbol|@symbol'
    ], core.fmp_docs('peers'));

    select * into w from core.write_versions(p_transform, p_target, array['symbol'], '{}');
    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;
