-- A retry of a run starts a new round of automatic retries for the instances it resets, as clearing a task
-- does in Airflow: attempts made before it do not use up the task's retry limit. retry_base is how many
-- attempts the instance had when its current round began; attempt numbers themselves keep counting.
alter table run_tasks add column retry_base integer not null default 0;
