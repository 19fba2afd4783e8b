-- The scheduled jobs (pg_cron, or the worker running the same command) run
-- the transforms and the aggregates as sra_transformer, never with the
-- owner's rights: a transform that records current_user sees
-- sra_transformer, and the aggregates job writes agg under that role. The
-- owner-only step a transform may need (ANALYZE of raw) still works.
begin;
\ir ../helpers/fixtures.psql
\ir ../fmp/fmp_fixtures.psql
select plan(7);

-- Setup: a transform whose function records the role it runs under
create table core.zz_whoami (who text not null, batches bigint[] not null);
create function core.transform_zz_whoami(p_batches bigint[], p_run_id bigint)
returns table (rows_in bigint, rows_out bigint, issues bigint, quarantined bigint)
language plpgsql as $$
begin
    insert into core.zz_whoami (who, batches) values (current_user, p_batches);
    return query select 1::bigint, 1::bigint, 0::bigint, 0::bigint;
end
$$;
insert into ops.transform_definition (name, kind, version, checksum, file_path, target, datasets)
values ('zz_whoami', 'transform', 1, 'test', 'transforms/zz/whoami.sql', 'core.zz_whoami', array['fundata.whoami']);
select tests.land('fundata.whoami', '[{"InstrumentKey": "1"}]', 'whoami.csv');
select tests.land('fundata.quotes', '[{"InstrumentKey": "W1", "Date": "2024-01-02", "NAVPS": "5.00"}]', 'whoami-quotes.csv');
select tests.land_fmp('fmp.profile', '/stable/profile', '{"symbol": "WHO"}', '[{"symbol": "WHO", "companyName": "Who Inc."}]');

-- as pg_cron runs a job: its whole command in one transaction
create function tests.run_job(p_job text) returns text language plpgsql as $$
declare
    v_who text;
begin
    execute (select s.command from ops.scheduled_job as s where s.job_name = p_job);
    v_who := current_user;
    reset role;
    return v_who;
end
$$;

-- Test
select is(tests.run_job('sra-transforms'), 'sra_transformer', 'the transforms job switches to sra_transformer');
select results_eq(
    $$ select who, batches from core.zz_whoami $$,
    $$ values ('sra_transformer'::text, array[tests.batch('whoami.csv')]) $$,
    'the transforms job ran the transform functions as sra_transformer'
);
select is(
    (select navps from core.fundata_quotes where identifier = 'W1'),
    5.00::numeric(12, 2),
    'every transform of the job works under sra_transformer (fundata_quotes typed its batch)'
);
select is(tests.run_job('sra-aggregates'), 'sra_transformer', 'the aggregates job switches to sra_transformer');
select is(
    (select trading_days from agg.fund_nav_monthly where identifier = 'W1'),
    1,
    'the aggregates job refreshed agg under sra_transformer'
);
select is(
    (select company_name from agg.latest_company_metrics where symbol = 'WHO'),
    'Who Inc.',
    'the aggregates job stored the latest company metrics under sra_transformer'
);

-- owner-only work a transform needs goes through an owner function granted to it
grant usage on schema tests to sra_transformer;
set local role sra_transformer;
select lives_ok($$ select raw.refresh_statistics() $$,
    'sra_transformer refreshes raw''s planner statistics through raw.refresh_statistics (ANALYZE is the owner''s)');
reset role;

select * from finish();
rollback;
