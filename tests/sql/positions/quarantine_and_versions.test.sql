-- The positions transform: typed positions with their lineage, rows that
-- break a rule quarantined with their reason (never guessed), tags and
-- multipliers, a JSON array file, and a file replacing a portfolio's
-- positions as a new version (history kept, an identical file adds nothing).
begin;
\ir ../helpers/fixtures.psql
select plan(12);

create function pg_temp.land_positions(p_file text, p_origin text, p_rows jsonb)
returns bigint
language plpgsql
as $$
declare
    v_batch bigint;
begin
    insert into raw.batch (source, dataset, origin, format, file_name, file_size, sha256, row_count, status)
    values ('positions', 'positions.portfolio', p_origin, case when p_origin = 'csv' then 'csv_row' else 'json' end,
        p_file, 1, md5(p_rows::text), jsonb_array_length(p_rows), 'landed')
    returning batch_id into v_batch;
    if p_origin = 'csv' then
        insert into raw.record (batch_id, line, payload)
        select v_batch, (e.o + 1)::integer, e.v from jsonb_array_elements(p_rows) with ordinality as e (v, o);
    else
        insert into raw.record (batch_id, line, payload) values (v_batch, 1, p_rows);
    end if;
    return v_batch;
end
$$;

-- Setup: one CSV file with good rows and one row per rule
select pg_temp.land_positions('book.csv', 'csv', $$[
    {"portfolio": "book", "symbol": "AAA", "quantity": "100", "entry_price": "10.5", "entry_date": "2024-01-02", "position_type": "LONG", "underlying": "", "strike": "", "expiry": "", "tags": "tech; core;", "last_price": ""},
    {"portfolio": "book", "symbol": "BBB", "quantity": "-20", "entry_price": "30", "entry_date": "2024-01-02", "position_type": "short", "underlying": "", "strike": "", "expiry": "", "tags": "", "last_price": ""},
    {"portfolio": "book", "symbol": "AAA250321C00012000", "quantity": "-3", "entry_price": "1.2", "entry_date": "2024-02-01", "position_type": "SC", "underlying": "AAA", "strike": "12", "expiry": "2025-03-21", "tags": "options", "last_price": "0.8"},
    {"portfolio": "book", "symbol": "CCC", "quantity": "-5", "entry_price": "10", "entry_date": "", "position_type": "LONG", "underlying": "", "strike": "", "expiry": "", "tags": "", "last_price": ""},
    {"portfolio": "book", "symbol": "DDD", "quantity": "5", "entry_price": "10", "entry_date": "", "position_type": "SP", "underlying": "", "strike": "", "expiry": "", "tags": "", "last_price": ""},
    {"portfolio": "book", "symbol": "EEE", "quantity": "5", "entry_price": "10", "entry_date": "", "position_type": "LC", "underlying": "EE", "strike": "", "expiry": "2025-01-17", "tags": "", "last_price": ""},
    {"portfolio": "book", "symbol": "FFF", "quantity": "5", "entry_price": "10", "entry_date": "", "position_type": "LP", "underlying": "FF", "strike": "9", "expiry": "", "tags": "", "last_price": ""},
    {"portfolio": "book", "symbol": "GGG", "quantity": "5", "entry_price": "10", "entry_date": "", "position_type": "BUY", "underlying": "", "strike": "", "expiry": "", "tags": "", "last_price": ""},
    {"portfolio": "book", "symbol": "HHH", "quantity": "5", "entry_price": "0", "entry_date": "", "position_type": "LONG", "underlying": "", "strike": "", "expiry": "", "tags": "", "last_price": ""},
    {"portfolio": "book", "symbol": "III", "quantity": "5", "entry_price": "-2", "entry_date": "", "position_type": "LONG", "underlying": "", "strike": "", "expiry": "", "tags": "", "last_price": ""},
    {"portfolio": "idle", "symbol": "", "quantity": "", "entry_price": "", "entry_date": "", "position_type": "", "underlying": "", "strike": "", "expiry": "", "tags": "", "last_price": ""}
]$$);
select * from ops.run_transform('positions');

-- Test
select results_eq(
    $$ select symbol collate "default", position_type, quantity, multiplier, underlying collate "default", tags, batch_line
       from core.position where portfolio = 'book' order by position_no $$,
    $$ values ('AAA'::text, 'LONG'::text, 100::numeric, 1, 'AAA'::text, '{tech,core}'::text[], 2),
              ('BBB', 'SHORT', -20, 1, 'BBB', '{}', 3),
              ('AAA250321C00012000', 'SC', -3, 100, 'AAA', '{options}', 4) $$,
    'valid rows become positions: type upper-cased, tags split on ";", multiplier 100 for options, a stock its own underlying, lineage to the line'
);
select set_eq(
    $$ select line, reason from ops.quarantine where transform_name = 'positions' $$,
    $$ values (5, 'sign_contradicts_type'), (6, 'sign_contradicts_type'), (7, 'option_missing_strike'),
              (8, 'option_missing_expiry'), (9, 'unknown_position_type'), (10, 'non_positive_entry_price'),
              (11, 'non_positive_entry_price') $$,
    'a sign against the type, an option without strike or expiry, an unknown type, a non-positive entry price: quarantined with the reason'
);
select is(
    (select count(*)::integer from ops.quality_issue where transform_name = 'positions' and detail like 'record quarantined%'),
    7,
    'each quarantined row is a quality issue'
);
select is(
    (select raw_value || ' ' || field || ' ' || identifier from ops.quality_issue where rule = 'unknown_position_type'),
    'BUY position_type GGG',
    'the issue names the field, the value and the symbol'
);
select results_eq(
    $$ select portfolio collate "default", data_version, position_count from core.portfolio order by portfolio $$,
    $$ values ('book'::text, 1, 3), ('idle', 1, 0) $$,
    'a row naming only a portfolio declares it without positions'
);

-- a new file for book replaces its positions; the same file again adds nothing
select pg_temp.land_positions('book-2.json', 'file', $$[
    {"portfolio": "book", "symbol": "AAA", "quantity": 150, "entry_price": 10.5, "position_type": "LONG", "tags": ["tech", "core"]},
    {"portfolio": "book", "symbol": "ZZZ", "quantity": 10, "entry_price": 5, "position_type": "LONG"},
    "not a position"
]$$);
select * from ops.run_transform('positions');
select results_eq(
    $$ select data_version, position_count, data_source from core.portfolio where portfolio = 'book' order by data_version $$,
    $$ values (1, 3, 'CSV'::text), (2, 2, 'JSON') $$,
    'a file for a portfolio is its next version'
);
select results_eq(
    $$ select symbol collate "default", quantity, tags, batch_elem from core.position where portfolio = 'book' and data_version = 2 order by position_no $$,
    $$ values ('AAA'::text, 150::numeric, '{tech,core}'::text[], 1), ('ZZZ', 10, '{}', 2) $$,
    'the JSON array''s elements are the positions, with their element number'
);
select is(
    (select count(*)::integer from core.position where portfolio = 'book' and data_version = 1),
    3,
    'the earlier version keeps its positions (history)'
);
select is(
    (select reason from ops.quarantine where transform_name = 'positions' and elem = 3),
    'not_an_object',
    'an element that is not an object is quarantined'
);
select pg_temp.land_positions('book-3.json', 'file', $$[
    {"portfolio": "book", "symbol": "AAA", "quantity": "150", "entry_price": "10.50", "position_type": "LONG", "tags": "tech;core"},
    {"portfolio": "book", "symbol": "ZZZ", "quantity": "10", "entry_price": "5.0", "position_type": "LONG", "tags": ""}
]$$);
select * from ops.run_transform('positions');
select is(
    (select max(data_version) from core.portfolio where portfolio = 'book'),
    2,
    'the same positions again add no version'
);
select is(
    (select count(*)::integer from core.portfolio where portfolio = 'idle'),
    1,
    'a portfolio a file does not name keeps its latest version'
);

-- a rebuild from raw gives the same versions
select * from ops.rebuild_transform('positions');
select results_eq(
    $$ select portfolio collate "default", data_version, position_count from core.portfolio order by 1, 2 $$,
    $$ values ('book'::text, 1, 3), ('book', 2, 2), ('idle', 1, 0) $$,
    'rebuilding the transform from raw gives the same versions'
);

select * from finish();
rollback;
