-- Up Migration
-- The process that runs a task: a run left 'running' by a process that no
-- longer exists (killed, host rebooted) can be recognised and closed.
alter table ops.task_run add column pid integer;
create index task_run_running_idx on ops.task_run (host, pid) where status = 'running';
