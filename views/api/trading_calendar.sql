-- view: api.trading_calendar
-- version: 1
-- Grain: one row per exchange per calendar day of the materialised calendar
-- (core.exchange_calendar, migrations/1732235500000_trading_calendar.sql;
-- docs/CALENDAR.md): NYSE from 2000-01-01 through its horizon.
create view api.trading_calendar as
select
    c.exchange,
    c.date,
    c.is_open,
    c.early_close
from core.exchange_calendar as c;

comment on view api.trading_calendar is 'One row per exchange per calendar day: whether it is a session and its early close.';
comment on column api.trading_calendar.exchange is 'Exchange code (NYSE).';
comment on column api.trading_calendar.date is 'Calendar day (New York).';
comment on column api.trading_calendar.is_open is 'True on a session (including early closes); false on weekends, holidays and one-off closures.';
comment on column api.trading_calendar.early_close is 'New York local close time on an early close (13:00); NULL on a regular 16:00 close or a closed day.';
