-- Up Migration
-- The lookups of Fundata NAVPS history by date, by processed_at and by source
-- file (the seed's indexes) read BRIN indexes (docs/SCALING.md, "Loading at
-- scale"). Fundata's files land one day, one file at a time and history is
-- appended in that order, so each of these columns follows the heap's order:
-- a block range's minimum and maximum narrow a lookup to the pages of that
-- date, run or file. Kept as b-trees, these three indexes cost a third of the
-- write of a million first versions (every row adds an entry to each); a
-- BRIN index adds one summary per 128 pages. autosummarize: a range filled
-- by a load is summarized by autovacuum; until then it is read, never missed.
-- The names are unchanged. FMP's price history keeps its b-trees: a symbol's
-- years arrive in one response, so its heap is in symbol order, not date order.
drop index core.fundata_quotes_date_idx;
drop index core.fundata_quotes_processed_at_idx;
drop index core.fundata_quotes_source_file_idx;
create index fundata_quotes_date_idx on core.fundata_quotes using brin (date) with (autosummarize = on);
create index fundata_quotes_processed_at_idx on core.fundata_quotes using brin (processed_at) with (autosummarize = on);
create index fundata_quotes_source_file_idx on core.fundata_quotes using brin (source_file) with (autosummarize = on);
