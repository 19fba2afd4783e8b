-- The retention job deletes ops logs past their age (90 days by default, in
-- ops.setting): task runs with their child runs, FMP API calls, and quality
-- issues resolved that long ago. Recent runs, runs still running, open
-- issues (however old) and recently resolved ones stay; raw is untouched
-- unless raw_retention_days is set.
begin;
\ir ../helpers/fixtures.psql
select plan(9);

-- Setup
select tests.land('fundata.quotes', '[{"InstrumentKey": "K1", "Date": "2020-01-02", "NAVPS": "abc"}]', 'retention.csv');
update raw.batch set landed_at = now() - interval '400 days' where file_name = 'retention.csv';
select * from ops.run_transforms();

insert into ops.task_run (task_type, task_id, status, started_at, finished_at) values
    ('refresh', 'old', 'completed', now() - interval '120 days', now() - interval '120 days'),
    ('refresh', 'recent', 'completed', now() - interval '10 days', now() - interval '10 days'),
    ('refresh', 'old-running', 'running', now() - interval '120 days', null);
insert into ops.task_run (parent_run_id, task_type, task_id, status, started_at, finished_at)
select t.task_run_id, 'refresh_step', 'old-step', 'completed', t.started_at, t.finished_at
from ops.task_run as t where t.task_id = 'old';

insert into ops.quality_issue (batch_id, dataset, rule, detail, detected_at, resolved_at) values
    (tests.batch('retention.csv'), 'fundata.quotes', 'zz_rule', 'old, resolved long ago', now() - interval '200 days', now() - interval '100 days'),
    (tests.batch('retention.csv'), 'fundata.quotes', 'zz_rule', 'old, resolved recently', now() - interval '200 days', now() - interval '5 days'),
    (tests.batch('retention.csv'), 'fundata.quotes', 'zz_rule', 'old, open', now() - interval '200 days', null);

insert into ops.fmp_api_call (dataset, endpoint, endpoint_template, api_version, called_at, outcome) values
    ('fmp.profile', '/api/v3/profile/OLD', '/api/v3/profile/{symbol}', 'v3', now() - interval '91 days', 'landed'),
    ('fmp.profile', '/api/v3/profile/NEW', '/api/v3/profile/{symbol}', 'v3', now() - interval '89 days', 'landed');

create temp table deleted as select * from ops.run_retention();

-- Test
select set_eq(
    $$ select task_id from ops.task_run where task_id in ('old', 'old-step', 'recent', 'old-running') $$,
    $$ values ('recent'), ('old-running') $$,
    'task runs older than 90 days go with their steps; recent runs and runs still running stay'
);
select set_eq(
    $$ select detail from ops.quality_issue where rule = 'zz_rule' $$,
    $$ values ('old, resolved recently'), ('old, open') $$,
    'quality issues resolved more than 90 days ago go; open and recently resolved ones stay'
);
select isnt_empty(
    $$ select 1 from ops.quality_issue where batch_id = tests.batch('retention.csv') and rule <> 'zz_rule' and resolved_at is null $$,
    'the open issue the transform recorded stays'
);
select results_eq(
    $$ select endpoint from ops.fmp_api_call order by endpoint $$,
    $$ values ('/api/v3/profile/NEW'::text) $$,
    'API calls older than 90 days go, newer ones stay'
);
select is(
    (select count(*)::integer from raw.record where batch_id = tests.batch('retention.csv')),
    1,
    'raw stays by default (raw_retention_days 0), however old'
);
select set_has(
    $$ select what, deleted from deleted $$,
    $$ values ('ops.task_run'::text, 2::bigint), ('ops.quality_issue', 1), ('ops.fmp_api_call', 1) $$,
    'retention reports what it deleted (the old run and its step, one issue, one call)'
);

-- configurable: 0 keeps, a shorter age deletes more
update ops.setting set value = '0' where name = 'task_run_retention_days';
update ops.setting set value = '3' where name = 'quality_issue_retention_days';
update ops.task_run set status = 'failed', finished_at = now() where task_id = 'old-running';
select * from ops.run_retention();
select is(
    (select count(*)::integer from ops.task_run where task_id = 'old-running'),
    1,
    'task_run_retention_days 0 keeps every run'
);
select set_eq(
    $$ select detail from ops.quality_issue where rule = 'zz_rule' $$,
    $$ values ('old, open') $$,
    'quality_issue_retention_days sets the age of resolved issues'
);
select is(
    (select count(*)::integer from raw.batch where file_name = 'retention.csv'),
    1,
    'raw is still untouched'
);

select * from finish();
rollback;
