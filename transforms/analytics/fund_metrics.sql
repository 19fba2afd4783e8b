-- definition: analytics.fund_metrics
-- version: 1
-- Fund metrics from Fundata NAVPS (docs/ANALYTICS.md), into agg.fund_metrics;
-- called by agg.refresh_analytics(). Each fund on its own dates: the latest
-- version of each day's NAVPS (> 0), daily return between consecutive NAV
-- dates, the same returns and volatilities as api.security_metrics over the
-- fund's own last date, and the latest trailing returns Fundata reports
-- (core.fundata_performance_summary, percent) beside them.

create or replace function agg.refresh_fund_metrics()
returns integer
language plpgsql
as $$
declare
    v_n integer;
begin
    delete from agg.fund_metrics;
    insert into agg.fund_metrics (identifier, as_of_date, navps,
        return_1d, return_21d, return_63d, return_252d, return_ytd,
        volatility_21d, volatility_63d, volatility_252d,
        reported_as_of_date, reported_one_month_return, reported_three_month_return,
        reported_ytd_return, reported_one_year_return)
    with
    nav as (
        select n.identifier, n.date, n.navps::double precision as navps
        from (
            select distinct on (q.identifier, q.date) q.identifier, q.date, q.navps
            from core.fundata_quotes as q
            order by q.identifier, q.date, q.data_version desc,
                q.array_source_field nulls first, q.array_element_index nulls first
        ) as n
        where n.navps > 0
    ),
    ranked as (
        select v.*,
            v.navps / lag(v.navps) over (partition by v.identifier order by v.date) - 1 as r,
            row_number() over (partition by v.identifier order by v.date desc) as n,
            max(v.date) over (partition by v.identifier) as last_date
        from nav as v
    ),
    base as (
        select k.identifier,
            max(k.date) as as_of_date,
            max(k.navps) filter (where k.n = 1) as navps,
            max(k.navps) filter (where k.n = 2) as nav_1,
            max(k.navps) filter (where k.n = 22) as nav_21,
            max(k.navps) filter (where k.n = 64) as nav_63,
            max(k.navps) filter (where k.n = 253) as nav_252,
            (array_agg(k.navps order by k.date desc) filter (where k.date < date_trunc('year', k.last_date)::date))[1] as nav_prev_year,
            count(k.r) filter (where k.n <= 21) as n_21,
            count(k.r) filter (where k.n <= 63) as n_63,
            count(k.r) filter (where k.n <= 252) as n_252,
            stddev_samp(k.r order by k.date) filter (where k.n <= 21) as sd_21,
            stddev_samp(k.r order by k.date) filter (where k.n <= 63) as sd_63,
            stddev_samp(k.r order by k.date) filter (where k.n <= 252) as sd_252
        from ranked as k
        group by k.identifier
    ),
    reported as (
        select distinct on (p.identifier) p.identifier, p.as_of_date,
            p.one_month_return, p.three_month_return, p.ytd_return, p.one_year_return
        from core.fundata_performance_summary as p
        order by p.identifier, p.data_version desc, p.array_source_field nulls first, p.array_element_index nulls first
    )
    select b.identifier, b.as_of_date, b.navps,
        b.navps / b.nav_1 - 1, b.navps / b.nav_21 - 1, b.navps / b.nav_63 - 1, b.navps / b.nav_252 - 1,
        b.navps / b.nav_prev_year - 1,
        case when b.n_21 >= 21 then b.sd_21 * sqrt(252) end,
        case when b.n_63 >= 63 then b.sd_63 * sqrt(252) end,
        case when b.n_252 >= 252 then b.sd_252 * sqrt(252) end,
        r.as_of_date, r.one_month_return, r.three_month_return, r.ytd_return, r.one_year_return
    from base as b
    left join reported as r on r.identifier = b.identifier;
    get diagnostics v_n = row_count;
    return v_n;
end
$$;
