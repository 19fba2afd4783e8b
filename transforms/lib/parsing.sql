-- definition: lib.parsing
-- version: 3
-- Value parsing shared by every transform: null tokens, decimals, dates.
-- The fast paths are plain SQL expressions so the planner inlines them into
-- the transforms; only unusual values reach the PL/pgSQL slow paths.

-- true when the vendor value means "no value": NULL, '', null, none, n/a, nan
-- (any case, trimmed). A null token is at most four characters once trimmed,
-- so a longer value without a space at either end (nearly every code, name
-- and number) skips the lowercase-and-compare test.
create or replace function core.is_blank(v text)
returns boolean
language sql
immutable
parallel safe
as $$
    select v is null
        or v = ''
        or ((octet_length(v) <= 4 or left(v, 1) = ' ' or right(v, 1) = ' ')
            and lower(btrim(v)) in ('', 'null', 'none', 'n/a', 'nan'))
$$;

-- The number a vendor string stands for, unrounded; NULL for blanks and for
-- text that is not a number. Strips '$', thousands separators and blanks.
create or replace function core.parse_decimal_slow(v text)
returns numeric
language plpgsql
immutable
parallel safe
as $$
declare
    s text := btrim(v);
    negative boolean := false;
begin
    if core.is_blank(s) then
        return null;
    end if;
    -- accounting negatives: (1,234.50)
    if s ~ '^\(.*\)$' then
        negative := true;
        s := btrim(substr(s, 2, length(s) - 2));
    end if;
    s := replace(replace(replace(s, '$', ''), ',', ''), ' ', '');
    if s !~ '^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})?$' then
        return null;
    end if;
    return case when negative then -(s::numeric) else s::numeric end;
end
$$;

create or replace function core.parse_decimal(v text)
returns numeric
language sql
immutable
parallel safe
as $$
    select case
        when v is null or v = '' then null
        when v ~ '^-?[0-9]{1,18}(\.[0-9]{0,12})?$' then v::numeric
        else core.parse_decimal_slow(v)
    end
$$;

-- A Fundata business number: DECIMAL(12,2), rounded half away from zero.
-- NULL for blanks, for non-numbers and for values that do not fit (|x| >= 10^10
-- after rounding); transforms record the latter two as quality issues.
-- |x| < 9999999999.995 is exactly "rounds to less than 10^10".
create or replace function core.round_dec12_2(n numeric)
returns numeric
language sql
immutable
parallel safe
as $$
    select case when abs(n) < 9999999999.995 then round(n, 2) end
$$;

-- The careful reading of a Fundata number: parse, then round and bound.
create or replace function core.to_dec12_2(v text)
returns numeric
language sql
immutable
parallel safe
as $$
    select core.round_dec12_2(core.parse_decimal(v))
$$;

-- Why a present value did not become a number: 'bad_number' or 'overflow'
-- (NULL when it parsed or was blank). Used only on the rare failing values.
create or replace function core.number_issue(v text, max_abs numeric default 10000000000)
returns text
language sql
immutable
parallel safe
as $$
    select case
        when core.is_blank(v) then null
        when core.parse_decimal(v) is null then 'bad_number'
        when abs(round(core.parse_decimal(v), 2)) >= max_abs then 'overflow'
    end
$$;

-- A calendar date from 'YYYY-MM-DD' (optionally followed by a time), NULL when
-- blank or not a real date. Days up to 28 need no calendar check. Declared
-- stable, as the text-to-date cast is: an immutable label would stop the
-- planner from inlining it.
create or replace function core.parse_date_slow(v text)
returns date
language plpgsql
immutable
parallel safe
as $$
declare
    s text := btrim(v);
    y integer;
    m integer;
    d integer;
begin
    if core.is_blank(s) then
        return null;
    end if;
    if s ~ '^\d{4}-\d{1,2}-\d{1,2}([ T].*)?$' then
        y := split_part(s, '-', 1)::integer;
        m := split_part(s, '-', 2)::integer;
        d := split_part(split_part(split_part(s, '-', 3), ' ', 1), 'T', 1)::integer;
    elsif s ~ '^\d{4}/\d{1,2}/\d{1,2}$' then
        y := split_part(s, '/', 1)::integer;
        m := split_part(s, '/', 2)::integer;
        d := split_part(s, '/', 3)::integer;
    elsif s ~ '^\d{8}$' then
        y := substr(s, 1, 4)::integer;
        m := substr(s, 5, 2)::integer;
        d := substr(s, 7, 2)::integer;
    else
        return null;
    end if;
    if y < 1 or m < 1 or m > 12 or d < 1 then
        return null;
    end if;
    if d > extract(day from (make_date(y, m, 1) + interval '1 month - 1 day')) then
        return null;
    end if;
    return make_date(y, m, d);
end
$$;

create or replace function core.parse_date(v text)
returns date
language sql
stable
parallel safe
as $$
    select case
        when v is null or v = '' then null
        when v ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$' and left(v, 4) <> '0000' then v::date
        else core.parse_date_slow(v)
    end
$$;

-- Trimmed text, NULL for blanks.
create or replace function core.clean_text(v text)
returns text
language sql
immutable
parallel safe
as $$
    select case when core.is_blank(v) then null else btrim(v) end
$$;

-- Whole numbers (volumes, counts): NULL for blanks, non-numbers and values
-- beyond bigint; fractional input is rounded half away from zero.
create or replace function core.parse_bigint(v text)
returns bigint
language sql
immutable
parallel safe
as $$
    select case
        when abs(core.parse_decimal(v)) < 9223372036854775807 then round(core.parse_decimal(v))::bigint
    end
$$;

create or replace function core.parse_boolean(v text)
returns boolean
language sql
immutable
parallel safe
as $$
    select case lower(btrim(v))
        when 'true' then true when 't' then true when '1' then true when 'yes' then true when 'y' then true
        when 'false' then false when 'f' then false when '0' then false when 'no' then false when 'n' then false
    end
$$;

-- A point in time: ISO timestamps, 'YYYY-MM-DD HH:MM:SS' (taken as UTC), or epoch seconds.
create or replace function core.parse_timestamptz_slow(v text)
returns timestamptz
language plpgsql
stable
parallel safe
as $$
declare
    s text := btrim(v);
begin
    if core.is_blank(s) then
        return null;
    end if;
    if s ~ '^[0-9]{9,11}$' then
        return to_timestamp(s::bigint);
    end if;
    if s ~ '^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$'
        and core.parse_date_slow(left(s, 10)) is not null then
        begin
            return (case when s ~ '(Z|[+-]\d{2}(:?\d{2})?)$' and length(s) > 10 then s else s || '+00' end)::timestamptz;
        exception when others then
            return null;
        end;
    end if;
    return null;
end
$$;

-- A point in time whose naive values (no offset, no Z) are New York wall-clock
-- time, daylight saving included: the clock of SEC EDGAR, from which FMP copies
-- a filing's acceptance time ("2024-11-01 06:01:36" is 10:01:36 UTC in
-- summer, 11:01:36 UTC in winter). A value with an offset or Z, and epoch
-- seconds, stay as given.
create or replace function core.parse_timestamptz_new_york(v text)
returns timestamptz
language sql
stable
parallel safe
as $$
    select case
        when btrim(v) ~ '^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$'
            -- the wall-clock reading (as UTC), then the same wall clock in New York
            then (core.parse_timestamptz_slow(v) at time zone 'UTC') at time zone 'America/New_York'
        else core.parse_timestamptz_slow(v)
    end
$$;

---------------------------------------------------------------------------
-- The typing families used by core.stage (lib/stage.sql): parse_fast.* are
-- plain casts for values of the plain shape (core.stage checks the shape of a
-- whole row with one regular expression first); parse_careful.* trim, read
-- null tokens, '$' and thousands separators, check the calendar, and turn what
-- they cannot read into NULL (and a quality issue). Both give the same result
-- for every value of the plain shape.
---------------------------------------------------------------------------

create or replace function parse_fast.dec12_2(v text)
returns numeric language sql immutable parallel safe as $$
    select case when v is null or v = '' then null else core.round_dec12_2(v::numeric) end
$$;
create or replace function parse_careful.dec12_2(v text)
returns numeric language sql immutable parallel safe as $$
    select core.to_dec12_2(v)
$$;

create or replace function parse_fast.num(v text)
returns numeric language sql immutable parallel safe as $$
    select case when v is null or v = '' then null
        else nullif(nullif(nullif(v::numeric, 'NaN'), 'Infinity'), '-Infinity') end
$$;
create or replace function parse_careful.num(v text)
returns numeric language sql immutable parallel safe as $$
    select core.parse_decimal(v)
$$;

create or replace function parse_fast.intg(v text)
returns bigint language sql immutable parallel safe as $$
    select case when v is null or v = '' then null else round(v::numeric)::bigint end
$$;
create or replace function parse_careful.intg(v text)
returns bigint language sql immutable parallel safe as $$
    select core.parse_bigint(v)
$$;

create or replace function parse_fast.day(v text)
returns date language sql stable parallel safe as $$
    select case
        when v is null or v = '' then null
        when length(v) = 10 and substr(v, 5, 1) = '-' and substr(v, 8, 1) = '-'
            and (substr(v, 9, 2) <= '28'
                or (substr(v, 9, 2) <= '30' and substr(v, 6, 2) <> '02')
                or (substr(v, 9, 2) = '31' and substr(v, 6, 2) in ('01', '03', '05', '07', '08', '10', '12')))
            then v::date
        else core.parse_date_slow(v)
    end
$$;
create or replace function parse_careful.day(v text)
returns date language sql stable parallel safe as $$
    select core.parse_date(v)
$$;

create or replace function parse_fast.ts(v text)
returns timestamptz language sql stable parallel safe as $$
    select core.parse_timestamptz_slow(v)
$$;
create or replace function parse_careful.ts(v text)
returns timestamptz language sql stable parallel safe as $$
    select core.parse_timestamptz_slow(v)
$$;

create or replace function parse_careful.ts_new_york(v text)
returns timestamptz language sql stable parallel safe as $$
    select core.parse_timestamptz_new_york(v)
$$;

-- A percentage as the vendor writes it, in percent units: 86.68, "86.68" and
-- "86.68%" are all 86.68 (FMP's weightings arrive in each of these forms).
create or replace function parse_fast.pct(v text)
returns numeric language sql immutable parallel safe as $$
    select case when v is null or v = '' then null
        else nullif(nullif(nullif(
            (case when right(v, 1) = '%' then left(v, -1) else v end)::numeric,
            'NaN'), 'Infinity'), '-Infinity') end
$$;
create or replace function parse_careful.pct(v text)
returns numeric language sql immutable parallel safe as $$
    select core.parse_decimal(regexp_replace(v, '\s*%\s*$', ''))
$$;
