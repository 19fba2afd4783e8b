-- Up Migration
-- A series read from the index alone (docs/SCALING.md, "Read paths").
-- Daily files arrive one date at a time, so one instrument's year of history
-- lies one row per heap page across its year partition: a one-year series of
-- NAVPS or closing prices fetched a page per day, and at 25M rows, when
-- history no longer fits in shared buffers, those reads set the series'
-- latency. The version key of core.fundata_quotes now carries NAVPS, and
-- that of core.equity_quotes and core.etfs_quotes the close and the adjusted
-- close (INCLUDE columns: stored in the index leaf, not part of the key), so
-- a series of those values is an index-only scan of one key range once
-- vacuum has marked the pages all-visible. The key itself, its uniqueness
-- (NULLS NOT DISTINCT) and its name are unchanged.
do $$
declare
    t record;
begin
    for t in
        select *
        from (values
            ('fundata_quotes', 'identifier', 'navps'),
            ('equity_quotes', 'symbol', 'close, adj_close'),
            ('etfs_quotes', 'symbol', 'close, adj_close')
        ) as x (table_name, key_column, included)
    loop
        execute format(
            $q$
            alter table core.%1$I
                drop constraint %2$I,
                add constraint %2$I unique nulls not distinct
                    (%3$I, date, data_version, array_source_field, array_element_index) include (%4$s)
            $q$,
            t.table_name, t.table_name || '_version_uq', t.key_column, t.included);
    end loop;
end
$$;
