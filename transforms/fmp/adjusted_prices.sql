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

-- One row per kind (equity, etf), symbol and ex-date with a split or a cash
-- dividend (the latest version of each): the event's own factor. A split
-- with a ratio that is not positive, a dividend without a previous close or
-- of at least that close adjusts nothing (its factor is NULL).
create or replace view core.price_adjustment_event as
with
events as (
    select 'equity'::text as kind, coalesce(s.symbol, d.symbol) as symbol, coalesce(s.date, d.date) as date,
        s.numerator, s.denominator, d.dividend
    from core.equity_split_latest as s
    full join core.equity_dividend_latest as d on d.symbol = s.symbol and d.date = s.date
    union all
    select 'etf', coalesce(s.symbol, d.symbol), coalesce(s.date, d.date),
        s.numerator, s.denominator, d.dividend
    from core.etfs_split_latest as s
    full join core.etfs_dividend_latest as d on d.symbol = s.symbol and d.date = s.date
)
select
    e.kind,
    e.symbol,
    e.date,
    e.numerator,
    e.denominator,
    e.dividend,
    p.date as previous_date,
    p.close as previous_close,
    case when e.numerator > 0 and e.denominator > 0
        then (e.denominator / e.numerator)::double precision end as split_event_factor,
    case when e.dividend > 0 and p.close > e.dividend
        then (1 - e.dividend / p.close)::double precision end as dividend_event_factor
from events as e
left join lateral (
    -- the session before the ex-date: the symbol's last close before it
    select q.date, q.close
    from (
        select c.date, c.close from core.equity_quotes_latest as c
        where e.kind = 'equity' and c.symbol = e.symbol and c.date < e.date and e.dividend is not null
        order by c.date desc
        limit 1
    ) as q
    union all
    select q.date, q.close
    from (
        select c.date, c.close from core.etfs_quotes_latest as c
        where e.kind = 'etf' and c.symbol = e.symbol and c.date < e.date and e.dividend is not null
        order by c.date desc
        limit 1
    ) as q
) as p on true;

comment on view core.price_adjustment_event is
    'One row per kind, symbol and ex-date with a split or cash dividend (latest versions): the event''s own adjustment factor (docs/CORPORATE-ACTIONS.md).';

-- The one adjusted price series the analytics read: one row per kind
-- (equity, etf), symbol and trading date of core.equity_quotes and
-- core.etfs_quotes (latest versions). Price returns use split_adjusted_close,
-- total returns total_return_close.
create or replace view core.total_return_price as
with
series as (
    select 'equity'::text as kind, q.symbol, q.date, q.close, 0 as is_event,
        null::double precision as split_f, null::double precision as dividend_f
    from core.equity_quotes_latest as q
    union all
    select 'etf', q.symbol, q.date, q.close, 0, null, null
    from core.etfs_quotes_latest as q
    union all
    select e.kind, e.symbol, e.date, null, 1, e.split_event_factor, e.dividend_event_factor
    from core.price_adjustment_event as e
),
cumulated as (
    -- newest first; on an ex-date the price comes before the event, so a
    -- price is adjusted by the events after its date only
    select
        s.*,
        coalesce(core.product(s.split_f) over w, 1) as split_factor,
        coalesce(core.product(s.dividend_f) over w, 1) as dividend_factor,
        count(s.split_f) over k + count(s.dividend_f) over k as events
    from series as s
    window
        w as (partition by s.kind, s.symbol order by s.date desc, s.is_event rows between unbounded preceding and current row),
        k as (partition by s.kind, s.symbol)
)
select
    c.kind,
    c.symbol,
    c.date,
    c.close,
    round(c.close * c.split_factor::numeric, 6) as split_adjusted_close,
    round(c.close * (c.split_factor * c.dividend_factor)::numeric, 6) as total_return_close,
    c.split_factor,
    c.dividend_factor,
    case when c.events > 0 then 'adjusted' else 'unadjusted' end as basis
from cumulated as c
where c.is_event = 0;

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
