-- Up Migration

-- Continuity (docs/CONTINUITY.md): fund pricing cadence, gap detection into
-- backfill requests, freshness of every price series, and the schedule of the
-- daily refresh at the New York close. The functions are in
-- transforms/lib/continuity.sql (definitions, versioned).

insert into ops.setting (name, value, description) values
    ('gap_active_sessions', '10',
        'A price series whose latest date is more than this many sessions behind the last completed session is inactive: no gap is requested for it (it shows as stale).'),
    ('stale_after_sessions', '2',
        'A price or treasury series more than this many sessions behind the last completed session is stale; a fund is stale past its cadence plus this many sessions.'),
    ('backfill_max_attempts', '3',
        'A backfill request whose call failed this many times becomes failed and is not requested again.'),
    ('backfill_schedule', '0 11 * * 1-6',
        'The FMP backfill of open gap requests the worker runs (SRA_BACKFILL_CRON, UTC): off the refresh, maintenance and retention hours.')
on conflict (name) do nothing;

-- the refresh runs after the New York close: 16:30 in summer (20:30 UTC) and in
-- winter (21:30 UTC); the worker writes its own schedule at start
update ops.setting set value = '30 20,21 * * 1-5',
    description = 'The daily refresh the worker runs (SRA_REFRESH_CRON, UTC): 20:30 and 21:30 UTC on weekdays, each run going ahead only at 16:30 New York time (ops.new_york_close_due). Maintenance and retention run at other hours.'
where name = 'refresh_schedule' and value = '0 2 * * *';

---------------------------------------------------------------------------
-- Fund cadence: inferred from each fund's own NAV dates, overridable.
---------------------------------------------------------------------------
create table ops.fund_cadence (
    identifier text collate "C" primary key,
    inferred_sessions integer not null check (inferred_sessions >= 1),
    sample integer not null,
    computed_at timestamptz not null default now()
);
comment on table ops.fund_cadence is
    'One row per Fundata fund: its pricing cadence in sessions, the median spacing (in NYSE sessions) of its latest 20 NAV dates, and how many spacings it was read from. Rewritten by ops.detect_gaps().';

create table ops.fund_cadence_override (
    identifier text collate "C" primary key,
    cadence_sessions integer not null check (cadence_sessions >= 1),
    reason text not null check (btrim(reason) <> ''),
    set_at timestamptz not null default now()
);
comment on table ops.fund_cadence_override is
    'An operator''s cadence for a fund (sessions between NAVs: 1 daily, 5 weekly, 21 monthly), which wins over the inferred one.';

---------------------------------------------------------------------------
-- What detection saw of each series: the freshness view reads it.
---------------------------------------------------------------------------
create table ops.series_state (
    kind text not null check (kind in ('equity', 'etf', 'treasury', 'fund')),
    dataset text not null,
    key text collate "C" not null,
    first_date date not null,
    latest_date date not null,
    latest_batch_id bigint not null,
    cadence_sessions integer not null default 1,
    checked_at timestamptz not null default now(),
    primary key (dataset, key)
);
comment on table ops.series_state is
    'One row per price series (FMP equity and ETF symbol, the treasury curve, each Fundata fund): its first and latest date, the batch of its latest row and its cadence in sessions, as of the last gap detection.';

---------------------------------------------------------------------------
-- Backfill requests: missing sessions of a series, merged into windows.
---------------------------------------------------------------------------
create table ops.backfill_request (
    id bigint generated always as identity primary key,
    source text not null check (source in ('fmp', 'fundata')),
    dataset text not null,
    key text collate "C" not null,
    from_date date not null,
    to_date date not null,
    sessions integer not null check (sessions >= 1),
    reason text not null check (reason in ('internal_gap', 'behind_latest')),
    state text not null default 'open'
        check (state in ('open', 'filled', 'vendor_has_no_data', 'accepted', 'failed')),
    attempts integer not null default 0,
    last_error text,
    closed_reason text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    closed_at timestamptz,
    check (from_date <= to_date)
);
comment on table ops.backfill_request is
    'One row per window of consecutive missing NYSE sessions of a series (dataset, key): internal_gap between two of its dates, behind_latest after its latest date. state: open (to fetch), filled (the data came), vendor_has_no_data (the vendor answered the window without those rows), accepted (an operator accepted the gap), failed (backfill_max_attempts failed calls). Only open requests are fetched; the others keep their sessions from being requested again.';
comment on column ops.backfill_request.key is 'The symbol (FMP prices), ''treasury'', or the fund''s identifier (Fundata).';
comment on column ops.backfill_request.sessions is 'NYSE sessions in [from_date, to_date].';
create index backfill_request_key_idx on ops.backfill_request (dataset, key, from_date);
create index backfill_request_open_idx on ops.backfill_request (source, dataset) where state = 'open';

-- stale notices are written once per key and latest date
create index quality_issue_stale_idx on ops.quality_issue (dataset, identifier, raw_value) where rule = 'stale_series';

grant select, insert, update, delete on ops.fund_cadence, ops.series_state to sra_transformer;
grant select on ops.fund_cadence_override to sra_transformer;
grant select, insert, update on ops.backfill_request to sra_transformer;

---------------------------------------------------------------------------
-- Fixed-hour schedules that must not share an hour: now with the backfill.
---------------------------------------------------------------------------
create or replace function ops.schedule_clashes()
returns table (first_schedule text, second_schedule text, hours integer[])
language sql
stable
as $$
    with s as (
        select j.job_name as name, ops.cron_hours(j.schedule) as hours, true as is_job
        from ops.scheduled_job as j
        union all
        select st.name, ops.cron_hours(st.value), st.name = 'backfill_schedule'
        from ops.setting as st
        where st.name in ('refresh_schedule', 'weekly_schedule', 'backfill_schedule')
    ),
    fixed as (
        select * from s where cardinality(s.hours) < 24
    )
    select a.name, b.name,
        array(select x from unnest(a.hours) as x intersect select y from unnest(b.hours) as y order by 1)
    from fixed as a
    join fixed as b on a.name < b.name and (a.is_job or b.is_job)
    where a.hours && b.hours
    order by 1, 2
$$;
