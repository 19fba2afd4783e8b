-- definition: lib.continuity
-- version: 4
-- Continuity (docs/CONTINUITY.md): gaps of every price series counted in
-- NYSE sessions (docs/CALENDAR.md), never calendar days; fund cadence;
-- backfill requests; freshness; the New York close of the daily refresh.

-- Whether p_at is within the hour from p_local New York time (16:30 by
-- default): the refresh is scheduled at 20:30 and 21:30 UTC and goes ahead
-- only in the run that is 16:30 in New York, in summer (EDT, UTC-4) and in
-- winter (EST, UTC-5) time.
create or replace function ops.new_york_close_due(p_at timestamptz default now(), p_local time default time '16:30')
returns boolean
language sql
stable
as $$
    select (p_at at time zone 'America/New_York')::time >= p_local
        and (p_at at time zone 'America/New_York')::time < p_local + interval '1 hour'
$$;

-- A cadence in sessions, named.
create or replace function ops.cadence_label(p_sessions integer)
returns text
language sql
immutable
as $$
    select case
        when p_sessions is null then null
        when p_sessions = 1 then 'daily'
        when p_sessions between 4 and 6 then 'weekly'
        when p_sessions between 9 and 11 then 'biweekly'
        when p_sessions between 18 and 24 then 'monthly'
        when p_sessions between 55 and 70 then 'quarterly'
        else format('every %s sessions', p_sessions)
    end
$$;

-- Freshness, the rule stated once (docs/CONTINUITY.md, "Freshness"): a
-- series may lag stale_after_sessions (ops.setting, 2) NYSE sessions behind
-- the last completed session; a fund its cadence in sessions plus that.
create or replace function ops.stale_allowed_sessions(p_kind text, p_cadence_sessions integer default 1)
returns integer
language sql
stable
security definer
set search_path = pg_catalog, pg_temp
as $$
    select coalesce((select s.value::integer from ops.setting as s where s.name = 'stale_after_sessions'), 2)
        + case when p_kind = 'fund' then coalesce(p_cadence_sessions, 1) else 0 end
$$;

-- NYSE sessions after p_date up to and including p_last_session (default:
-- the last completed session now); 0 when up to date. Security definer, for
-- api.security_freshness's readers, who do not read the calendar: it answers
-- a number only.
create or replace function ops.sessions_behind(p_date date, p_last_session date default null)
returns integer
language sql
stable
security definer
set search_path = pg_catalog, pg_temp
as $$
    select count(*)::integer
    from core.exchange_calendar as c
    where c.exchange = 'NYSE' and c.is_open and c.date > p_date
        and c.date <= coalesce(p_last_session, core.last_completed_session('NYSE'))
$$;

-- The last completed NYSE session (core.last_completed_session), for the
-- api views' readers, who do not read the calendar: a view computes it once
-- per query (an uncorrelated subquery) and hands it to ops.is_stale.
create or replace function ops.last_session()
returns date
language sql
stable
security definer
set search_path = pg_catalog, pg_temp
as $$
    select core.last_completed_session('NYSE')
$$;

-- The freshness cutoff: a date of a p_kind series (a fund: with its cadence
-- in sessions) is stale when it is before the returned session.
-- sessions_behind(d) > allowed exactly when d is before the session
-- `allowed` sessions back from the last one, so the cutoff is found by the
-- calendar's session index (a few rows) instead of counting every session
-- since d. p_last_session defaults to the last completed session now.
-- Security definer (answers a date of the public calendar only), so the api
-- views' readers need no right on the calendar or ops. The equity and ETF
-- views compute it once per query (an uncorrelated subquery).
create or replace function ops.stale_cutoff(p_kind text, p_cadence_sessions integer default 1, p_last_session date default null)
returns date
language sql
stable
security definer
set search_path = pg_catalog, pg_temp
as $$
    select c.date
    from core.exchange_calendar as c
    where c.exchange = 'NYSE' and c.is_open
        and c.date <= coalesce(p_last_session, core.last_completed_session('NYSE'))
    order by c.date desc
    offset ops.stale_allowed_sessions(p_kind, p_cadence_sessions)
    limit 1
$$;

-- Whether one row's date is stale by that rule: p_kind equity, etf,
-- treasury or fund (a fund's cadence: the operator's override, else the
-- inferred one, as ops.detect_gaps takes it). NULL for a NULL date. One call
-- per row read (api.fund_latest_nav, whose funds have their own cadence),
-- with p_last_session computed once per query by the view (ops.last_session()).
-- Answers a boolean only.
create or replace function ops.is_stale(p_kind text, p_key text, p_date date, p_last_session date default null)
returns boolean
language sql
stable
security definer
set search_path = pg_catalog, pg_temp
as $$
    select p_date < ops.stale_cutoff(p_kind,
        case when p_kind = 'fund' then coalesce(
            (select o.cadence_sessions from ops.fund_cadence_override as o where o.identifier = p_key),
            (select f.inferred_sessions from ops.fund_cadence as f where f.identifier = p_key),
            1) end,
        coalesce(p_last_session, core.last_completed_session('NYSE')))
$$;

revoke all on function ops.is_stale(text, text, date, date), ops.stale_cutoff(text, integer, date), ops.last_session(),
    ops.stale_allowed_sessions(text, integer), ops.sessions_behind(date, date) from public;
grant execute on function ops.is_stale(text, text, date, date), ops.stale_cutoff(text, integer, date), ops.last_session(),
    ops.stale_allowed_sessions(text, integer), ops.sessions_behind(date, date)
    to sra_reader, sra_transformer;

-- Gap detection, set-based, over the stored latest of each price table
-- (core.<t>_current, keyed (key, date)): lag() over each series' dates and
-- a numbering of the NYSE sessions (sn: sessions up to and including a day),
-- so the sessions strictly between two dates are sn(prev) + 1 ..
-- sn(date) - (date is a session). The missing sessions of every series
-- (between its first and latest date, and from its latest date up to p_as_of,
-- by default the last completed session) are compared with the requests:
-- an open request none of whose sessions is still missing is filled; missing
-- sessions that no request covers (open, accepted, vendor_has_no_data,
-- failed) become new requests, consecutive sessions one window. Running it
-- twice opens nothing new. Funds are gapped by their cadence; a series more
-- than gap_active_sessions behind is inactive (no request, shown stale).
-- Writes ops.series_state and one stale_series quality issue per series and
-- latest date.
drop function if exists ops.detect_gaps(date);
create or replace function ops.detect_gaps(p_as_of date default null, p_full boolean default false)
returns table (dataset text, series integer, missing_sessions integer, opened integer, filled integer, stale integer)
language plpgsql
-- its statements are index probes and one aggregate pass: compiling them
-- (JIT, planned for the large estimated costs of the per-series probes)
-- costs more than it saves
set jit = off
as $$
#variable_conflict use_column
declare
    v_as_of date := coalesce(p_as_of, core.last_completed_session('NYSE'));
    v_active integer := coalesce((select s.value::integer from ops.setting as s where s.name = 'gap_active_sessions'), 10);
    v_as_of_sn integer;
    v_src record;
    v_keys text;
    v_pred text;
    v_stats text;
    v_open boolean[];
    v_base date;
begin
    -- one detection at a time: two would open the same windows
    perform pg_advisory_xact_lock(hashtext('sra.detect_gaps'));
    -- a second run in the same transaction starts from scratch
    if to_regclass('pg_temp._day') is not null then
        drop table _day, _keys, _pair, _series, _missing, _new, _counts;
    end if;

    -- the calendar's session numbers (core.exchange_calendar.session_no)
    create temp table _day on commit drop as
    select c.date, c.is_open, c.session_no as sn
    from core.exchange_calendar as c
    where c.exchange = 'NYSE';
    alter table _day add primary key (date);
    create index on _day (sn) where is_open;
    analyze _day;
    -- whether each day is a session, indexed by day (v_open[date - v_base]):
    -- the one pass over every price of a first read looks it up per row
    -- without a join (a day outside the calendar is no session)
    select array_agg(d.is_open order by d.date), min(d.date) - 1 into v_open, v_base from _day as d;

    v_as_of_sn := (select d.sn from _day as d where d.date = v_as_of);
    if v_as_of_sn is null then
        perform core.exchange_calendar_check('NYSE', v_as_of, v_as_of);
    end if;

    -- The series of each table: distinct keys by skipping through the primary
    -- key (key, date), first and latest date by index probes. Where to start
    -- reading each series' dates (scan_from):
    -- - a series detection saw before with the same first date: its last
    --   latest date, or the date before its oldest open request (and a fund's
    --   21st newest date, for its cadence): new gaps can only come after what
    --   was read before (rows are added, not removed), and a fund's open
    --   requests are read again to close the filled ones (a price request is
    --   filled when each of its sessions has a row); nothing when its latest
    --   date has not moved (and, for a fund, nothing is open);
    -- - a new series of prices (or p_full) that holds as many sessions as
    --   there are between its first and latest date (session numbers:
    --   sn(latest) - sn(first) + 1; a row on a day that is not a session is
    --   not counted, so it never hides a missing one): no hole, only its
    --   latest date is read (for its batch);
    -- - otherwise all of it, to locate the missing sessions.
    create temp table _counts (dataset text primary key, opened integer not null default 0, filled integer not null default 0) on commit drop;
    create temp table _keys (
        kind text, dataset text, key text collate "C", first_date date, latest_date date, scan_from date
    ) on commit drop;
    create temp table _pair (
        kind text, dataset text, key text collate "C", prev date, date date, is_last boolean, batch_id bigint,
        rn bigint, n bigint, prev_sn integer, before_sn integer, sn integer
    ) on commit drop;
    for v_src in
        select * from (values
            ('equity', 'fmp.equity_price', 'core.equity_quotes_current', 'symbol'),
            ('etf', 'fmp.etf_price', 'core.etfs_quotes_current', 'symbol'),
            ('treasury', 'fmp.treasury', 'core.treasury_current', null),
            ('fund', 'fundata.quotes', 'core.fundata_quotes_current', 'identifier')
        ) as x (kind, dataset, tbl, keycol)
    loop
        v_keys := case when v_src.keycol is null
            then format('select ''treasury''::text as key where exists (select 1 from %s)', v_src.tbl)
            else format(
                'with recursive r (key) as (select min(%2$I) from %1$s union all select (select min(q.%2$I) from %1$s as q where q.%2$I > r.key) from r where r.key is not null) select r.key from r where r.key is not null',
                v_src.tbl, v_src.keycol)
        end;
        v_pred := case when v_src.keycol is null then 'true' else format('q.%I = k.key', v_src.keycol) end;
        -- a dataset read for the first time (or p_full): one aggregate pass
        -- over every row up to as_of for each series' first and latest date
        -- and the sessions it holds (parallel; no join and no function call
        -- per row: v_open tells a session); else the series by skipping
        -- through the primary key and index probes for their dates
        if p_full or not exists (select 1 from ops.series_state as st where st.dataset = v_src.dataset) then
            if to_regclass('pg_temp._stats') is not null then
                drop table _stats;
            end if;
            execute format(
                'create temp table _stats on commit drop as'
                ' select %1$s as key, min(q.date) as first_date, max(q.date) as latest_date,'
                ' count(*) filter (where $1[q.date - $2]) as cnt'
                ' from %2$s as q where q.date <= %3$L group by 1',
                case when v_src.keycol is null then '''treasury''::text' else format('q.%I', v_src.keycol) end,
                v_src.tbl, v_as_of) using v_open, v_base;
            v_stats := 'select s.key, s.first_date, s.latest_date, s.cnt from _stats as s';
        else
            v_stats := format(
                'select k.key, f.d as first_date, l.d as latest_date, null::bigint as cnt from (%1$s) as k'
                ' cross join lateral (select min(q.date) as d from %2$s as q where %3$s) as f'
                ' cross join lateral (select max(q.date) as d from %2$s as q where %3$s and q.date <= $1) as l',
                v_keys, v_src.tbl, v_pred);
        end if;
        execute format($q$
            insert into _keys (kind, dataset, key, first_date, latest_date, scan_from)
            select %1$L, %2$L, k.key, k.first_date, k.latest_date,
                case
                    -- seen before, nothing new, nothing open: nothing to read
                    when st.key is not null and st.first_date = k.first_date and not $2
                        and st.latest_date = k.latest_date and (%1$L <> 'fund' or o.open_from is null) then null
                    -- seen before, prices: from the latest date read before
                    -- (rows are only added: it is still there)
                    when st.key is not null and st.first_date = k.first_date and not $2 and %1$L <> 'fund'
                        then least(st.latest_date, k.latest_date)
                    when st.key is not null and st.first_date = k.first_date and not $2 then coalesce(
                        (select max(q.date) from %3$s as q
                         where %4$s and q.date < least(st.latest_date + 1, case when %1$L = 'fund' then o.open_from end, w.fund21)),
                        k.first_date)
                    when %1$L <> 'fund'
                        and coalesce(k.cnt, (select count(*) from %3$s as q join _day as d on d.date = q.date and d.is_open
                                             where %4$s and q.date <= $1))
                        = (select dl.sn from _day as dl where dl.date = k.latest_date)
                            - (select df.sn - (case when df.is_open then 1 else 0 end) from _day as df where df.date = k.first_date)
                        then k.latest_date
                    else k.first_date
                end
            from (%5$s) as k
            left join ops.series_state as st on st.dataset = %2$L and st.key = k.key
            left join lateral (
                select min(r.from_date) as open_from from ops.backfill_request as r
                where r.dataset = %2$L and r.key = k.key and r.state = 'open'
            ) as o on true
            left join lateral (
                select q.date as fund21 from %3$s as q
                where %1$L = 'fund' and %4$s and q.date <= $1 order by q.date desc offset 20 limit 1
            ) as w on true
            where k.latest_date is not null
        $q$, v_src.kind, v_src.dataset, v_src.tbl, v_pred, v_stats) using v_as_of, p_full;

        -- a price or treasury request is filled when each of its sessions has
        -- a row (its dates are not read again: an index-only count)
        if v_src.kind <> 'fund' then
            execute format($q$
                with f as (
                    update ops.backfill_request as r
                    set state = 'filled', closed_reason = 'every session of the window arrived', closed_at = now(), updated_at = now()
                    where r.dataset = %1$L and r.state = 'open'
                        and (select count(*) from %2$s as q join _day as d on d.date = q.date and d.is_open
                             where %3$s and q.date between r.from_date and r.to_date) = r.sessions
                    returning r.dataset
                )
                insert into _counts (dataset, filled) select f.dataset, count(*) from f group by f.dataset
            $q$, v_src.dataset, v_src.tbl, replace(v_pred, 'k.key', 'r.key'));
        end if;

        -- a price series read from scan_from: its latest row (one probe, for
        -- its batch), then, when there is more than that row to read, each
        -- date with a session between it and the date before (lag() over an
        -- index-only scan of the primary key: a weekend or holiday is no gap)
        execute format($q$
            insert into _pair
            select k.kind, k.dataset, k.key, null, q.date, true, q.batch_id, null, null,
                null, d.sn - (case when d.is_open then 1 else 0 end), d.sn
            from _keys as k
            join %3$s as q on %4$s and q.date = k.latest_date
            left join _day as d on d.date = q.date
            where k.dataset = %2$L and k.kind <> 'fund' and k.scan_from is not null
        $q$, v_src.kind, v_src.dataset, v_src.tbl, v_pred);
        execute format($q$
            insert into _pair
            select k.kind, k.dataset, k.key, p.prev, p.date, false, null, null, null,
                dp.sn, d.sn - (case when d.is_open then 1 else 0 end), d.sn
            from _keys as k
            cross join lateral (
                select q.date, lag(q.date) over (order by q.date) as prev
                from %3$s as q
                where %4$s and q.date >= k.scan_from and q.date <= $1
            ) as p
            join _day as d on d.date = p.date
            join _day as dp on dp.date = p.prev
            where k.dataset = %2$L and k.kind <> 'fund' and k.scan_from < k.latest_date
                and p.date - p.prev > 1 and d.sn - (case when d.is_open then 1 else 0 end) > dp.sn
        $q$, v_src.kind, v_src.dataset, v_src.tbl, v_pred) using v_as_of;
        -- a fund's rows from scan_from: its last row, its latest 21 (for its
        -- cadence), and every pair of consecutive dates with a session
        -- between them
        execute format($q$
            insert into _pair
            select k.kind, k.dataset, k.key, p.prev, p.date, p.is_last, p.batch_id, p.rn, p.n,
                dp.sn, d.sn - (case when d.is_open then 1 else 0 end), d.sn
            from _keys as k
            cross join lateral (
                select q.date, q.batch_id, lag(q.date) over w as prev, lead(q.date) over w is null as is_last,
                    row_number() over w as rn, count(*) over () as n
                from %3$s as q
                where %4$s and q.date >= k.scan_from and q.date <= $1
                window w as (order by q.date)
            ) as p
            left join _day as d on d.date = p.date
            left join _day as dp on dp.date = p.prev
            where k.dataset = %2$L and k.kind = 'fund' and k.scan_from is not null
                and (p.is_last
                    or p.n - p.rn < 21
                    or (p.date - p.prev > 1 and d.sn - (case when d.is_open then 1 else 0 end) > dp.sn))
        $q$, v_src.kind, v_src.dataset, v_src.tbl, v_pred) using v_as_of;
    end loop;
    analyze _pair;

    -- the series: first and latest date, cadence (funds: override, else the
    -- median spacing in sessions of the latest 20 dates)
    insert into ops.fund_cadence as f (identifier, inferred_sessions, sample, computed_at)
    select p.key, greatest(percentile_disc(0.5) within group (order by p.sn - p.prev_sn), 1)::integer,
        count(*)::integer, now()
    from _pair as p
    where p.kind = 'fund' and p.prev_sn is not null and p.sn is not null and p.n - p.rn < 20
    group by p.key
    on conflict (identifier) do update
        set inferred_sessions = excluded.inferred_sessions, sample = excluded.sample, computed_at = excluded.computed_at;

    create temp table _series on commit drop as
    select s.*,
        -- active: near enough to the last session to be worth requesting
        s.behind <= v_active + 2 * (s.cadence - 1) as active
    from (
        select k.kind, k.dataset, k.key, k.first_date, k.latest_date, coalesce(lb.batch_id, st.latest_batch_id) as latest_batch_id,
            v_as_of_sn - (select d.sn from _day as d where d.date = k.latest_date) as behind,
            case when k.kind = 'fund' then coalesce(
                (select o.cadence_sessions from ops.fund_cadence_override as o where o.identifier = k.key),
                (select c.inferred_sessions from ops.fund_cadence as c where c.identifier = k.key),
                1) else 1 end as cadence
        from _keys as k
        left join _pair as lb on lb.dataset = k.dataset and lb.key = k.key and lb.is_last
        left join ops.series_state as st on st.dataset = k.dataset and st.key = k.key
    ) as s;
    alter table _series add primary key (dataset, key);

    -- missing sessions: internal gaps of active series, then behind the latest
    create temp table _missing on commit drop as
    select case when s.kind = 'fund' then 'fundata' else 'fmp' end as source, s.dataset, s.key, g.sn, x.date,
        'internal_gap'::text as reason
    from _pair as p
    join _series as s on s.dataset = p.dataset and s.key = p.key
    cross join lateral generate_series(p.prev_sn + 1, p.before_sn) as g (sn)
    join _day as x on x.sn = g.sn and x.is_open
    where s.active
        and p.before_sn - p.prev_sn > (case when s.kind = 'fund' then floor(1.5 * s.cadence)::integer - 1 else 0 end)
    union all
    select case when s.kind = 'fund' then 'fundata' else 'fmp' end, s.dataset, s.key, g.sn, x.date, 'behind_latest'
    from _series as s
    cross join lateral generate_series(v_as_of_sn - s.behind + 1, v_as_of_sn) as g (sn)
    join _day as x on x.sn = g.sn and x.is_open
    where s.behind >= 1
        and s.active
        and (s.kind <> 'fund' or s.behind > s.cadence + 1);
    create index on _missing (dataset, key, date);
    analyze _missing;

    -- open fund requests none of whose sessions is missing any more
    with f as (
        update ops.backfill_request as r
        set state = 'filled', closed_reason = 'every session of the window arrived', closed_at = now(), updated_at = now()
        from _series as s
        where r.state = 'open' and r.dataset = s.dataset and r.key = s.key and s.kind = 'fund'
            and (s.latest_date >= r.to_date or s.active)
            and not exists (
                select 1 from _missing as m
                where m.dataset = r.dataset and m.key = r.key and m.date between r.from_date and r.to_date
            )
        returning r.dataset
    )
    insert into _counts (dataset, filled) select f.dataset, count(*) from f group by f.dataset;

    -- missing sessions no request covers yet, as windows of consecutive sessions
    create temp table _new on commit drop as
    select m.*
    from _missing as m
    where not exists (
        select 1 from ops.backfill_request as r
        where r.dataset = m.dataset and r.key = m.key and r.state <> 'filled'
            and m.date between r.from_date and r.to_date
    );
    with o as (
        insert into ops.backfill_request (source, dataset, key, from_date, to_date, sessions, reason)
        select w.source, w.dataset, w.key, min(w.date), max(w.date), count(*),
            case when bool_or(w.reason = 'behind_latest') then 'behind_latest' else 'internal_gap' end
        from (select n.*, n.sn - row_number() over (partition by n.dataset, n.key order by n.sn) as island from _new as n) as w
        group by w.source, w.dataset, w.key, w.island
        returning dataset
    )
    insert into _counts as c (dataset, opened) select o.dataset, count(*) from o group by o.dataset
    on conflict (dataset) do update set opened = excluded.opened;

    -- what the freshness view reads
    delete from ops.series_state as st
    where not exists (select 1 from _series as s where s.dataset = st.dataset and s.key = st.key);
    insert into ops.series_state as st (kind, dataset, key, first_date, latest_date, latest_batch_id, cadence_sessions, checked_at)
    select s.kind, s.dataset, s.key, s.first_date, s.latest_date, s.latest_batch_id, s.cadence, now()
    from _series as s
    on conflict (dataset, key) do update
        set kind = excluded.kind, first_date = excluded.first_date, latest_date = excluded.latest_date,
            latest_batch_id = excluded.latest_batch_id, cadence_sessions = excluded.cadence_sessions,
            checked_at = excluded.checked_at;

    -- a stale series: one quality issue per series and latest date
    insert into ops.quality_issue (batch_id, dataset, transform_name, rule, field, raw_value, identifier, detail)
    select s.latest_batch_id, s.dataset, null, 'stale_series', 'date', s.latest_date::text, s.key,
        format('%s %s: latest date %s is %s sessions behind %s (stale after %s)',
            s.kind, s.key, s.latest_date, s.behind, v_as_of,
            ops.stale_allowed_sessions(s.kind, s.cadence))
    from _series as s
    where s.behind > ops.stale_allowed_sessions(s.kind, s.cadence)
        and not exists (
            select 1 from ops.quality_issue as q
            where q.rule = 'stale_series' and q.dataset = s.dataset and q.identifier = s.key
                and q.raw_value = s.latest_date::text
        );

    return query
    select s.dataset, count(*)::integer,
        coalesce((select count(*) from _missing as m where m.dataset = s.dataset), 0)::integer,
        coalesce(max(c.opened), 0)::integer,
        coalesce(max(c.filled), 0)::integer,
        (count(*) filter (where s.behind > ops.stale_allowed_sessions(s.kind, s.cadence)))::integer
    from _series as s
    left join _counts as c on c.dataset = s.dataset
    group by s.dataset
    order by s.dataset;
end
$$;
comment on function ops.detect_gaps(date, boolean) is
    'Gap detection over every price series (docs/CONTINUITY.md): opens ops.backfill_request windows of missing NYSE sessions up to p_as_of (default the last completed session), closes filled ones, writes ops.series_state and stale_series quality issues. Idempotent.';

-- After a backfill load (its calls in ops.fmp_api_call) and detection: an
-- open request the vendor answered (a call over its window landed, or gave
-- the same answer as before) but whose sessions are still missing is closed
-- as vendor_has_no_data; a request whose call failed counts one attempt more
-- (last_error) and is failed from backfill_max_attempts on.
create or replace function ops.settle_backfill(p_task_run_ids bigint[])
returns table (no_data integer, retried integer, failed integer)
language plpgsql
as $$
#variable_conflict use_column
declare
    v_max integer := coalesce((select s.value::integer from ops.setting as s where s.name = 'backfill_max_attempts'), 3);
begin
    if to_regclass('pg_temp._settle') is not null then
        drop table _settle;
    end if;
    create temp table _settle on commit drop as
    select r.id,
        bool_or(c.outcome in ('landed', 'unchanged')) as answered,
        bool_or(c.outcome = 'failed') as errored,
        max(c.error) filter (where c.outcome = 'failed') as error
    from ops.backfill_request as r
    join ops.fmp_api_call as c
        on c.task_run_id = any(p_task_run_ids)
        and c.dataset = r.dataset
        and c.outcome <> 'retried'
        and (r.key = any(c.symbols) or (r.key = 'treasury' and cardinality(c.symbols) = 0))
        and (c.params ->> 'from')::date <= r.to_date
        and (c.params ->> 'to')::date >= r.from_date
    where r.state = 'open' and r.source = 'fmp'
    group by r.id;

    update ops.backfill_request as r
    set attempts = r.attempts + 1,
        last_error = coalesce(s.error, 'the call failed'),
        state = case when r.attempts + 1 >= v_max then 'failed' else 'open' end,
        closed_reason = case when r.attempts + 1 >= v_max then format('%s failed attempts', r.attempts + 1) end,
        closed_at = case when r.attempts + 1 >= v_max then now() end,
        updated_at = now()
    from _settle as s
    where s.id = r.id and s.errored;

    update ops.backfill_request as r
    set state = 'vendor_has_no_data', attempts = r.attempts + 1,
        closed_reason = 'the vendor answered the window without rows for these sessions',
        closed_at = now(), updated_at = now()
    from _settle as s
    where s.id = r.id and s.answered and not s.errored;

    return query
    select (count(*) filter (where s.answered and not s.errored))::integer,
        (count(*) filter (where s.errored and r.state = 'open'))::integer,
        (count(*) filter (where s.errored and r.state = 'failed'))::integer
    from _settle as s
    join ops.backfill_request as r on r.id = s.id;
end
$$;

-- An operator accepts known gaps: they are never requested again.
create or replace function ops.accept_backfill_requests(p_ids bigint[], p_reason text default 'accepted by an operator')
returns setof bigint
language sql
as $$
    update ops.backfill_request
    set state = 'accepted', closed_reason = p_reason, closed_at = now(), updated_at = now()
    where id = any(p_ids) and state <> 'filled'
    returning id
$$;

-- Open requests to fetch, grouped per series (the loader merges windows).
create or replace function ops.backfill_summary()
returns table (state text, requests integer, sessions bigint)
language sql
stable
as $$
    select r.state, count(*)::integer, sum(r.sessions)
    from ops.backfill_request as r
    group by r.state
    order by r.state
$$;
