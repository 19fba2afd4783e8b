-- core.is_blank and core.clean_text read the vendors' null tokens (null,
-- none, n/a, nan, blank; any case, spaces around) and nothing else. The
-- length test in is_blank (a token is at most four characters once trimmed)
-- must not change a result: each value's expected reading is written out.
begin;
\ir ../helpers/fixtures.psql
select plan(2);

-- Setup: a value and its cleaned text (NULL: blank)
create temp table v (raw text, expected text) on commit drop;
insert into v values
    (null, null), ('', null), (' ', null), ('    ', null), ('      ', null),
    ('null', null), ('NULL', null), (' null', null), ('null ', null), ('   Null   ', null),
    ('none', null), ('None', null), ('n/a', null), ('N/A', null), (' n/a ', null), ('nan', null), ('NaN', null),
    ('nullx', 'nullx'), ('nonentity', 'nonentity'), ('n/a/b', 'n/a/b'), ('banana', 'banana'),
    ('4095', '4095'), ('F000001', 'F000001'), (' F000001 ', 'F000001'), ('Active', 'Active'),
    (E'\tnull', E'\tnull'), ('a', 'a'), (' a', 'a'), ('Élan Fund', 'Élan Fund'), ('n', 'n');

-- Test
select is_empty(
    $$ select raw from v where core.is_blank(raw) is distinct from (expected is null) $$,
    'is_blank is true exactly for the null tokens, any case, spaces around'
);
select is_empty(
    $$ select raw from v where core.clean_text(raw) is distinct from expected $$,
    'clean_text trims a value and turns a null token into NULL'
);

select * from finish();
rollback;
