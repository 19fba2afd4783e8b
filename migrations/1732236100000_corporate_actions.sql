-- Up Migration
-- Corporate actions from FMP (docs/CORPORATE-ACTIONS.md): cash dividends and
-- splits per symbol, equities and ETFs, both API generations, typed and
-- versioned like every FMP table (docs/ARCHITECTURE.md §4, §10) by
-- transforms/fmp/{equity,etfs}_{dividend,split}.sql. Key: symbol and ex-date.
-- Each table gets its stored latest (<table>_current) and the view
-- <table>_latest, as migrations/1732235200000_versions_latest.sql made them.

do $$
declare
    t record;
begin
    for t in
        select * from (values
            ('equity_dividend', 'fmp.equity_dividend', 'dividend'),
            ('etfs_dividend', 'fmp.etf_dividend', 'dividend'),
            ('equity_split', 'fmp.equity_split', 'split'),
            ('etfs_split', 'fmp.etf_split', 'split')
        ) as v (name, dataset, kind)
    loop
        execute format(
            $q$
            create table core.%1$I (
                -- keys: the symbol and the ex-date (FMP's date)
                symbol text collate "C" not null,
                date date not null,
                label text,
                %2$s,
                extra jsonb,
                -- versions and lineage (docs/ARCHITECTURE.md)
                array_source_field text,
                array_element_index integer,
                array_element_value text,
                data_source text not null check (data_source in ('CSV', 'API')),
                source_file text,
                api_version text,
                data_version integer not null check (data_version >= 1),
                content_hash bigint not null,
                processed_at timestamptz not null default now(),
                updated_at timestamptz not null,
                raw_json jsonb not null,
                batch_id bigint not null,
                batch_line integer not null,
                batch_elem integer not null,
                vendor_as_of timestamptz,
                constraint %3$I unique nulls not distinct
                    (symbol, date, data_version, array_source_field, array_element_index)
            )
            $q$,
            t.name,
            case t.kind
                when 'dividend' then
                    'dividend numeric, adj_dividend numeric, record_date date, payment_date date, '
                    || 'declaration_date date, yield numeric, frequency text'
                else 'numerator numeric, denominator numeric, split_type text'
            end,
            t.name || '_version_uq'
        );
        execute format('comment on table core.%I is %L', t.name,
            format('One row per symbol and ex-date per version: FMP %s (%s), both API generations.',
                case t.kind when 'dividend' then 'cash dividends' else 'stock splits' end, t.dataset));
        execute format(
            $q$
            create table core.%1$I (
                symbol text collate "C" not null,
                date date not null,
                data_version integer not null,
                vendor_as_of timestamptz not null,
                batch_id bigint not null,
                line integer not null,
                primary key (symbol, date)
            )
            $q$,
            t.name || '_current'
        );
        execute format('comment on table core.%I is %L', t.name || '_current',
            format('One row per key of core.%s: its current version (newest by vendor_as_of, then batch_id, line), kept by core.write_versions.', t.name));
        execute format('grant select, insert, update, delete on core.%I, core.%I to sra_transformer', t.name, t.name || '_current');
        perform core.create_latest_view(format('core.%I', t.name)::regclass);
    end loop;
end
$$;
