-- Up Migration

-- The NYSE trading calendar (docs/CALENDAR.md): weekends, full holidays and
-- early closes from the exchange's rules, one-off closures as operator data,
-- materialised into core.exchange_calendar for 2000 through the current year
-- + 5 by a set-based, re-runnable build.

-- One-off closures an operator adds (a national day of mourning, a storm):
-- early_close NULL is a full closure, else the New York local close time.
create table ops.market_closure (
    exchange text collate "C" not null,
    date date not null,
    early_close time,
    reason text not null check (btrim(reason) <> ''),
    added_at timestamptz not null default now(),
    primary key (exchange, date)
);
comment on table ops.market_closure is
    'One row per exchange per date: a one-off closure (early_close NULL: closed all day; else the New York local close time) that the rules do not know.';
insert into ops.market_closure (exchange, date, early_close, reason) values
    ('NYSE', '2001-09-11', null, 'September 11 attacks'),
    ('NYSE', '2001-09-12', null, 'September 11 attacks'),
    ('NYSE', '2001-09-13', null, 'September 11 attacks'),
    ('NYSE', '2001-09-14', null, 'September 11 attacks'),
    ('NYSE', '2004-06-11', null, 'National day of mourning: President Reagan'),
    ('NYSE', '2007-01-02', null, 'National day of mourning: President Ford'),
    ('NYSE', '2012-10-29', null, 'Hurricane Sandy'),
    ('NYSE', '2012-10-30', null, 'Hurricane Sandy'),
    ('NYSE', '2018-12-05', null, 'National day of mourning: President George H. W. Bush'),
    ('NYSE', '2025-01-09', null, 'National day of mourning: President Carter');

-- One row per exchange per calendar day of the materialised range: the
-- horizon is the last date held.
create table core.exchange_calendar (
    exchange text collate "C" not null,
    date date not null,
    is_open boolean not null,
    early_close time,
    reason text,
    primary key (exchange, date),
    check (is_open or early_close is null)
);
comment on table core.exchange_calendar is
    'One row per exchange per calendar day: is_open (a session), early_close (New York local close time on an early close, else NULL), reason (holiday, weekend, closure or early close). Built by core.build_exchange_calendar.';
-- Sessions only: counting and stepping through sessions is an index-only scan.
create index exchange_calendar_session_idx on core.exchange_calendar (exchange, date) include (early_close) where is_open;

-- Easter Sunday (Gregorian, the anonymous computus).
create function core.easter_sunday(p_year integer) returns date
language sql immutable strict parallel safe
as $$
    select make_date(p_year, (h + l - 7 * m + 114) / 31, (h + l - 7 * m + 114) % 31 + 1)
    from (select p_year % 19 as a, p_year / 100 as b, p_year % 100 as c) as s1
    cross join lateral (select b / 4 as d, b % 4 as e, (b + 8) / 25 as f, c / 4 as i, c % 4 as k) as s2
    cross join lateral (select (19 * a + b - d - (b - f + 1) / 3 + 15) % 30 as h) as s3
    cross join lateral (select (32 + 2 * e + 2 * i - h - k) % 7 as l) as s4
    cross join lateral (select (a + 11 * h + 22 * l) / 451 as m) as s5
$$;

-- The NYSE holidays and early closes of a range of years, from the rules:
-- fixed-date holidays move Saturday -> Friday and Sunday -> Monday, except
-- New Year's Day on a Saturday, which is not observed (the Friday before is a
-- session). Early closes at 13:00 New York: the day before Independence Day
-- and Christmas Eve when a weekday and not a holiday, the day after
-- Thanksgiving.
create function core.nyse_rule_days(p_from_year integer, p_to_year integer)
returns table (date date, is_open boolean, early_close time, reason text)
language sql immutable strict parallel safe
as $$
    with y as (
        select g as y from generate_series(p_from_year, p_to_year) as g
    ),
    fixed as (
        -- observed date of a fixed-date holiday (NULL when not observed)
        select h.name,
            case extract(isodow from h.d)::int
                when 6 then case when h.saturday_to_friday then h.d - 1 end
                when 7 then h.d + 1
                else h.d
            end as d
        from y
        cross join lateral (values
            ('New Year''s Day', make_date(y.y, 1, 1), false, true),
            ('Juneteenth', make_date(y.y, 6, 19), true, y.y >= 2022),
            ('Independence Day', make_date(y.y, 7, 4), true, true),
            ('Christmas Day', make_date(y.y, 12, 25), true, true)
        ) as h (name, d, saturday_to_friday, applies)
        where h.applies
    ),
    floating as (
        -- n-th weekday (isodow) of a month; n = -1 is the last
        select f.name,
            case when f.n > 0
                then make_date(y.y, f.mon, 1) + ((f.dow - extract(isodow from make_date(y.y, f.mon, 1))::int + 7) % 7) + 7 * (f.n - 1)
                else (make_date(y.y, f.mon, 1) + interval '1 month')::date - 1
                    - ((extract(isodow from (make_date(y.y, f.mon, 1) + interval '1 month')::date - 1)::int - f.dow + 7) % 7)
            end as d
        from y
        cross join lateral (values
            ('Martin Luther King Jr. Day', 1, 1, 3),
            ('Washington''s Birthday', 2, 1, 3),
            ('Memorial Day', 5, 1, -1),
            ('Labor Day', 9, 1, 1),
            ('Thanksgiving Day', 11, 4, 4)
        ) as f (name, mon, dow, n)
    ),
    holidays as (
        select name, d from fixed where d is not null
        union all
        select name, d from floating
        union all
        select 'Good Friday', core.easter_sunday(y.y) - 2 from y
    ),
    early as (
        select e.name, e.d
        from y
        cross join lateral (values
            ('Day before Independence Day', make_date(y.y, 7, 3)),
            ('Christmas Eve', make_date(y.y, 12, 24))
        ) as e (name, d)
        where extract(isodow from e.d) < 6
            and not exists (select from holidays as h where h.d = e.d)
        union all
        select 'Day after Thanksgiving', f.d + 1 from floating as f where f.name = 'Thanksgiving Day'
    )
    select h.d, false, null::time, h.name from holidays as h
    union all
    select e.d, true, time '13:00', e.name from early as e
$$;

-- Materialises an exchange's calendar from p_from through p_to (default:
-- 2000-01-01 through December 31 of the current year + 5), rules first, then
-- ops.market_closure. Re-runnable: rows are upserted, so running it again
-- extends the horizon or applies new closures. Returns the rows written.
create function core.build_exchange_calendar(
    p_exchange text default 'NYSE',
    p_from date default date '2000-01-01',
    p_to date default make_date(extract(year from current_date)::int + 5, 12, 31)
) returns bigint
language plpgsql
as $$
declare
    v_rows bigint;
begin
    if p_exchange is distinct from 'NYSE' then
        raise exception 'no calendar rules for exchange %', coalesce(p_exchange, 'NULL')
            using errcode = 'invalid_parameter_value';
    end if;
    if p_from is null or p_to is null or p_from > p_to then
        raise exception 'invalid calendar range % .. %', p_from, p_to using errcode = 'invalid_parameter_value';
    end if;
    insert into core.exchange_calendar as c (exchange, date, is_open, early_close, reason)
    select p_exchange, g.d,
        case
            when m.date is not null then m.early_close is not null
            when r.date is not null then r.is_open
            else extract(isodow from g.d) < 6
        end,
        case
            when m.date is not null then m.early_close
            when r.date is not null then r.early_close
        end,
        case
            when m.date is not null then m.reason
            when r.date is not null then r.reason
            when extract(isodow from g.d) >= 6 then 'Weekend'
        end
    from generate_series(p_from, p_to, interval '1 day') as g0
    cross join lateral (select g0::date as d) as g
    left join core.nyse_rule_days(extract(year from p_from)::int, extract(year from p_to)::int) as r
        on r.date = g.d and extract(isodow from g.d) < 6
    left join ops.market_closure as m on m.exchange = p_exchange and m.date = g.d
    on conflict (exchange, date) do update
        set is_open = excluded.is_open, early_close = excluded.early_close, reason = excluded.reason
        where (c.is_open, c.early_close, c.reason) is distinct from (excluded.is_open, excluded.early_close, excluded.reason);
    get diagnostics v_rows = row_count;
    return v_rows;
end
$$;

-- An operator's closure takes effect at once on the dates the calendar
-- already holds (it never extends the horizon by itself).
create function ops.market_closure_apply() returns trigger
language plpgsql
as $$
begin
    perform core.build_exchange_calendar(x.exchange, x.date, x.date)
    from (select n.exchange, n.date from new_rows as n union select o.exchange, o.date from old_rows as o) as x
    where exists (select from core.exchange_calendar as c where c.exchange = x.exchange and c.date = x.date);
    return null;
end
$$;
create function ops.market_closure_apply_insert() returns trigger
language plpgsql
as $$
begin
    perform core.build_exchange_calendar(x.exchange, x.date, x.date)
    from (select distinct n.exchange, n.date from new_rows as n) as x
    where exists (select from core.exchange_calendar as c where c.exchange = x.exchange and c.date = x.date);
    return null;
end
$$;
create function ops.market_closure_apply_delete() returns trigger
language plpgsql
as $$
begin
    perform core.build_exchange_calendar(x.exchange, x.date, x.date)
    from (select distinct o.exchange, o.date from old_rows as o) as x
    where exists (select from core.exchange_calendar as c where c.exchange = x.exchange and c.date = x.date);
    return null;
end
$$;
create trigger market_closure_insert after insert on ops.market_closure
    referencing new table as new_rows for each statement execute function ops.market_closure_apply_insert();
create trigger market_closure_update after update on ops.market_closure
    referencing new table as new_rows old table as old_rows for each statement execute function ops.market_closure_apply();
create trigger market_closure_delete after delete on ops.market_closure
    referencing old table as old_rows for each statement execute function ops.market_closure_apply_delete();

-- The calendar must reach a date for questions about it: outside the
-- materialised range the answer is unknown, and an error says so.
create function core.exchange_calendar_check(p_exchange text, p_from date, p_to date) returns void
language plpgsql stable
as $$
declare
    v_first date;
    v_last date;
begin
    select min(c.date), max(c.date) into v_first, v_last
    from core.exchange_calendar as c where c.exchange = p_exchange;
    if v_first is null then
        raise exception 'no trading calendar for exchange %', p_exchange using errcode = 'invalid_parameter_value';
    end if;
    if p_from < v_first or p_to > v_last then
        raise exception 'the % calendar covers % .. %, not % .. %', p_exchange, v_first, v_last, p_from, p_to
            using errcode = 'data_exception',
                hint = 'extend it with core.build_exchange_calendar(exchange, from, to)';
    end if;
end
$$;

create function core.is_session(p_exchange text, p_date date) returns boolean
language plpgsql stable strict
as $$
declare
    v_open boolean;
begin
    select c.is_open into v_open from core.exchange_calendar as c where c.exchange = p_exchange and c.date = p_date;
    if not found then
        perform core.exchange_calendar_check(p_exchange, p_date, p_date);
    end if;
    return v_open;
end
$$;
comment on function core.is_session(text, date) is 'Whether the exchange trades on the date (early closes included); an error outside the materialised calendar.';

-- Sessions in [p_from, p_to], both ends included (0 when p_from > p_to).
create function core.sessions_between(p_exchange text, p_from date, p_to date) returns integer
language plpgsql stable strict
as $$
begin
    if p_from > p_to then
        return 0;
    end if;
    perform core.exchange_calendar_check(p_exchange, p_from, p_to);
    return (select count(*) from core.exchange_calendar as c
        where c.exchange = p_exchange and c.is_open and c.date between p_from and p_to);
end
$$;
comment on function core.sessions_between(text, date, date) is 'The number of sessions from p_from through p_to, both included.';

-- The newest session whose close (16:00 New York, or its early close) is at
-- or before p_at.
create function core.last_completed_session(p_exchange text, p_at timestamptz default now()) returns date
language plpgsql stable strict
as $$
declare
    v_day date := (p_at at time zone 'America/New_York')::date;
begin
    perform core.exchange_calendar_check(p_exchange, v_day, v_day);
    return (
        select c.date from core.exchange_calendar as c
        where c.exchange = p_exchange and c.is_open and c.date <= v_day
            and (c.date + coalesce(c.early_close, time '16:00')) at time zone 'America/New_York' <= p_at
        order by c.date desc
        limit 1
    );
end
$$;
comment on function core.last_completed_session(text, timestamptz) is 'The newest session closed by p_at (close 16:00 America/New_York, or the early close).';

-- How far each exchange's calendar reaches; a warning from 60 days before
-- the horizon (extend with core.build_exchange_calendar()).
create function ops.calendar_horizon(p_today date default current_date)
returns table (exchange text, horizon date, days_left integer, needs_extension boolean)
language plpgsql stable
as $$
declare
    r record;
begin
    for r in
        select c.exchange, max(c.date) as horizon, max(c.date) - p_today as days_left
        from core.exchange_calendar as c
        group by c.exchange
        order by c.exchange
    loop
        exchange := r.exchange;
        horizon := r.horizon;
        days_left := r.days_left;
        needs_extension := r.days_left <= 60;
        if needs_extension then
            raise warning 'the % trading calendar ends on % (% days left): extend it with core.build_exchange_calendar(%)',
                r.exchange, r.horizon, r.days_left, quote_literal(r.exchange);
        end if;
        return next;
    end loop;
end
$$;
comment on function ops.calendar_horizon(date) is 'Per exchange: the last date of the materialised calendar, the days left, and whether it must be extended (60 days or fewer left; also raised as a warning).';

select core.build_exchange_calendar('NYSE');

grant select on core.exchange_calendar to sra_transformer;
grant select on ops.market_closure to sra_transformer;
