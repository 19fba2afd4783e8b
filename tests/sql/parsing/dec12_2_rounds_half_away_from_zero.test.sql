-- Fundata numbers become DECIMAL(12,2), rounded half away from zero; blanks
-- and null tokens are NULL; '$' and thousands separators are stripped; a
-- non-number or a value that does not fit (|x| >= 10^10 after rounding) is
-- NULL, and core.number_issue says which (docs/ARCHITECTURE.md §4).
begin;
\ir ../helpers/fixtures.psql
select plan(34);

-- Setup: docs/ARCHITECTURE.md §4's cases and their expected values
create temp table cases (raw_value text, expected numeric(12, 2), expected_issue text) on commit drop;
insert into cases values
    ('123.456789', 123.46, null),
    ('15.7', 15.70, null),
    ('0.045', 0.05, null),
    ('-2.345', -2.35, null),
    (null, null, null),
    ('', null, null),
    ('null', null, null),
    ('N/A', null, null),
    ('invalid', null, 'bad_number'),
    ('$1,234.567', 1234.57, null),
    ('9999999999.994', 9999999999.99, null),
    ('9999999999.995', null, 'overflow'),
    ('999999999999.99', null, 'overflow');

-- Test
select is(core.to_dec12_2('123.456789'), 123.46, 'core.to_dec12_2: 123.456789 -> 123.46');
select is(core.to_dec12_2('15.7')::text, '15.70', 'core.to_dec12_2: "15.7" -> 15.70 (two decimals kept)');
select is(core.to_dec12_2('0.045'), 0.05, 'core.to_dec12_2: 0.045 -> 0.05 (half rounds up)');
select is(core.to_dec12_2('-2.345'), -2.35, 'core.to_dec12_2: -2.345 -> -2.35 (half rounds away from zero)');
select is(core.to_dec12_2(null), null, 'core.to_dec12_2: NULL stays NULL');
select is(core.to_dec12_2(''), null, 'core.to_dec12_2: '''' -> NULL');
select is(core.to_dec12_2('null'), null, 'core.to_dec12_2: "null" -> NULL');
select is(core.to_dec12_2('N/A'), null, 'core.to_dec12_2: "N/A" -> NULL');
select is(core.to_dec12_2('invalid'), null, 'core.to_dec12_2: "invalid" -> NULL');
select is(core.to_dec12_2('$1,234.567'), 1234.57, 'core.to_dec12_2: "$1,234.567" -> 1234.57');
select is(core.to_dec12_2('9999999999.994'), 9999999999.99, 'core.to_dec12_2: 9999999999.994 -> 9999999999.99 (the largest that fits)');
select is(core.to_dec12_2('9999999999.995'), null, 'core.to_dec12_2: 9999999999.995 -> NULL (rounds to 10^10: does not fit)');
select is(core.to_dec12_2('999999999999.99'), null, 'core.to_dec12_2: 999999999999.99 -> NULL (does not fit)');

select results_eq(
    $$ select parse_careful.dec12_2(c.raw_value) from cases as c order by c.raw_value nulls first $$,
    $$ select c.expected from cases as c order by c.raw_value nulls first $$,
    'parse_careful.dec12_2 (the careful typing of transforms) gives the expected value for every case'
);
select results_eq(
    $$ select c.raw_value, core.number_issue(c.raw_value) from cases as c order by c.raw_value nulls first $$,
    $$ select c.raw_value, c.expected_issue from cases as c order by c.raw_value nulls first $$,
    'core.number_issue: "invalid" is a bad_number, 9999999999.995 and 999999999999.99 overflow, the others are no issue'
);

select is(core.to_dec12_2('  15.7  '), 15.70, 'core.to_dec12_2 trims the input');
select is(core.to_dec12_2(' none '), null, 'core.to_dec12_2: "none" -> NULL');
select is(core.to_dec12_2('NaN'), null, 'core.to_dec12_2: "NaN" -> NULL');
select is(core.to_dec12_2('n/a'), null, 'core.to_dec12_2: null tokens are matched in any case');
select is(core.to_dec12_2('NULL'), null, 'core.to_dec12_2: "NULL" -> NULL');
select is(core.number_issue('NaN'), null, 'core.number_issue: a null token is no issue');
select is(core.to_dec12_2('0.005'), 0.01, 'core.to_dec12_2: 0.005 -> 0.01');
select is(core.to_dec12_2('-0.005'), -0.01, 'core.to_dec12_2: -0.005 -> -0.01');
select is(core.to_dec12_2('0.0049999'), 0.00, 'core.to_dec12_2: 0.0049999 -> 0.00 (rounding looks at the whole value)');
select is(core.to_dec12_2('11.58290000'), 11.58, 'core.to_dec12_2: 8 decimals as Fundata sends them -> 11.58');
select is(core.to_dec12_2('-9999999999.994'), -9999999999.99, 'core.to_dec12_2: -9999999999.994 -> -9999999999.99');
select is(core.to_dec12_2('-9999999999.995'), null, 'core.to_dec12_2: -9999999999.995 -> NULL (does not fit)');
select is(core.number_issue('-9999999999.995'), 'overflow', 'core.number_issue: -9999999999.995 overflows');
select is(core.to_dec12_2('1,234,567.891'), 1234567.89, 'core.to_dec12_2: several thousands separators are stripped');
select is(core.to_dec12_2('-$1,234.565'), -1234.57, 'core.to_dec12_2: "-$1,234.565" -> -1234.57');
select is(core.to_dec12_2('1e3'), 1000.00, 'core.to_dec12_2: exponent notation 1e3 -> 1000.00');
select is(core.to_dec12_2('12.3.4'), null, 'core.to_dec12_2: "12.3.4" -> NULL');
select is(core.number_issue('12.3.4'), 'bad_number', 'core.number_issue: "12.3.4" is a bad_number');
select is(
    pg_typeof(core.to_dec12_2('1'))::text || ':' || core.to_dec12_2('1')::numeric(12, 2)::text,
    'numeric:1.00',
    'core.to_dec12_2 returns a numeric that stores as DECIMAL(12,2)'
);

select * from finish();
rollback;
