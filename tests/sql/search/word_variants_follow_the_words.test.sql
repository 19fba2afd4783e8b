-- The one-letter deletions of the words (core.security_search_word_variant)
-- follow the words as securities come and go, and a misspelt word is
-- corrected through them without reading the words that only share
-- trigrams with it.
begin;
\ir ../helpers/fixtures.psql
select plan(6);
\ir search_fixture.psql

-- expected variants, computed here from the words by string slicing
create temp view expected_variant as
select w.word, v.variant
from core.security_search_word as w
cross join lateral (
    select w.word as variant
    union
    select substr(w.word, 1, i - 1) || substr(w.word, i + 1) from generate_series(1, length(w.word)) as i
) as v
where length(w.word) between 3 and 30 and w.word ~ '[[:alpha:]]';

select bag_eq(
    $$ select word, variant from core.security_search_word_variant $$,
    $$ select word, variant from expected_variant $$,
    'every word of 3 to 30 characters with a letter has itself and its one-letter deletions as variants, each once'
);
select ok(
    exists (select 1 from core.security_search_word_variant where word = 'microsoft' and variant = 'micrsoft'),
    '"micrsoft" is a variant of "microsoft"'
);

-- Alcoa goes, Alcon comes
delete from core.security_search where key = 'AA';
insert into core.security_search (kind, key, ticker, name, exchange, category)
values ('equity', 'ALC', 'ALC', 'Alcon Inc.', 'NYSE', 'Healthcare Instruments');
select agg.refresh_security_search_words();

select is_empty(
    $$ select 1 from core.security_search_word_variant where word = 'alcoa' $$,
    'the variants of a word no security holds any more are gone'
);
select bag_eq(
    $$ select word, variant from core.security_search_word_variant $$,
    $$ select word, variant from expected_variant $$,
    'after the refresh the variants are again exactly those of the words'
);
select is((select key from api.search_securities('Alocn', 5) limit 1), 'ALC',
    '"Alocn" (two letters swapped) finds Alcon through the new word''s variants');
select is((select key from api.search_securities('micrrosofft', 5) limit 1), 'MSFT',
    '"micrrosofft" (two edits away) still finds Microsoft, by trigram similarity');

select * from finish();
rollback;
