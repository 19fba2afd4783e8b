-- transform: fundata_fixed_income_style
-- version: 1
-- target: core.fundata_fixed_income_style
-- datasets: fundata.fund_fixed_income_style
-- Grain: one row per identifier per version. From the Fundata API's
-- fund/getfixedincomestyle CSV rows: the fixed income style box and portfolio
-- figures (docs/FUNDATA-API.md).

create or replace function core.transform_fundata_fixed_income_style(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql
as $$
declare
    v_in bigint;
    w record;
begin
    ---------- typed: column, type, payload key(s)
    v_in := core.stage('fundata_fixed_income_style', p_batches, array[
        ---------- key
        'identifier text InstrumentKey',
        ---------- style; duration and maturity in years, coupon and yield in percent, DECIMAL(12,2)
        'style_date day StyleDate',
        'credit_quality text CreditQuality',
        'interest_rate_sensitivity text InterestRateSensitivity',
        'average_credit_rating text AverageCreditRating',
        'average_duration dec12_2 AverageDuration',
        'average_maturity dec12_2 AverageMaturity',
        'average_coupon dec12_2 AverageCoupon',
        'yield_to_maturity dec12_2 YieldToMaturity',
        ---------- record
        'record_id text RecordId',
        'record_state text RecordState',
        'change_date day ChangeDate'
    ]);

    ---------- incomplete keys (quarantined), instrument registry, versions
    select * into w from core.fundata_api_write('fundata_fixed_income_style', 'core.fundata_fixed_income_style', array['identifier'],
        array['change_date', 'style_date']);

    return query select v_in, w.rows_out, w.issues, w.quarantined;
end
$$;
