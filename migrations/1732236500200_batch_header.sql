-- Up Migration
-- The header of a landed CSV file, once per batch (docs/ARCHITECTURE.md,
-- "Typing"): every record of the batch has exactly these keys, so core.stage
-- reads each row with the keys the file has instead of trying every
-- alternate key a field line names. NULL: not recorded (API responses, JSON
-- files, batches landed before this column).
alter table raw.batch add column header text[];
comment on column raw.batch.header is
    'A CSV batch''s header (trimmed column names): the keys of each of its records. NULL when not recorded.';
