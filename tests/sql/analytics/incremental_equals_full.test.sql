-- After a new price day lands, and after a revised price of a day months
-- back, the refreshed analytics (the portfolio history recomputed only from
-- the first date the new batches touched) equal a rebuild from scratch
-- (every transform rebuilt from raw, the analytics tables emptied and built
-- again in full), view by view.
begin;
\ir analytics_fixture.psql
select plan(14);

-- a new trading day for every symbol, and its treasury curve
select tests.land_fmp('fmp.etf_price', '/stable/historical-price-eod/full', '{}', (
    select jsonb_agg(jsonb_build_object('symbol', symbol, 'date', '2024-12-02', 'open', close * 1.01,
        'high', close * 1.01, 'low', close * 1.01, 'close', close * 1.01, 'adjClose', close * 1.01, 'volume', 1000))
    from api.security_metrics where symbol in ('SPY', 'VTV', 'VUG', 'MTUM', 'QUAL', 'SLY', 'USMV')));
select tests.land_fmp('fmp.equity_price', '/stable/historical-price-eod/full', '{}', (
    select jsonb_agg(jsonb_build_object('symbol', symbol, 'date', '2024-12-02', 'open', close * 0.99,
        'high', close * 0.99, 'low', close * 0.99, 'close', close * 0.99, 'volume', 1000))
    from api.security_metrics where symbol not in ('SPY', 'VTV', 'VUG', 'MTUM', 'QUAL', 'SLY', 'USMV')));
select tests.land_fmp('fmp.treasury', '/stable/treasury-rates', '{}', '[{"date": "2024-12-02", "month3": 4.9, "year10": 4.3}]');
select count(*) from ops.run_transforms(false);
create temp table refresh_1 as select * from agg.refresh_analytics();

-- and a revised price of a day months back (a new version of that day)
select tests.land_fmp('fmp.equity_price', '/stable/historical-price-eod/full', '{"symbol": "AAA"}', (
    select jsonb_agg(jsonb_build_object('symbol', symbol, 'date', date, 'open', close * 1.05,
        'high', close * 1.05, 'low', close * 1.05, 'close', close * 1.05, 'adjClose', adj_close * 1.05, 'volume', 1000))
    from api.equity_price where symbol = 'AAA' and date = '2024-06-03'));
select count(*) from ops.run_transforms(false);
create temp table refresh_2 as select * from agg.refresh_analytics();

create temp table inc_prices as select * from agg.security_price;
create temp table inc_metrics as select * from api.security_metrics;
create temp table inc_factors as select * from api.factor_exposure;
create temp table inc_positions as select * from api.position_analytics;
create temp table inc_summary as select * from api.portfolio_summary;
create temp table inc_pf_factor as select * from api.portfolio_factor_exposure;
create temp table inc_scenario as select * from api.portfolio_scenario;
create temp table inc_correlation as select * from api.position_correlation;
create temp table inc_history as select * from api.portfolio_history;
create temp table inc_funds as select * from api.fund_metrics;

select is((select max(as_of_date) from inc_metrics), date '2024-12-02', 'the refresh moved to the new day');
select results_eq(
    $$ select history_from from refresh_1 union all select history_from from refresh_2 $$,
    $$ values (date '2024-11-30'), (date '2024-06-03') $$,
    'the refreshes recomputed the portfolio history only from the first date their batches touched'
);

-- from scratch
select count(*) from ops.rebuild_transform('etfs_quotes');
select count(*) from ops.rebuild_transform('equity_quotes');
select count(*) from ops.rebuild_transform('treasury');
select count(*) from ops.rebuild_transform('positions');
select count(*) from ops.rebuild_transform('fundata_quotes');
select count(*) from ops.rebuild_transform('fundata_performance_summary');
truncate agg.security_price, agg.security_metrics, agg.factor_exposure, agg.position_analytics,
    agg.factor_comovement, agg.position_correlation, agg.portfolio_history, agg.fund_metrics;
select count(*) from agg.refresh_analytics(true);

select ok((select count(*) from inc_metrics) = 13 and (select count(*) from inc_positions) = 11, 'every symbol and position is there');
select set_eq('select * from agg.security_price', 'select * from inc_prices',
    'agg.security_price (returns, running sums, 63-day volatility): refresh = rebuild');
select set_eq('select * from api.security_metrics', 'select * from inc_metrics', 'api.security_metrics: refresh = rebuild');
select set_eq('select * from api.factor_exposure', 'select * from inc_factors', 'api.factor_exposure: refresh = rebuild');
select set_eq('select * from api.position_analytics', 'select * from inc_positions', 'api.position_analytics: refresh = rebuild');
select set_eq('select * from api.portfolio_summary', 'select * from inc_summary', 'api.portfolio_summary: refresh = rebuild');
select set_eq('select * from api.portfolio_factor_exposure', 'select * from inc_pf_factor', 'api.portfolio_factor_exposure: refresh = rebuild');
select set_eq('select * from api.portfolio_scenario', 'select * from inc_scenario', 'api.portfolio_scenario: refresh = rebuild');
select set_eq('select * from api.position_correlation', 'select * from inc_correlation', 'api.position_correlation: refresh = rebuild');
-- the portfolio history sums each day's position values by hashing (no sort
-- of every position-day), so the order of the terms, and the last bits of
-- the sums, may differ between builds (docs/ANALYTICS.md): equal to 1e-9
select is(
    (select count(*)::integer
     from api.portfolio_history as h
     full join inc_history as i on i.portfolio = h.portfolio and i.date = h.date
     where i.portfolio is null or h.portfolio is null
        or i.position_count <> h.position_count
        or abs(i.market_value - h.market_value) > 1e-9 * greatest(abs(h.market_value), 1)
        or abs(i.exposure - h.exposure) > 1e-9 * greatest(abs(h.exposure), 1)
        or abs(i.cumulative_pnl - h.cumulative_pnl) > 1e-9 * greatest(abs(h.cumulative_pnl), 1)
        or abs(i.daily_pnl - h.daily_pnl) > 1e-9 * greatest(abs(h.daily_pnl), 1)),
    0,
    'api.portfolio_history: refresh = rebuild (to 1e-9 relative, every row)'
);
select set_eq('select * from api.fund_metrics', 'select * from inc_funds', 'api.fund_metrics: refresh = rebuild');
select isnt_empty(
    $$ select 1 from api.security_metrics as m join inc_metrics as i using (symbol)
       where m.return_1d is distinct from (select e.return_1d from expected_security_metrics as e where e.symbol = m.symbol) $$,
    'the new day changed the figures (the comparison is not of an unchanged build)'
);

select * from finish();
rollback;
