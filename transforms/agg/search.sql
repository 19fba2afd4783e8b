-- definition: agg.search
-- version: 2
-- Security search (docs/CLIENT.md, "Search").
--
-- agg.refresh_security_search() keeps core.security_search equal to the
-- latest versions of core.equity_profile (equities), core.etfs_profile (ETFs)
-- and core.fundata_data (funds, key = identifier), set-based: rows whose
-- security is gone are deleted, new or changed rows upserted, unchanged rows
-- left alone. agg.refresh() calls it last.
-- The words of core.security_search (its lexemes) and how many securities
-- hold each, counted again from the table; a word's one-letter deletions
-- (core.security_search_word_variant) are written when it first appears and
-- removed with it, so a refresh touches only the words that came or went.
create or replace function agg.refresh_security_search_words()
returns void
language plpgsql
as $$
begin
    create temp table _search_words on commit drop as
    select w.word collate "C" as word, w.ndoc as securities
    from ts_stat('select tsv from core.security_search') as w;

    with gone as (
        delete from core.security_search_word as w
        where not exists (select 1 from _search_words as n where n.word = w.word)
        returning w.word
    )
    delete from core.security_search_word_variant as v
    using gone
    cross join lateral core.word_deletions(gone.word) as d (variant)
    where v.variant = d.variant and v.word = gone.word;

    update core.security_search_word as w
    set securities = n.securities
    from _search_words as n
    where n.word = w.word and n.securities <> w.securities;

    with added as (
        insert into core.security_search_word (word, securities)
        select n.word, n.securities
        from _search_words as n
        where not exists (select 1 from core.security_search_word as w where w.word = n.word)
        returning word
    )
    insert into core.security_search_word_variant (variant, word)
    select d.variant, a.word
    from added as a
    cross join lateral core.word_deletions(a.word) as d (variant)
    where length(a.word) between 3 and 30 and a.word ~ '[[:alpha:]]';

    drop table _search_words;
end
$$;

create or replace function agg.refresh_security_search(p_full boolean default false)
returns table (aggregate_name text, batches integer, buckets integer, full_refresh boolean, ms integer)
language plpgsql
as $$
declare
    v_started timestamptz := clock_timestamp();
    v_deleted integer;
    v_upserted integer;
begin
    create temp table security_search_next on commit drop as
    with etf as (
        select distinct on (e.symbol)
            e.symbol, e.name, concat_ws(' ', e.asset_class, e.etf_company) as category
        from core.etfs_profile_latest as e
        order by e.symbol, e.array_element_index nulls first
    ),
    equity as (
        select distinct on (p.symbol)
            p.symbol, p.company_name, p.exchange, concat_ws(' ', p.sector, p.industry) as category, p.is_etf
        from core.equity_profile_latest as p
        order by p.symbol, p.array_element_index nulls first
    ),
    fund as (
        select distinct on (f.identifier)
            f.identifier, coalesce(f.legal_name, f.series_name) as name,
            concat_ws(' ', f.family_name, f.series_name, f.company) as category
        from core.fundata_data_latest as f
        order by f.identifier, f.array_element_index nulls first
    )
    select 'etf'::text as kind, e.symbol::text as key, e.symbol::text as ticker,
        coalesce(e.name, q.company_name) as name, q.exchange, nullif(e.category, '') as category
    from etf as e
    left join equity as q on q.symbol = e.symbol
    union all
    select case when q.is_etf then 'etf' else 'equity' end, q.symbol, q.symbol, q.company_name, q.exchange,
        nullif(q.category, '')
    from equity as q
    where not exists (select 1 from etf as e where e.symbol = q.symbol)
    union all
    select 'fund', f.identifier, null, f.name, null, nullif(f.category, '')
    from fund as f;

    delete from core.security_search as s
    where not exists (
        select 1 from security_search_next as n where n.kind = s.kind and n.key = s.key
    );
    get diagnostics v_deleted = row_count;

    insert into core.security_search as s (kind, key, ticker, name, exchange, category)
    select n.kind, n.key, n.ticker, n.name, n.exchange, n.category
    from security_search_next as n
    on conflict (kind, key) do update
        set ticker = excluded.ticker,
            name = excluded.name,
            exchange = excluded.exchange,
            category = excluded.category,
            refreshed_at = now()
        where (s.ticker, s.name, s.exchange, s.category)
            is distinct from (excluded.ticker, excluded.name, excluded.exchange, excluded.category);
    get diagnostics v_upserted = row_count;

    drop table security_search_next;

    -- the words, when a security changed (or they were never counted)
    if v_deleted + v_upserted > 0 or p_full or not exists (select 1 from core.security_search_word) then
        perform agg.refresh_security_search_words();
    end if;

    perform agg.mark_refreshed('security_search', array[]::text[], array[]::bigint[], array[]::bigint[],
        v_deleted + v_upserted, true, v_started);
    return query
    select 'security_search'::text, 0, v_deleted + v_upserted, true,
        (extract(epoch from clock_timestamp() - v_started) * 1000)::integer;
end
$$;

-- api.search_securities(q, lim): equities, ETFs and funds matching q, best
-- first, in two passes:
-- 1. tickers starting with q, and full text on ticker (weight A), name (B)
--    and category (C) with every word of q (words of three characters or
--    more also as prefixes);
-- 2. only when pass 1 finds nothing (a misspelt query: "micrsoft", "MSFTT"):
--    full text again, each word of three characters or more replaced by
--    itself or one of the three words of core.security_search_word closest
--    to it by trigram similarity (pg_trgm, schema public): first among the
--    words one edit away (a letter added, dropped or replaced, two
--    neighbours swapped), found through their shared one-letter deletions
--    (core.security_search_word_variant, by index); when there is none,
--    among the words of trigram similarity 0.3 or more (the GIN index of
--    the words).
-- Rank, in tiers: an exact ticker 3 + score, a ticker starting with q
-- 2 + the share of the ticker q covers, any other match the score alone
-- (below 1). Score: the best of 0.8 x the trigram similarity of the tickers
-- and the trigram similarity of q to the closest words of the name, plus
-- 0.1 x the full-text rank. Every pass reads core.security_search through
-- its indexes. Security definer: the reader cannot read core; it gets these
-- public columns only.
create or replace function api.search_securities(q text, lim integer default 20)
returns table (kind text, key text, name text, rank real, ticker text, exchange text, category text, match text)
language plpgsql
stable
security definer
set search_path = pg_catalog, pg_temp
set pg_trgm.similarity_threshold = 0.3
as $$
declare
    v_q text := btrim(regexp_replace(coalesce(q, ''), '\s+', ' ', 'g'));
    v_upper text;
    v_prefix text;
    v_tsq tsquery;
    v_found bigint;
begin
    if v_q = '' or coalesce(lim, 0) <= 0 then
        return;
    end if;
    v_upper := upper(v_q);
    v_prefix := replace(replace(replace(v_upper, '\', '\\'), '%', '\%'), '_', '\_') || '%';
    select to_tsquery('simple', string_agg(
            quote_literal(t.lexeme) || case when length(t.lexeme) >= 3 then ':*' else '' end, ' & '))
    into v_tsq
    from unnest(to_tsvector('simple', v_q)) as t;

    for pass in 1..2 loop
        if pass = 2 then
            if length(v_q) < 3 then
                exit;
            end if;
            select to_tsquery('simple', string_agg(
                    case when length(t.lexeme) < 3 then quote_literal(t.lexeme)
                    else '(' || concat_ws(' | ', quote_literal(t.lexeme) || ':*', coalesce((
                        -- one edit away
                        select string_agg(quote_literal(c.word), ' | ')
                        from (
                            select w.word
                            from core.security_search_word as w
                            where w.word in (
                                select v.word
                                from core.security_search_word_variant as v
                                where v.variant in (select core.word_deletions(t.lexeme collate "C"))
                            )
                            order by public.similarity(w.word, t.lexeme) desc, w.securities desc, w.word
                            limit 3
                        ) as c
                    ), (
                        -- further: by trigrams
                        select string_agg(quote_literal(c.word), ' | ')
                        from (
                            select w.word
                            from core.security_search_word as w
                            where w.word operator(public.%) t.lexeme
                            order by public.similarity(w.word, t.lexeme) desc, w.securities desc, w.word
                            limit 3
                        ) as c
                    ))) || ')' end,
                    ' & '))
            into v_tsq
            from unnest(to_tsvector('simple', v_q)) as t;
        end if;
        -- one statement planned for these values (a bitmap OR of the indexes)
        return query execute format(
            $q$
            with scored as (
                select s.kind, s.key, s.name, s.ticker, s.exchange, s.category,
                    case
                        when upper(s.ticker) = $1 then 'ticker'
                        when upper(s.ticker) like $2 then 'ticker prefix'
                        else %1$L
                    end as match,
                    greatest(
                        0.8 * public.similarity(upper(s.ticker), $1),
                        public.strict_word_similarity(lower($4), lower(s.name))
                    ) + %2$s as score
                from core.security_search as s
                where %3$s
            )
            select c.kind, c.key::text, c.name,
                (case c.match
                    when 'ticker' then 3 + least(c.score, 0.999)
                    when 'ticker prefix' then 2 + length($1)::real / length(c.ticker)
                    else least(c.score, 0.999)
                end)::real as rank,
                c.ticker, c.exchange, c.category, c.match
            from scored as c
            order by 4 desc, length(c.ticker) nulls last, c.name, c.kind, c.key
            limit $5
            $q$,
            case pass when 1 then 'text' else 'fuzzy' end,
            case when v_tsq is null then '0' else '0.1 * ts_rank(s.tsv, $3)' end,
            concat_ws(' or ',
                case when pass = 1 then 'upper(s.ticker) like $2' end,
                case when v_tsq is not null then 's.tsv @@ $3' end,
                'false')
        ) using v_upper, v_prefix, v_tsq, v_q, lim;
        get diagnostics v_found = row_count;
        exit when v_found > 0;
    end loop;
end
$$;

revoke all on function api.search_securities(text, integer) from public;
grant execute on function api.search_securities(text, integer) to sra_reader, sra_transformer;
