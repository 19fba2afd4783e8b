-- definition: fmp.adjusted_prices
-- version: 1
-- Adjusted price history from the stored prices (as FMP serves them: close)
-- and the stored corporate actions (docs/CORPORATE-ACTIONS.md). Views, not
-- tables: a split or dividend that arrives late (or is corrected) re-adjusts
-- every earlier price the moment its transform writes it, with nothing to
-- refresh. CRSP-style backward adjustment:
--   split, ratio r = numerator / denominator, ex-date d:
--       prices before d are divided by r (multiplied by denominator / numerator)
--   cash dividend D per share, ex-date d, previous close P (the symbol's last
--   close before d): prices before d are multiplied by (1 - D / P)
--   split_factor(t)    = product of the split event factors with ex-date > t
--   dividend_factor(t) = product of the dividend event factors with ex-date > t
--   split_adjusted_close = close * split_factor       (price return basis)
--   total_return_close   = close * split_factor * dividend_factor (total return)
-- Factors are double precision products (core.product); the adjusted closes
-- are numeric rounded to 6 decimals.

-- The product of the non-null values (NULL when there are none).
create or replace aggregate core.product(double precision) (
    sfunc = float8mul,
    stype = double precision,
    parallel = safe
);

-- One row per kind (equity, etf), action (split, dividend), symbol and
-- ex-date (the latest version of each): the action's own factor. A split
-- with a ratio that is not positive, a dividend without a previous close or
-- of at least that close adjusts nothing (its factor is NULL). Splits and
-- dividends are rows of their own (union all, no join), so a filter on the
-- symbol reaches each table's index.
create or replace view core.price_adjustment_event as
select
    'equity'::text as kind,
    'split'::text as action,
    s.symbol,
    s.date,
    s.numerator,
    s.denominator,
    null::numeric as dividend,
    null::date as previous_date,
    null::numeric as previous_close,
    case when s.numerator > 0 and s.denominator > 0
        then (s.denominator / s.numerator)::double precision end as split_event_factor,
    null::double precision as dividend_event_factor
from core.equity_split_latest as s
union all
select 'etf', 'split', s.symbol, s.date, s.numerator, s.denominator, null, null, null,
    case when s.numerator > 0 and s.denominator > 0 then (s.denominator / s.numerator)::double precision end,
    null
from core.etfs_split_latest as s
union all
select 'equity', 'dividend', d.symbol, d.date, null, null, d.dividend, p.date, p.close,
    null,
    case when d.dividend > 0 and p.close > d.dividend then (1 - d.dividend / p.close)::double precision end
from core.equity_dividend_latest as d
left join lateral (
    -- the session before the ex-date: the symbol's last close before it
    select c.date, c.close from core.equity_quotes_latest as c
    where c.symbol = d.symbol and c.date < d.date
    order by c.date desc
    limit 1
) as p on true
union all
select 'etf', 'dividend', d.symbol, d.date, null, null, d.dividend, p.date, p.close,
    null,
    case when d.dividend > 0 and p.close > d.dividend then (1 - d.dividend / p.close)::double precision end
from core.etfs_dividend_latest as d
left join lateral (
    select c.date, c.close from core.etfs_quotes_latest as c
    where c.symbol = d.symbol and c.date < d.date
    order by c.date desc
    limit 1
) as p on true;

comment on view core.price_adjustment_event is
    'One row per kind, action (split, dividend), symbol and ex-date (latest versions): the action''s own adjustment factor (docs/CORPORATE-ACTIONS.md).';

-- The one adjusted price series the analytics read: one row per kind
-- (equity, etf), symbol and trading date of core.equity_quotes and
-- core.etfs_quotes (latest versions). Price returns use split_adjusted_close,
-- total returns total_return_close.
-- How: a symbol's ex-dates cut its history into spans; a price in the span
-- [previous ex-date, ex-date) takes the product of the factors of that
-- ex-date and every later one, a price on or after the last ex-date 1. The
-- spans are few (one per ex-date), so each price is matched by a hash join
-- on the symbol and no sort of the whole history is needed; a filter on the
-- symbol reaches the indexes of every table.
create or replace view core.total_return_price as
with
prices as (
    select 'equity'::text as kind, q.symbol, q.date, q.close
    from core.equity_quotes_latest as q
    union all
    select 'etf', q.symbol, q.date, q.close
    from core.etfs_quotes_latest as q
),
events as not materialized (
    -- one row per ex-date: the product of its actions' factors (NULL adjusts nothing);
    -- not materialized: a filter on the symbol reaches both of its uses
    select e.kind, e.symbol, e.date,
        coalesce(core.product(e.split_event_factor), 1) as split_f,
        coalesce(core.product(e.dividend_event_factor), 1) as dividend_f
    from core.price_adjustment_event as e
    group by e.kind, e.symbol, e.date
),
spans as (
    select
        e.kind,
        e.symbol,
        lead(e.date) over w as from_date,
        e.date as to_date,
        core.product(e.split_f) over w as split_factor,
        core.product(e.dividend_f) over w as dividend_factor
    from events as e
    window w as (partition by e.kind, e.symbol order by e.date desc rows between unbounded preceding and current row)
    union all
    -- on and after the last ex-date: as traded
    select e.kind, e.symbol, max(e.date), null, 1, 1
    from events as e
    group by e.kind, e.symbol
)
select
    p.kind,
    p.symbol,
    p.date,
    p.close,
    round(p.close * coalesce(s.split_factor, 1)::numeric, 6) as split_adjusted_close,
    round(p.close * coalesce(s.split_factor * s.dividend_factor, 1)::numeric, 6) as total_return_close,
    coalesce(s.split_factor, 1) as split_factor,
    coalesce(s.dividend_factor, 1) as dividend_factor,
    case when s.symbol is not null then 'adjusted' else 'unadjusted' end as basis
from prices as p
left join spans as s
    on s.kind = p.kind and s.symbol = p.symbol
    and (s.from_date is null or p.date >= s.from_date)
    and (s.to_date is null or p.date < s.to_date);

comment on view core.total_return_price is
    'One row per kind, symbol and trading date: close as served, split-adjusted close (price returns) and total-return close (total returns), backward-adjusted by the stored splits and cash dividends (docs/CORPORATE-ACTIONS.md).';
comment on column core.total_return_price.kind is 'equity (core.equity_quotes) or etf (core.etfs_quotes).';
comment on column core.total_return_price.close is 'Close as stored (FMP''s close, trading currency).';
comment on column core.total_return_price.split_adjusted_close is 'close * split_factor, trading currency, 6 decimals: the price-return basis.';
comment on column core.total_return_price.total_return_close is 'close * split_factor * dividend_factor, trading currency, 6 decimals: the total-return basis (dividends reinvested on the ex-date).';
comment on column core.total_return_price.split_factor is 'Product of denominator / numerator of the splits with ex-date after date (1 when none).';
comment on column core.total_return_price.dividend_factor is 'Product of (1 - dividend / previous close) of the cash dividends with ex-date after date (1 when none).';
comment on column core.total_return_price.basis is 'adjusted: the symbol has at least one split or dividend stored; unadjusted: none stored (the adjusted closes equal close).';

-- The anchor of an equity's return to p_last (api.latest_company_metrics):
-- the last close on or before p_anchor, and the multiples that put it on
-- p_last's basis: split_multiple = product of numerator / denominator of the
-- splits with ex-date in (anchor date, p_last]; dividend_multiple = product
-- of 1 / (1 - dividend / previous close) of the cash dividends with ex-date
-- in that span (reinvested on the ex-date, as core.total_return_price). So
-- price return = close(p_last) * split_multiple / close - 1 and total return
-- = close(p_last) * split_multiple * dividend_multiple / close - 1. No row
-- when the symbol has no close that early. Index lookups only: inlined into
-- the caller (one SQL statement, stable).
create or replace function core.equity_return_anchor(p_symbol text, p_anchor date, p_last date)
returns table (anchor_date date, close numeric, split_multiple numeric, dividend_multiple numeric)
language sql
stable
parallel safe
as $$
    select
        a.date,
        a.close,
        coalesce((
            select core.product((s.numerator / s.denominator)::double precision)
            from core.equity_split_latest as s
            where s.symbol = p_symbol and s.date > a.date and s.date <= p_last
                and s.numerator > 0 and s.denominator > 0
        ), 1)::numeric,
        coalesce((
            select core.product((1 / (1 - d.dividend / b.close))::double precision)
            from core.equity_dividend_latest as d
            cross join lateral (
                select q.close from core.equity_quotes_latest as q
                where q.symbol = p_symbol and q.date < d.date
                order by q.date desc
                limit 1
            ) as b
            where d.symbol = p_symbol and d.date > a.date and d.date <= p_last
                and d.dividend > 0 and b.close > d.dividend
        ), 1)::numeric
    from (
        select c.date, h.close
        from core.equity_quotes_current as c
        join core.equity_quotes as h on h.symbol = c.symbol and h.date = c.date and h.data_version = c.data_version
        where c.symbol = p_symbol and c.date <= p_anchor
        order by c.date desc
        limit 1
    ) as a
$$;
