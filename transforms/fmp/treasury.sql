-- transform: treasury
-- version: 2
-- target: core.treasury
-- datasets: fmp.treasury
-- Grain: one row per date per version. From FMP treasury rates (legacy
-- /api/v4/treasury, stable /stable/treasury-rates), newest first, in date
-- windows that may overlap: an unchanged day adds nothing.

create or replace function core.transform_treasury(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('treasury', p_batches, array[
        ---------- key
        'date day date',
        ---------- yields, percent
        'month1 num month1',
        'month2 num month2',
        'month3 num month3',
        'month6 num month6',
        'year1 num year1',
        'year2 num year2',
        'year3 num year3',
        'year5 num year5',
        'year7 num year7',
        'year10 num year10',
        'year20 num year20',
        'year30 num year30'
    ], core.fmp_docs('rows'));

    ---------- versions
    select * into w from core.write_versions('treasury', 'core.treasury', array['date'],
        array['date']);
    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;
