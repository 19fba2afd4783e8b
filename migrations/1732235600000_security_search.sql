-- Up Migration
-- Security search (docs/CLIENT.md, "Search"): one row per equity, ETF and
-- Fundata fund, kept by agg.refresh_security_search() (transforms/agg/search.sql)
-- from the stored latest of core.equity_profile, core.etfs_profile and
-- core.fundata_data, and read by api.search_securities().
--
-- pg_trgm is a contrib extension shipped with PostgreSQL (and with the
-- embedded-postgres binaries `make demo` uses).
create extension if not exists pg_trgm schema public;

create table core.security_search (
    kind text not null check (kind in ('equity', 'etf', 'fund')),
    key text collate "C" not null,
    ticker text,
    name text,
    exchange text,
    category text,
    -- the `simple` configuration keeps every word (no stop words, no
    -- stemming): tickers such as A, IT, ALL or ON stay searchable, and
    -- French and English names are indexed alike
    tsv tsvector not null generated always as (
        setweight(to_tsvector('simple', coalesce(ticker, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(name, '')), 'B')
        || setweight(to_tsvector('simple', coalesce(category, '')), 'C')
    ) stored,
    refreshed_at timestamptz not null default now(),
    primary key (kind, key)
);
comment on table core.security_search is
    'One row per equity, ETF and Fundata fund (their latest versions), searched by api.search_securities; kept by agg.refresh_security_search.';

create index security_search_tsv_idx on core.security_search using gin (tsv);
-- exact tickers and ticker prefixes
create index security_search_ticker_idx on core.security_search (upper(ticker) text_pattern_ops);

-- The words of core.security_search (tickers, names, categories: its
-- lexemes) with the number of securities holding each. A misspelt query
-- word is matched by trigrams against these words, and the closest ones are
-- searched as full text.
create table core.security_search_word (
    word text collate "C" primary key,
    securities integer not null
);
comment on table core.security_search_word is
    'The distinct words of core.security_search.tsv and how many securities hold each; kept by agg.refresh_security_search.';
create index security_search_word_trgm_idx on core.security_search_word using gin (word gin_trgm_ops);

grant select, insert, update, delete on core.security_search, core.security_search_word to sra_transformer;

insert into ops.aggregate_state (aggregate_name, source) values
    ('security_search', 'latest core.equity_profile, core.etfs_profile, core.fundata_data');
