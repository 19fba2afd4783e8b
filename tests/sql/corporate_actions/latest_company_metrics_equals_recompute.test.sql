-- api.latest_company_metrics reads agg.latest_company_metrics, kept
-- incrementally by agg.refresh_latest_company_metrics (agg.refresh): after
-- new versions land (a newer fiscal year, more prices, a late split) and the
-- refresh runs, only the touched symbols are recomputed, the stored table
-- equals agg.compute_latest_company_metrics() from scratch, and the view
-- equals a recomputation from scratch: the newest FY row of each table by
-- sorting all of them, and returns from core.total_return_price's adjusted
-- closes (an independent path to the same figures: the view itself reads the
-- closes and the splits and dividends between them).
begin;
\ir ../helpers/fixtures.psql
\ir ../fmp/fmp_fixtures.psql
select plan(15);

create function tests.land_company(p_symbol text, p_fy date, p_scale numeric)
returns void
language sql
as $$
    select tests.land_fmp('fmp.profile', '/stable/profile', jsonb_build_object('symbol', p_symbol), jsonb_build_array(jsonb_build_object(
        'symbol', p_symbol, 'companyName', p_symbol || ' Inc.', 'exchange', 'NASDAQ', 'sector', 'Technology',
        'industry', 'Software', 'currency', 'USD', 'country', 'US', 'marketCap', 1000000 * p_scale, 'beta', 1.1, 'price', 50)));
    select tests.land_fmp('fmp.ratios', '/stable/ratios', jsonb_build_object('symbol', p_symbol, 'period', 'annual'), jsonb_build_array(
        jsonb_build_object('symbol', p_symbol, 'date', p_fy, 'period', 'FY', 'fiscalYear', extract(year from p_fy)::text,
            'priceToEarningsRatio', 20 * p_scale, 'priceToBookRatio', 5 * p_scale, 'grossProfitMargin', 0.4, 'netProfitMargin', 0.2 * p_scale,
            'returnOnEquity', 0.3, 'returnOnAssets', 0.1, 'debtToEquityRatio', 1.5, 'currentRatio', 1.2, 'interestCoverageRatio', 9),
        jsonb_build_object('symbol', p_symbol, 'date', p_fy - 365, 'period', 'FY', 'priceToEarningsRatio', 99)));
    select tests.land_fmp('fmp.key_metrics', '/stable/key-metrics', jsonb_build_object('symbol', p_symbol, 'period', 'annual'), jsonb_build_array(
        jsonb_build_object('symbol', p_symbol, 'date', p_fy, 'period', 'FY', 'evToEBITDA', 14 * p_scale, 'enterpriseValue', 2000000)));
    select tests.land_fmp('fmp.income_statement', '/stable/income-statement', jsonb_build_object('symbol', p_symbol, 'period', 'quarter'), jsonb_build_array(
        jsonb_build_object('symbol', p_symbol, 'date', p_fy + 90, 'period', 'Q1', 'revenue', 1, 'netIncome', 1)));
    select tests.land_fmp('fmp.income_statement', '/stable/income-statement', jsonb_build_object('symbol', p_symbol, 'period', 'annual'), jsonb_build_array(
        jsonb_build_object('symbol', p_symbol, 'date', p_fy, 'period', 'FY', 'revenue', 500000 * p_scale, 'netIncome', 100000 * p_scale,
            'eps', 2.5 * p_scale, 'epsDiluted', 2.4 * p_scale)));
$$;

-- daily closes of weekdays from p_from to p_to: 100 + day of year / 10, halved from p_split on
create function tests.land_prices(p_symbol text, p_from date, p_to date, p_split date)
returns bigint
language sql
as $$
    select tests.land_fmp('fmp.equity_price', '/stable/historical-price-eod/full', jsonb_build_object('symbol', p_symbol), (
        select jsonb_agg(jsonb_build_object('symbol', p_symbol, 'date', x.d, 'open', x.c, 'high', x.c, 'low', x.c, 'close', x.c, 'volume', 1000))
        from (
            select d::date as d, round((100 + extract(doy from d) / 10) / case when d >= p_split then 2 else 1 end, 2) as c
            from generate_series(p_from, p_to, interval '1 day') as d
            where extract(isodow from d) < 6
        ) as x));
$$;

-- the recomputation: every figure from scratch
create function tests.recomputed()
returns table (symbol text, valuation_as_of date, pe_ratio numeric, ev_to_ebitda numeric, net_profit_margin numeric,
    debt_to_equity numeric, fundamentals_as_of date, revenue numeric, eps_diluted numeric, performance_as_of date,
    return_1m numeric, return_ytd numeric, return_1y numeric, total_return_1y numeric)
language sql
as $$
    with
    fy_ratios as (
        select distinct on (r.symbol) r.* from core.equity_ratios_latest as r where r.period = 'FY' order by r.symbol, r.date desc
    ),
    fy_metrics as (
        select distinct on (k.symbol) k.* from core.equity_key_metrics_latest as k where k.period = 'FY' order by k.symbol, k.date desc
    ),
    fy_income as (
        select distinct on (i.symbol) i.* from core.equity_income_latest as i where i.period = 'FY' order by i.symbol, i.date desc
    ),
    adj as (select * from core.total_return_price where kind = 'equity'),
    last as (select a.symbol, max(a.date) as d from adj as a group by a.symbol),
    anchored as (
        select l.symbol, l.d, w.which, (
            select a.date from adj as a where a.symbol = l.symbol and a.date <= w.anchor order by a.date desc limit 1
        ) as anchor_date
        from last as l
        cross join lateral (values
            ('1m', (l.d - interval '1 month')::date),
            ('ytd', make_date(extract(year from l.d)::integer - 1, 12, 31)),
            ('1y', (l.d - interval '1 year')::date)
        ) as w (which, anchor)
    ),
    returns as (
        select x.symbol, x.d,
            max(e.split_adjusted_close / b.split_adjusted_close - 1) filter (where x.which = '1m') as r1m,
            max(e.split_adjusted_close / b.split_adjusted_close - 1) filter (where x.which = 'ytd') as rytd,
            max(e.split_adjusted_close / b.split_adjusted_close - 1) filter (where x.which = '1y') as r1y,
            max(e.total_return_close / b.total_return_close - 1) filter (where x.which = '1y') as t1y
        from anchored as x
        join adj as e on e.symbol = x.symbol and e.date = x.d
        left join adj as b on b.symbol = x.symbol and b.date = x.anchor_date
        group by x.symbol, x.d
    )
    select p.symbol, r.date, r.price_to_earnings_ratio, k.ev_to_ebitda, r.net_profit_margin, r.debt_to_equity_ratio,
        i.date, i.revenue, i.eps_diluted, t.d, t.r1m, t.rytd, t.r1y, t.t1y
    from core.equity_profile_latest as p
    left join fy_ratios as r on r.symbol = p.symbol
    left join fy_metrics as k on k.symbol = p.symbol
    left join fy_income as i on i.symbol = p.symbol
    left join returns as t on t.symbol = p.symbol
$$;

-- the figures of the view that are not returns equal the recomputation
-- exactly; returns to 1e-5 (the recomputation divides 6-decimal adjusted closes)
create function tests.differences()
returns table (symbol text, what text)
language sql
as $$
    select coalesce(v.symbol, r.symbol), case when v.symbol is null then 'missing' when r.symbol is null then 'extra' else 'differs' end
    from (select * from api.latest_company_metrics) as v
    full join tests.recomputed() as r on r.symbol = v.symbol
    where v.symbol is null or r.symbol is null
        or (v.valuation_as_of, v.pe_ratio, v.ev_to_ebitda, v.net_profit_margin, v.debt_to_equity, v.fundamentals_as_of, v.revenue,
            v.eps_diluted, v.performance_as_of)
            is distinct from
            (r.valuation_as_of, r.pe_ratio, r.ev_to_ebitda, r.net_profit_margin, r.debt_to_equity, r.fundamentals_as_of, r.revenue,
            r.eps_diluted, r.performance_as_of)
        or (v.return_1m is null) <> (r.return_1m is null) or abs(v.return_1m - r.return_1m) > 1e-5
        or (v.return_ytd is null) <> (r.return_ytd is null) or abs(v.return_ytd - r.return_ytd) > 1e-5
        or (v.return_1y is null) <> (r.return_1y is null) or abs(v.return_1y - r.return_1y) > 1e-5
        or (v.total_return_1y is null) <> (r.total_return_1y is null) or abs(v.total_return_1y - r.total_return_1y) > 1e-5
$$;

-- the stored rows that differ from a full recompute
create function tests.stored_differences()
returns setof text
language sql
as $$
    select coalesce(s.symbol, c.symbol)::text
    from agg.latest_company_metrics as s
    full join agg.compute_latest_company_metrics() as c on c.symbol = s.symbol
    where s.symbol is null or c.symbol is null
        or (to_jsonb(s) - 'refreshed_at') is distinct from (to_jsonb(c) - 'refreshed_at')
$$;

-- Setup: AAA with everything (a 2:1 split on 2023-09-01, a dividend), BBB a profile only
select tests.land_company('AAA', date '2023-09-30', 1);
select tests.land_company('BBB', date '2023-06-30', 2);
select tests.land_prices('AAA', date '2022-11-01', date '2024-02-29', date '2023-09-01');
select tests.land_fmp('fmp.equity_split', '/stable/splits', '{"symbol": "AAA"}',
    '[{"symbol": "AAA", "date": "2023-09-01", "numerator": 2, "denominator": 1}]');
select tests.land_fmp('fmp.equity_dividend', '/stable/dividends', '{"symbol": "AAA"}',
    '[{"symbol": "AAA", "date": "2023-11-10", "dividend": 0.5, "adjDividend": 0.5}, {"symbol": "AAA", "date": "2024-02-09", "dividend": 0.5, "adjDividend": 0.5}]');
select ops.run_transforms();
select * from agg.refresh();

-- Test
select is_empty($$ select * from tests.stored_differences() $$, 'the first refresh stores what a full recompute gives');
select is_empty($$ select * from tests.differences() $$, 'after the first load the view equals the recomputation');
select results_eq(
    $$ select symbol collate "default", valuation_as_of, pe_ratio, fundamentals_as_of, revenue, performance_as_of, last_close
       from api.latest_company_metrics order by symbol $$,
    $$ values
        ('AAA'::text, date '2023-09-30', 20::numeric, date '2023-09-30', 500000::numeric, date '2024-02-29', 53.00::numeric),
        ('BBB', date '2023-06-30', 40, date '2023-06-30', 1000000, null, null) $$,
    'one row per equity: the newest fiscal year (not the older FY, not a quarter), the last close; no prices, no performance'
);
-- 2024-02-29 (doy 60): (100 + 6.0) / 2 = 53.00; 1y anchor 2023-02-28 (doy 59): 105.90 before the
-- split, so the price return is 53.00 × 2 / 105.90 - 1
select ok(
    abs((select return_1y from api.latest_company_metrics where symbol = 'AAA') - (53.00 * 2 / 105.90 - 1)) < 1e-6,
    'return_1y across the 2:1 split: 53.00 × 2 / 105.90 - 1 (hand computation)'
);
select ok(
    (select total_return_1y > return_1y from api.latest_company_metrics where symbol = 'AAA'),
    'the total return counts the dividends'
);

-- new versions land: a new company, then a newer fiscal year, more prices, a late reverse split for BBB with prices
-- CCC lands and is refreshed, then only its profile changes: AAA and BBB are not recomputed by that refresh
select tests.land_company('CCC', date '2023-12-31', 1);
select ops.run_transforms();
select * from agg.refresh_latest_company_metrics();
update agg.latest_company_metrics set refreshed_at = '2000-01-01' where symbol in ('AAA', 'BBB', 'CCC');
select tests.land_fmp('fmp.profile', '/stable/profile', '{"symbol": "CCC"}',
    '[{"symbol": "CCC", "companyName": "CCC Renamed", "currency": "USD", "marketCap": 5}]');
select ops.run_transforms();
select results_eq(
    $$ select batches, buckets, full_refresh from agg.refresh_latest_company_metrics() $$,
    $$ values (1, 1, false) $$,
    'a new profile version of CCC: one batch taken in, one symbol recomputed, incrementally'
);
select results_eq(
    $$ select symbol collate "default", refreshed_at > '2000-01-01', company_name from agg.latest_company_metrics order by symbol $$,
    $$ values ('AAA'::text, false, 'AAA Inc.'::text), ('BBB', false, 'BBB Inc.'), ('CCC', true, 'CCC Renamed') $$,
    'only CCC was recomputed, with its new name'
);
select results_eq(
    $$ select batches, buckets from agg.refresh_latest_company_metrics() $$,
    $$ values (0, 0) $$,
    'nothing new: nothing recomputed'
);

select tests.land_company('AAA', date '2024-09-30', 3);
select tests.land_prices('AAA', date '2024-03-01', date '2024-03-29', date '2023-09-01');
select tests.land_prices('BBB', date '2023-01-02', date '2024-03-29', date '2099-01-01');
select tests.land_fmp('fmp.equity_split', '/stable/splits', '{"symbol": "BBB"}',
    '[{"symbol": "BBB", "date": "2024-03-01", "numerator": 1, "denominator": 4}]');
select ops.run_transforms();
select results_eq(
    $$ select buckets, full_refresh from agg.refresh() where aggregate_name = 'latest_company_metrics' $$,
    $$ values (2, false) $$,
    'the refresh after new fiscal years, prices and a split recomputes AAA and BBB only'
);

select is_empty($$ select * from tests.stored_differences() $$, 'after new versions land the incremental refresh equals a full recompute');
select is_empty($$ select * from tests.differences() $$, 'after new versions land the view still equals the recomputation');
select results_eq(
    $$ select symbol collate "default", valuation_as_of, pe_ratio, performance_as_of from api.latest_company_metrics order by symbol $$,
    $$ values ('AAA'::text, date '2024-09-30', 60::numeric, date '2024-03-29'), ('BBB', date '2023-06-30', 40, date '2024-03-29'),
        ('CCC', date '2023-12-31', 20, null) $$,
    'the newer fiscal year and the newer prices show at once'
);
select ok(
    abs((select return_1m from api.latest_company_metrics where symbol = 'BBB')
        - ((100 + extract(doy from date '2024-03-29') / 10) * 0.25 / round(100 + extract(doy from date '2024-02-29') / 10, 2) - 1)) < 1e-4,
    'a late 1:4 reverse split: the month before it counts at a quarter of its close'
);
select isnt(
    (select count(*) from api.latest_company_metrics where return_1m is not null),
    0::bigint,
    'returns are filled'
);
select has_column('api', 'latest_company_metrics', 'financial_health_as_of', 'each group has its as-of column');

select * from finish();
rollback;
