-- transform: fundata_distributions
-- version: 1
-- target: core.fundata_distributions
-- datasets: fundata.fund_distribution
-- Grain: one row per identifier per distribution (ex) date per version. From
-- the Fundata API's fund/getdistribution CSV rows: amounts per unit.

create or replace function core.transform_fundata_distributions(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    v_issues bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_distributions', p_batches, array[
        ---------- keys
        'identifier text InstrumentKey',
        'distribution_date day DistributionDate',
        ---------- amounts per unit, DECIMAL(12,2) half away from zero
        'pay_date day PayableDate',
        'total_amount dec12_2 Amount',
        'income_amount dec12_2 IncomeAmount',
        'capital_gains_amount dec12_2 CapitalGainsAmount',
        'return_of_capital_amount dec12_2 ReturnOfCapitalAmount',
        'reinvestment_price dec12_2 ReinvestmentPrice',
        'currency text Currency',
        'frequency text DistributionFrequency',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- quality: incomplete keys are quarantined by core.write_versions;
    ---------- say which part was missing (bad values were recorded by core.stage)
    insert into ops.quality_issue (batch_id, line, dataset, transform_name, rule, field, raw_value, identifier, detail)
    select s.batch_id, s.line, s.dataset, 'fundata_distributions',
        case when k.field = 'identifier' then 'missing_identifier' else 'missing_key' end,
        k.field, k.raw_value, s.identifier, 'record quarantined'
    from _stage as s
    cross join lateral (
        values
            ('identifier', s.payload ->> 'InstrumentKey', s.identifier is null),
            ('distribution_date', s.payload ->> 'DistributionDate', s.distribution_date is null)
    ) as k (field, raw_value, is_missing)
    where k.is_missing;
    get diagnostics v_issues = row_count;

    ---------- shared instrument registry
    insert into core.instrument (identifier, first_batch_id)
    select s.identifier, min(s.batch_id)
    from _stage as s
    where s.identifier is not null
    group by s.identifier
    on conflict (identifier) do nothing;

    ---------- versions
    select * into w from core.write_versions('fundata_distributions', 'core.fundata_distributions', array['identifier', 'distribution_date']);

    return query select v_in, w.rows_out, v_issues + w.issues, w.quarantined;
end
$$;
