-- definition: lib.instrument
-- version: 2
-- The shared instrument registry (DESIGN §4): every identifier a Fundata
-- transform is about to load, recorded once in core.instrument, with the
-- flag of the table it appears in (in_fundata_data, in_fundata_quotes) when
-- p_flag names one. Called after core.write_versions, which takes the records
-- it quarantines (incomplete key, a value too large for a key) out of _stage,
-- so those register nothing; the key and length tests here keep the registry
-- safe when it is called first. Reads the temp table _stage.

create or replace function core.register_instruments(p_keys text[], p_flag text default null)
returns bigint
language plpgsql
as $$
declare
    v_n bigint;
begin
    execute format(
        $q$
        insert into core.instrument as i (identifier, first_batch_id%1$s)
        select s.identifier, min(s.batch_id)%2$s
        from _stage as s
        where %3$s
        group by s.identifier
        on conflict (identifier) do %4$s
        $q$,
        case when p_flag is null then '' else format(', %I', p_flag) end,
        case when p_flag is null then '' else ', true' end,
        (select string_agg(format('s.%I is not null', k), ' and ') from unnest(p_keys) as k)
            || format(' and octet_length(s.identifier) <= %s', core.max_key_bytes()),
        case when p_flag is null then 'nothing'
            else format('update set %1$I = true where not i.%1$I', p_flag) end
    );
    get diagnostics v_n = row_count;
    return v_n;
end
$$;
