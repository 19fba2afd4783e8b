begin;
\ir ../helpers/fixtures.psql
select plan(6);

-- Setup
-- core.stage types in up to three passes: plain casts for a clean batch; a
-- per-row shape test when some value is not plain; careful parsing of every
-- row when a plain-shaped value still does not cast. Whatever pass a batch
-- takes, each value must type the same.
select tests.land('test.typing', '[
    {"K": "A", "N": "11.58290000", "D": "2024-01-31", "I": "1500"},
    {"K": "B", "N": "-2.345",      "D": "2024-04-30", "I": "12"},
    {"K": "C", "N": "",            "D": "2024-02-29", "I": ""}
]'::jsonb, 'clean.csv');
select tests.land('test.typing', '[
    {"K": "A", "N": "11.58290000", "D": "2024-01-31", "I": "1500"},
    {"K": "B", "N": "-2.345",      "D": "2024-04-30", "I": "12"},
    {"K": "C", "N": "",            "D": "2024-02-29", "I": ""},
    {"K": "D", "N": "$1,234.567",  "D": "2024-02-30", "I": "n/a"}
]'::jsonb, 'dirty.csv');
select tests.land('test.typing', '[
    {"K": "A", "N": "11.58290000", "D": "2024-01-31", "I": "1500"},
    {"K": "B", "N": "-2.345",      "D": "2024-04-30", "I": "12"},
    {"K": "C", "N": "",            "D": "2024-02-29", "I": ""},
    {"K": "E", "N": "1",           "D": "2024-01-01", "I": "99999999999999999999"}
]'::jsonb, 'overflow.csv');

create function pg_temp.typed(p_file text)
returns table (k text, n numeric, d date, i bigint)
language plpgsql
as $$
begin
    perform core.stage('typing_test', array[tests.batch(p_file)],
        array['k text K', 'n dec12_2 N', 'd day D', 'i intg I']);
    return query select s.k::text, s.n, s.d, s.i from _stage as s order by s.k;
    drop table _stage;
end
$$;

-- Test
select results_eq(
    $$ select * from pg_temp.typed('clean.csv') $$,
    $$ values ('A', 11.58::numeric, date '2024-01-31', 1500::bigint),
              ('B', -2.35, date '2024-04-30', 12),
              ('C', null, date '2024-02-29', null) $$,
    'a clean batch types with plain casts: rounding, month ends and a leap day'
);
select results_eq(
    $$ select * from pg_temp.typed('dirty.csv') where k <> 'D' $$,
    $$ select * from pg_temp.typed('clean.csv') $$,
    'in a batch with an unplain value, the plain rows type exactly as in a clean batch'
);
select results_eq(
    $$ select n, d, i from pg_temp.typed('dirty.csv') where k = 'D' $$,
    $$ values (1234.57::numeric, null::date, null::bigint) $$,
    'the unplain row is parsed carefully: currency sign and separators read, an impossible date and a null token become NULL'
);
select set_eq(
    $$ select field, rule, raw_value from ops.quality_issue where transform_name = 'typing_test' and batch_id = tests.batch('dirty.csv') $$,
    $$ values ('d', 'bad_date', '2024-02-30') $$,
    'only the impossible date is a quality issue of the unplain row (n/a means no value)'
);
select results_eq(
    $$ select * from pg_temp.typed('overflow.csv') where k <> 'E' $$,
    $$ select * from pg_temp.typed('clean.csv') $$,
    'when a plain-shaped value does not cast (a whole number beyond bigint), every row is parsed carefully, with the same results'
);
select set_eq(
    $$ select field, rule from ops.quality_issue where transform_name = 'typing_test' and batch_id = tests.batch('overflow.csv') $$,
    $$ values ('i', 'overflow') $$,
    'the number beyond bigint becomes NULL and an overflow quality issue'
);

select * from finish();
rollback;
