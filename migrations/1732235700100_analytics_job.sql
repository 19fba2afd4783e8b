-- Up Migration
-- The analytics build (agg.refresh_analytics(), docs/ANALYTICS.md) as an
-- in-database job: every 15 minutes, 5 minutes after the aggregates, as
-- sra_transformer like the transforms and the aggregates. A refresh with no
-- new price, treasury or portfolio batch only recomputes the fund metrics, so
-- the prices the transforms job takes in reach the analytics within minutes
-- whether pg_cron or the worker runs the jobs.
insert into ops.scheduled_job (job_name, schedule, command, description) values
    ('sra-analytics', '5,20,35,50 * * * *', 'set local role sra_transformer; select * from agg.refresh_analytics()',
        'the analytics build over new prices, curves and portfolios, incrementally, as sra_transformer')
on conflict (job_name) do nothing;

do $$
begin
    raise notice '%', ops.install_cron_jobs();
end
$$;
