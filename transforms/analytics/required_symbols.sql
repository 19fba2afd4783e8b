-- definition: analytics.required_symbols
-- version: 4
-- The symbols whose FMP daily prices the analytics need (docs/ANALYTICS.md),
-- for `sra load fmp` to fetch without being told: every stock or ETF
-- position of the latest version of every portfolio, every option's
-- underlying, and the seven factor ETFs, each with at least
-- p_history_days trading days of history. One row per symbol and reason
-- (factor, position, underlying); options themselves have no FMP price.
-- It reads core: the transformer (or the owner) may call it.
create or replace function ops.analytics_required_symbols(p_history_days integer default 300)
returns table (symbol text, reason text, history_days integer)
language sql
stable
as $$
    select r.symbol, r.reason, p_history_days
    from (
        select f.factor_etf::text as symbol, 'factor'::text as reason
        from core.factor as f
        union
        select case when p.position_type in ('LONG', 'SHORT') then p.symbol else p.underlying end::text,
            case when p.position_type in ('LONG', 'SHORT') then 'position' else 'underlying' end
        from core.position as p
        join (
            select distinct on (c.portfolio) c.portfolio, c.data_version
            from core.portfolio as c
            order by c.portfolio, c.data_version desc
        ) as l on l.portfolio = p.portfolio and l.data_version = p.data_version
    ) as r
    order by r.symbol, r.reason
$$;
revoke all on function ops.analytics_required_symbols(integer) from public;
grant execute on function ops.analytics_required_symbols(integer) to sra_transformer;

-- What the loader (sra_loader, which may not read core) needs of the above:
-- each symbol, why it is needed, whether its FMP prices are an ETF's (a
-- factor ETF, or a symbol core.etfs_profile or core.equity_profile knows as
-- an ETF) or an equity's, and whether core holds fewer price days of it than
-- the analytics need (the loader then fetches the longer window). No
-- quantity, price or portfolio leaves it.
create or replace function ops.fmp_analytics_symbols()
returns table (symbol text, reason text, kind text, short_history boolean)
language sql
stable
security definer
set search_path = pg_catalog, pg_temp
as $$
    select r.symbol,
        string_agg(r.reason, ',' order by r.reason),
        case
            when bool_or(r.reason = 'factor')
                or exists (select 1 from core.etfs_profile as e where e.symbol = r.symbol)
                or exists (select 1 from core.equity_profile as q where q.symbol = r.symbol and q.is_etf)
            then 'etf'
            else 'equity'
        end,
        (select count(*) from core.equity_quotes_current as q where q.symbol = r.symbol)
            + (select count(*) from core.etfs_quotes_current as q where q.symbol = r.symbol)
            < min(r.history_days)
    from ops.analytics_required_symbols() as r
    where r.symbol is not null
    group by r.symbol
    order by r.symbol
$$;
revoke all on function ops.fmp_analytics_symbols() from public;
grant execute on function ops.fmp_analytics_symbols() to sra_loader;

-- Where a load of a symbol short of history starts (docs/ANALYTICS.md): the
-- first of the p_sessions NYSE sessions (core.exchange_calendar,
-- docs/CALENDAR.md) that end with the last completed session on or before
-- p_to (today's last completed session when p_to is NULL or later). NULL
-- when the calendar does not cover them (the loader then counts calendar
-- days). For the loader, which may not read core.
create or replace function ops.fmp_analytics_from(p_to date default null, p_sessions integer default 300)
returns date
language plpgsql
stable
security definer
set search_path = pg_catalog, pg_temp
as $$
declare
    v_last date;
    v_from date;
    v_n integer;
begin
    begin
        v_last := core.last_completed_session('NYSE');
    exception when data_exception then
        return null;
    end;
    select max(c.date) into v_last
    from core.exchange_calendar as c
    where c.exchange = 'NYSE' and c.is_open and c.date <= least(v_last, coalesce(p_to, v_last));
    select min(s.date), count(*) into v_from, v_n
    from (
        select c.date from core.exchange_calendar as c
        where c.exchange = 'NYSE' and c.is_open and c.date <= v_last
        order by c.date desc
        limit p_sessions
    ) as s;
    return case when v_n = p_sessions then v_from end;
end
$$;
revoke all on function ops.fmp_analytics_from(date, integer) from public;
grant execute on function ops.fmp_analytics_from(date, integer) to sra_loader;
