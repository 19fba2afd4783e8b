-- Each scheduled job's command runs as pg_cron (or the worker) runs it, and
-- does its job: transforms consume new batches, the aggregates and the
-- analytics build follow, maintenance analyzes the tables, retention
-- deletes what is past its age and keeps what is not.
begin;
\ir ../helpers/fixtures.psql
select plan(15);

-- Setup: an old consumed batch, an old batch of a dataset no transform reads, a fresh batch
select tests.land('fundata.quotes', '[{"InstrumentKey": "R1", "Date": "2020-01-02", "NAVPS": "5.00"}]', 'old-quotes.csv');
select tests.land('fundata.unread', '[{"InstrumentKey": "R1"}]', 'old-unread.csv');
update raw.batch set landed_at = now() - interval '400 days' where file_name in ('old-quotes.csv', 'old-unread.csv');
-- as pg_cron runs a job: its whole command in one transaction (a role it
-- switches to lasts until the end of that transaction, here until the reset)
create function tests.run_job(p_job text) returns void language plpgsql as $$
begin
    execute (select s.command from ops.scheduled_job as s where s.job_name = p_job);
    reset role;
end
$$;

-- Test
select lives_ok($$ select tests.run_job('sra-transforms') $$, 'the transforms job runs');
select is(
    (select count(*)::integer from ops.transform_batch where batch_id = tests.batch('old-quotes.csv')),
    1,
    'the transforms job consumed the landed batch'
);
select is(
    (select count(*)::integer from ops.run_transforms(false) where batches > 0),
    0,
    'a transforms run with nothing new consumes nothing'
);
select lives_ok($$ select tests.run_job('sra-aggregates') $$, 'the aggregates job runs');
select is(
    (select trading_days from agg.fund_nav_monthly where identifier = 'R1'),
    1,
    'the aggregates job took the new quotes in'
);

select lives_ok($$ select tests.run_job('sra-analytics') $$, 'the analytics job runs');
select isnt((select refreshed_at from agg.analytics_state), null, 'the analytics job ran the analytics build');

select lives_ok($$ select tests.run_job('sra-maintenance') $$, 'the maintenance job runs');
select set_has(
    $$ select table_name, action from ops.run_maintenance() $$,
    $$ values ('core.fundata_quotes'::text, 'analyze'::text), ('raw.stored_record', 'analyze') $$,
    'maintenance analyzes the core and raw tables'
);

insert into ops.fmp_api_call (dataset, endpoint, endpoint_template, api_version, called_at, outcome)
values
    ('fmp.profile', '/api/v3/profile/OLD', '/api/v3/profile/{symbol}', 'v3', now() - interval '91 days', 'landed'),
    ('fmp.profile', '/api/v3/profile/NEW', '/api/v3/profile/{symbol}', 'v3', now() - interval '89 days', 'landed');

select lives_ok($$ select tests.run_job('sra-retention') $$, 'the retention job runs');
select results_eq(
    $$ select endpoint from ops.fmp_api_call order by endpoint $$,
    $$ values ('/api/v3/profile/NEW'::text) $$,
    'retention deletes API calls older than 90 days and keeps the newer ones'
);
select isnt(
    (select count(*)::integer from raw.batch where file_name = 'old-quotes.csv'),
    0,
    'with raw_retention_days 0 (the default) raw batches are kept'
);

update ops.setting set value = '365' where name = 'raw_retention_days';
select tests.land('fundata.quotes', '[{"InstrumentKey": "R1", "Date": "2020-01-03", "NAVPS": "5.10"}]', 'old-unconsumed.csv');
update raw.batch set landed_at = now() - interval '400 days' where file_name = 'old-unconsumed.csv';
select * from ops.run_retention();
select results_eq(
    $$ select file_name from raw.batch where file_name like 'old-%' order by file_name $$,
    $$ values ('old-unconsumed.csv'::text), ('old-unread.csv') $$,
    'retention deletes an old batch every transform consumed; it keeps an old batch not yet consumed and one no transform reads'
);
select is(
    (select count(*)::integer from raw.record as r
     where not exists (select 1 from raw.batch as b where b.batch_id = r.batch_id)),
    0,
    'no raw record outlives its batch'
);
select is(
    (select navps from core.fundata_quotes where identifier = 'R1' and date = '2020-01-02'),
    5.00::numeric,
    'the typed history stays when its raw batch is retired'
);

select * from finish();
rollback;
