-- A symbol whose last 300 prices hold fewer than 252 dates on which SPY
-- also has a return (SPY priced only every other day lately) takes its CAPM
-- beta from all its rows: the last 252 common dates reach back further
-- (docs/ANALYTICS.md, "The build"). Expected: the definition computed
-- straight from the prices, every row of both series.
begin;
\ir ../helpers/fixtures.psql
select plan(5);

-- 500 weekdays to 2024-11-29; GAP priced every day, SPY every day for the
-- first 200, then every other day
create temp table d as
select x.date, row_number() over (order by x.date) as i
from (
    select g::date as date from generate_series(date '2022-06-01', date '2024-11-29', interval '1 day') as g
    where extract(isodow from g) < 6
    order by g desc
    limit 500
) as x;
insert into core.etfs_quotes (symbol, date, close, adj_close, data_source, source_file, data_version, content_hash,
    updated_at, batch_id, batch_line, batch_elem)
select 'SPY', d.date, round((100 + 5 * sin(d.i / 7.0) + 0.02 * d.i + 0.7 * sin(d.i * 1.3))::numeric, 4), null,
    'API', 'test', 1, 0, now(), 0, d.i, 0
from d
where d.i <= 200 or d.i % 2 = 0;
insert into core.equity_quotes (symbol, date, close, adj_close, data_source, source_file, data_version, content_hash,
    updated_at, batch_id, batch_line, batch_elem)
select 'GAP', d.date, round((50 + 3 * sin(d.i / 7.0) + 0.6 * sin(d.i * 2.1) + 0.01 * d.i)::numeric, 4), null,
    'API', 'test', 1, 0, now(), 0, d.i, 0
from d;

select * from agg.refresh_analytics(true);

create temp table expected as
with
g as (
    select q.date, q.close::float8 / lag(q.close::float8) over (order by q.date) - 1 as y
    from core.equity_quotes as q where q.symbol = 'GAP'
),
s as (
    select q.date, q.close::float8 / lag(q.close::float8) over (order by q.date) - 1 as x
    from core.etfs_quotes as q where q.symbol = 'SPY'
),
j as (
    select g.date, g.y, s.x from g join s on s.date = g.date
    where g.y is not null and s.x is not null
    order by g.date desc
    limit 252
)
select regr_slope(j.y, j.x) as beta, regr_r2(j.y, j.x) as r2, count(*) as n,
    min(j.date) as first_date
from j;

select ok(
    (select count(*) from (select date from d order by date desc limit 300) as l
     join core.etfs_quotes as q on q.symbol = 'SPY' and q.date = l.date) < 252,
    'the last 300 dates of GAP hold fewer than 252 SPY dates (the case under test)'
);
select is((select market_beta_n_obs from agg.security_metrics where symbol = 'GAP'), (select n::integer from expected),
    'GAP''s beta has its 252 common dates');
select is((select n::integer from expected), 252, 'and there are 252 of them');
select ok(
    (select abs(m.market_beta - e.beta) <= 1e-9 * abs(e.beta)
        and abs(m.market_beta_r_squared - e.r2) <= 1e-9 * abs(e.r2)
     from agg.security_metrics as m, expected as e where m.symbol = 'GAP'),
    'GAP''s CAPM beta and R² are those of its last 252 common dates with SPY'
);
select ok((select first_date from expected) < (select min(date) from (select date from d order by date desc limit 300) as l),
    'those dates reach back beyond its last 300 rows');

select * from finish();
rollback;
