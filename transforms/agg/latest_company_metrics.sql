-- definition: agg.latest_company_metrics
-- version: 2
-- agg.latest_company_metrics (docs/CORPORATE-ACTIONS.md, "Stored and
-- refreshed"): one row per equity with an FMP company profile, its profile
-- and the latest valuation, profitability, financial-health, performance and
-- fundamental figures, each group with its own as-of date; api.latest_company_metrics
-- reads it.
--
-- agg.compute_latest_company_metrics(p_symbols) computes the rows of the given
-- symbols (all when NULL) from the stored latest (<table>_current,
-- docs/ARCHITECTURE.md §10): every group is an index lookup per equity (the
-- newest fiscal year of core.equity_ratios, core.equity_key_metrics,
-- core.equity_income; the newest and three anchor closes of
-- core.equity_quotes; the splits and dividends between them).
--
-- agg.refresh_latest_company_metrics(p_full) keeps the table equal to
-- compute_latest_company_metrics(NULL): it takes the batches the transforms of
-- the seven core tables it reads consumed and it has not taken in
-- (agg.pending_batches, ledger ops.aggregate_batch), and recomputes only the
-- symbols those batches wrote rows for (a new version of a profile, a fiscal
-- year, a price, a split or a dividend). A batch consumed again by a new run
-- (a rebuild, which can also remove rows), a first refresh or p_full
-- recompute every symbol. agg.refresh() calls it.
create or replace function agg.compute_latest_company_metrics(p_symbols text[] default null)
returns setof agg.latest_company_metrics
language plpgsql
stable
as $$
begin
    -- dynamic, so the symbol filter is planned with its values (one plan
    -- for a handful of symbols, another for all of them)
    return query execute $q$
        select
            ---------- profile
            p.symbol,
            p.company_name,
            p.exchange,
            p.sector,
            p.industry,
            p.country,
            p.currency,
            p.market_cap,
            p.beta,
            p.price as profile_price,
            p.is_actively_trading,
            pc.vendor_as_of as profile_as_of,
            ---------- valuation (FMP ratios and key metrics of the newest fiscal year)
            r.date as valuation_as_of,
            r.price_to_earnings_ratio as pe_ratio,
            r.price_to_book_ratio as pb_ratio,
            r.price_to_sales_ratio as ps_ratio,
            r.price_to_free_cash_flow_ratio as price_to_free_cash_flow,
            r.price_to_earnings_growth_ratio as peg_ratio,
            coalesce(k.ev_to_ebitda, r.enterprise_value_multiple) as ev_to_ebitda,
            k.ev_to_sales,
            k.enterprise_value,
            r.dividend_yield,
            ---------- profitability (newest fiscal year)
            r.date as profitability_as_of,
            r.gross_profit_margin,
            r.operating_profit_margin,
            r.net_profit_margin,
            r.ebitda_margin,
            r.return_on_equity,
            r.return_on_assets,
            k.return_on_invested_capital,
            ---------- financial health (newest fiscal year)
            r.date as financial_health_as_of,
            r.debt_to_equity_ratio as debt_to_equity,
            r.debt_to_assets_ratio as debt_to_assets,
            r.current_ratio,
            r.quick_ratio,
            r.interest_coverage_ratio as interest_coverage,
            k.net_debt_to_ebitda,
            ---------- performance (daily prices, split-adjusted)
            last.date as performance_as_of,
            last.close as last_close,
            round(last.close * m1.split_multiple / m1.close - 1, 6) as return_1m,
            round(last.close * ytd.split_multiple / ytd.close - 1, 6) as return_ytd,
            round(last.close * y1.split_multiple / y1.close - 1, 6) as return_1y,
            round(last.close * y1.split_multiple * y1.dividend_multiple / y1.close - 1, 6) as total_return_1y,
            ---------- fundamentals (income statement of the newest fiscal year)
            i.date as fundamentals_as_of,
            i.fiscal_year,
            i.reported_currency,
            i.revenue,
            i.gross_profit,
            i.operating_income,
            i.ebitda,
            i.net_income,
            i.eps,
            i.eps_diluted,
            i.weighted_average_shs_out_dil as diluted_shares,
            now() as refreshed_at
        from core.equity_profile_current as pc
        join core.equity_profile as p on p.symbol = pc.symbol and p.data_version = pc.data_version
        left join lateral (
            select h.*
            from core.equity_ratios_current as c
            join core.equity_ratios as h on h.symbol = c.symbol and h.period = c.period and h.date = c.date and h.data_version = c.data_version
            where c.symbol = pc.symbol and c.period = 'FY'
            order by c.date desc
            limit 1
        ) as r on true
        left join lateral (
            select h.*
            from core.equity_key_metrics_current as c
            join core.equity_key_metrics as h
                on h.symbol = c.symbol and h.period = c.period and h.date = c.date and h.data_version = c.data_version
            where c.symbol = pc.symbol and c.period = 'FY'
            order by c.date desc
            limit 1
        ) as k on true
        left join lateral (
            select h.*
            from core.equity_income_current as c
            join core.equity_income as h on h.symbol = c.symbol and h.period = c.period and h.date = c.date and h.data_version = c.data_version
            where c.symbol = pc.symbol and c.period = 'FY'
            order by c.date desc
            limit 1
        ) as i on true
        -- the newest close, stored by the equity_quotes transform
        left join core.equity_quotes_current_date as last on last.symbol = pc.symbol
        -- each anchor: the last close on or before the anchor date, and the
        -- multiples that carry it to last.date's basis: the splits after it (ratio
        -- numerator / denominator) and, for total return, each dividend after it
        -- reinvested (1 / (1 - dividend / previous close))
        left join lateral (
            select a.close, a.split_multiple
            from core.equity_return_anchor(pc.symbol, (last.date - interval '1 month')::date, last.date) as a
        ) as m1 on true
        left join lateral (
            select a.close, a.split_multiple
            from core.equity_return_anchor(pc.symbol, make_date(extract(year from last.date)::integer - 1, 12, 31), last.date) as a
        ) as ytd on true
        left join lateral (
            select a.close, a.split_multiple, a.dividend_multiple
            from core.equity_return_anchor(pc.symbol, (last.date - interval '1 year')::date, last.date) as a
        ) as y1 on true
    $q$ || case when p_symbols is null then '' else ' where pc.symbol = any($1)' end
    using p_symbols;
end
$$;

create or replace function agg.refresh_latest_company_metrics(p_full boolean default false)
returns table (aggregate_name text, batches integer, buckets integer, full_refresh boolean, ms integer)
language plpgsql
as $$
declare
    v_started timestamptz := clock_timestamp();
    v_transforms text[];
    v_batches bigint[];
    v_runs bigint[];
    v_targets text[];
    v_full boolean;
    v_symbols text[];
    v_target text;
    v_target_batches bigint[];
    v_found text[];
    v_rows integer := 0;
begin
    select coalesce(array_agg(p.transform_name), '{}'), coalesce(array_agg(p.batch_id), '{}'),
        coalesce(array_agg(p.transform_run_id), '{}'), coalesce(array_agg(t.target), '{}'),
        p_full or coalesce(bool_or(p.reconsumed), false)
    into v_transforms, v_batches, v_runs, v_targets, v_full
    from unnest(array[
        'core.equity_profile', 'core.equity_ratios', 'core.equity_key_metrics', 'core.equity_income',
        'core.equity_quotes', 'core.equity_split', 'core.equity_dividend'
    ]) as t (target)
    cross join lateral agg.pending_batches('latest_company_metrics', t.target) as p;

    -- never refreshed: everything
    v_full := v_full or (select s.last_refreshed_at is null from ops.aggregate_state as s
        where s.aggregate_name = 'latest_company_metrics');

    if v_full then
        delete from agg.latest_company_metrics;
        insert into agg.latest_company_metrics select * from agg.compute_latest_company_metrics(null);
        get diagnostics v_rows = row_count;
    elsif cardinality(v_batches) > 0 then
        -- the symbols the pending batches wrote versions for, per table by its batch index
        v_symbols := '{}';
        foreach v_target in array (select array_agg(distinct x) from unnest(v_targets) as x) loop
            v_target_batches := array(
                select b.batch_id from unnest(v_batches, v_targets) as b (batch_id, target) where b.target = v_target
            );
            execute format('select coalesce(array_agg(distinct h.symbol::text), $2) from %s as h where h.batch_id = any($1)', v_target)
            into v_found
            using v_target_batches, '{}'::text[];
            v_symbols := v_symbols || v_found;
            -- a profile landed again unchanged moves only its stored latest
            -- (its as-of time): the stored latest's batch counts too
            if v_target = 'core.equity_profile' then
                v_symbols := v_symbols || array(
                    select c.symbol::text from core.equity_profile_current as c where c.batch_id = any(v_target_batches)
                );
            end if;
        end loop;
        v_symbols := array(select distinct x from unnest(v_symbols) as x);

        if cardinality(v_symbols) > 0 then
            delete from agg.latest_company_metrics as m where m.symbol = any(v_symbols);
            insert into agg.latest_company_metrics select * from agg.compute_latest_company_metrics(v_symbols);
            get diagnostics v_rows = row_count;
        end if;
    end if;

    perform agg.mark_refreshed('latest_company_metrics', v_transforms, v_batches, v_runs, v_rows, v_full, v_started);
    return query select 'latest_company_metrics'::text, cardinality(v_batches), v_rows, v_full,
        (extract(epoch from clock_timestamp() - v_started) * 1000)::integer;
end
$$;
