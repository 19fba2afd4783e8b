-- transform: market_and_sector_quotes
-- version: 2
-- target: core.market_and_sector_quotes
-- datasets: fmp.market_quote
-- Grain: one row per symbol per trading date per version. From FMP quotes of
-- indexes (^GSPC, ^DJI, ...) and sector ETFs (XLK, ...), both API
-- generations. The trading date is the quote time (epoch seconds) on the New
-- York clock; a later quote of the same day is a new version of that day.
-- Daily history of the same symbols ({symbol, historical: [...]} or the
-- stable flat array) fills the same columns: its close is the day's price.

create or replace function core.transform_market_and_sector_quotes(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('market_and_sector_quotes', p_batches, array[
        ---------- keys (date: a row's own, else its quote time's New York day)
        'symbol text symbol',
        'date day date',
        ---------- quote
        'name text name',
        'exchange text exchange',
        'price num price|close',
        'change num change',
        'change_percent num changePercentage|changesPercentage|changePercent',
        'open num open',
        'previous_close num previousClose',
        'day_low num dayLow|low',
        'day_high num dayHigh|high',
        'year_low num yearLow',
        'year_high num yearHigh',
        'price_avg_50 num priceAvg50',
        'price_avg_200 num priceAvg200',
        'volume intg volume',
        'avg_volume intg avgVolume',
        'market_cap num marketCap',
        'eps num eps',
        'pe num pe',
        'shares_outstanding intg sharesOutstanding',
        'earnings_announcement ts earningsAnnouncement',
        'quote_at ts timestamp'
    ], core.fmp_docs('historical'));

    ---------- the trading date of a quote
    update _stage as s
    set date = (s.quote_at at time zone 'America/New_York')::date
    where s.date is null and s.quote_at is not null;

    ---------- versions
    select * into w from core.write_versions('market_and_sector_quotes', 'core.market_and_sector_quotes', array['symbol', 'date'],
        array['quote_at', 'date']);
    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;
