-- Up Migration

-- The session number of each calendar day (docs/CONTINUITY.md): the sessions
-- of the exchange up to and including the day, so a closed day carries the
-- number of the session before it. The sessions strictly between two dates a
-- and b are session_no(a) + 1 .. session_no(b) - (b is a session): counting
-- and locating missing sessions is a join on date, never a count per row.
alter table core.exchange_calendar add column session_no integer;
comment on column core.exchange_calendar.session_no is
    'Sessions of the exchange up to and including this day (closed days: the number of the session before), counted from the first day held; maintained by core.exchange_calendar_number() on every change of the calendar.';

-- Renumbers the exchanges a statement touched: one window pass over the
-- calendar (about 11,000 rows per exchange), only rows whose number changes
-- are written. Fires on insert, delete and changes of is_open, never on its
-- own update of session_no.
create function core.exchange_calendar_number() returns trigger
language plpgsql
as $$
begin
    update core.exchange_calendar as c
    set session_no = n.sn
    from (
        select x.exchange, x.date,
            (count(*) filter (where x.is_open) over (partition by x.exchange order by x.date))::integer as sn
        from core.exchange_calendar as x
    ) as n
    where c.exchange = n.exchange and c.date = n.date and c.session_no is distinct from n.sn;
    return null;
end
$$;
create trigger exchange_calendar_number_ins after insert on core.exchange_calendar
for each statement execute function core.exchange_calendar_number();
create trigger exchange_calendar_number_upd after update of is_open on core.exchange_calendar
for each statement execute function core.exchange_calendar_number();
create trigger exchange_calendar_number_del after delete on core.exchange_calendar
for each statement execute function core.exchange_calendar_number();

update core.exchange_calendar as c
set session_no = n.sn
from (
    select x.exchange, x.date,
        (count(*) filter (where x.is_open) over (partition by x.exchange order by x.date))::integer as sn
    from core.exchange_calendar as x
) as n
where c.exchange = n.exchange and c.date = n.date;

-- Down Migration
drop trigger exchange_calendar_number_del on core.exchange_calendar;
drop trigger exchange_calendar_number_upd on core.exchange_calendar;
drop trigger exchange_calendar_number_ins on core.exchange_calendar;
drop function core.exchange_calendar_number();
alter table core.exchange_calendar drop column session_no;
