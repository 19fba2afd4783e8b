-- Up Migration
-- Misspelt words found by their one-letter deletions (docs/CLIENT.md,
-- "Search"). Two words one edit apart (a letter added, dropped or replaced,
-- or two neighbouring letters swapped) share a variant: the word with one
-- letter deleted (or the word itself). A misspelt query word's variants are
-- looked up by index, so correcting it reads a few rows instead of scoring
-- the thousands of words that share a trigram with it; trigrams remain the
-- fallback for a word two or more edits away.

-- The word itself and the word with each one of its letters deleted.
create function core.word_deletions(p_word text)
returns setof text
language sql
immutable
parallel safe
rows 12
as $$
    select p_word
    union
    select left(p_word, i - 1) || substr(p_word, i + 1)
    from generate_series(1, length(p_word)) as i
$$;
comment on function core.word_deletions(text) is
    'The word and each one-letter deletion of it: words one edit apart (insertion, deletion, substitution, swap of neighbours) share one of them.';

-- (variant, word) is unique by construction: the words are, and a word's
-- deletions are counted once; the one index is on variant, what a query reads
create table core.security_search_word_variant (
    variant text collate "C" not null,
    word text collate "C" not null
);
comment on table core.security_search_word_variant is
    'core.word_deletions of every word of core.security_search_word of 3 to 30 characters holding a letter (not plain numbers); kept with it by agg.refresh_security_search_words.';
create index security_search_word_variant_idx on core.security_search_word_variant (variant);

insert into core.security_search_word_variant (variant, word)
select d.variant, w.word
from core.security_search_word as w
cross join lateral core.word_deletions(w.word) as d (variant)
where length(w.word) between 3 and 30 and w.word ~ '[[:alpha:]]';

grant select, insert, update, delete on core.security_search_word_variant to sra_transformer;
