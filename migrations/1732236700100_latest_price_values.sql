-- Up Migration
-- The latest price of each symbol, stored with its values (docs/SCALING.md,
-- "Read paths"): core.equity_quotes_current_date and
-- core.etfs_quotes_current_date held only the newest date of each symbol,
-- and api.equity_latest_price / api.etf_latest_price then read that day's
-- current version from the year partitions of history: planning a query
-- over every partition cost more than running it. They now hold that day's
-- latest version's values, kept by the price transforms
-- (core.fmp_transform_prices), as core.fundata_quotes_current_date does
-- for NAVPS, and the views read this one small table by key.
do $$
declare
    t text;
begin
    foreach t in array array['equity_quotes', 'etfs_quotes'] loop
        execute format(
            $q$
            alter table core.%1$I
                add column data_version integer,
                add column open numeric,
                add column high numeric,
                add column low numeric,
                add column close numeric,
                add column adj_close numeric,
                add column volume bigint,
                add column unadjusted_volume bigint,
                add column change numeric,
                add column change_percent numeric,
                add column vwap numeric,
                add column api_version text,
                add column updated_at timestamptz
            $q$, t || '_current_date');
        execute format(
            $q$
            update core.%1$I as d
            set data_version = n.data_version, open = n.open, high = n.high, low = n.low, close = n.close,
                adj_close = n.adj_close, volume = n.volume, unadjusted_volume = n.unadjusted_volume,
                change = n.change, change_percent = n.change_percent, vwap = n.vwap,
                api_version = n.api_version, updated_at = n.updated_at
            from core.%2$I as q
            cross join lateral (
                select h.*
                from core.%3$I as h
                where h.symbol = q.symbol and h.date = q.date and h.data_version = q.data_version
                order by h.array_source_field nulls first, h.array_element_index nulls first
                limit 1
            ) as n
            where q.symbol = d.symbol and q.date = d.date
            $q$, t || '_current_date', t || '_current', t);
        -- a date without its current version was never shown (the views joined it)
        execute format('delete from core.%I where data_version is null', t || '_current_date');
        execute format('alter table core.%I alter column data_version set not null, alter column updated_at set not null',
            t || '_current_date');
        execute format('comment on table core.%I is %L', t || '_current_date',
            format('The newest trading date of each symbol with that day''s latest version''s values (api.%s); kept by the %s transform.',
                case t when 'equity_quotes' then 'equity_latest_price' else 'etf_latest_price' end, t));
    end loop;
end
$$;
