-- The tables the telemetry pipeline fills: Flink SQL jobs (flink-jobs/sql/) aggregate Genie's events from Kafka and
-- write their results to upsert-kafka topics, which the Kafka Connect JDBC sink (flink-jobs/connect/) upserts here.
-- Genie never writes them; the stats API (GET /api/v1/stats/...) reads them while they are fresh and otherwise computes
-- the same figures with SQL over runs, run_tasks and events. Each primary key is the key of its Flink result (the
-- GROUP BY of the window plus its start), which the upsert-kafka topics carry and the sink's `pk.mode=record_key`
-- upserts on: a window re-emitted by a late event replaces its row instead of adding a second one.
-- The window_start and window_end indexes serve the API's range reads and its freshness check (oldest start, newest end).

-- One-minute tumbling windows of `run.state_changed`: runs that moved to `running` (started), to `succeeded` and to
-- `failed` in the window, and the p50/p95 of the durations (start to end, ms) of the runs that ended in it.
create table stats_runs_minute (
    namespace       text             not null,
    job             text             not null,
    window_start    timestamptz      not null,
    window_end      timestamptz      not null,
    started         bigint           not null,
    succeeded       bigint           not null,
    failed          bigint           not null,
    p50_duration_ms double precision,
    p95_duration_ms double precision,
    primary key (namespace, job, window_start)
);

create index stats_runs_minute_start_idx on stats_runs_minute (window_start);
create index stats_runs_minute_end_idx on stats_runs_minute (window_end);

-- Hopping windows (5 min long, one every minute) of `schedule.tick` events: how many ticks fired and their lag
-- (actualFireTime - scheduledFireTime, ms). A tick lies in five overlapping windows; readers that sum over a range
-- take the windows starting on multiples of their length, which tile time without overlap.
create table stats_schedule_lag (
    namespace    text             not null,
    job          text             not null,
    window_start timestamptz      not null,
    window_end   timestamptz      not null,
    ticks        bigint           not null,
    max_lag_ms   double precision,
    avg_lag_ms   double precision,
    primary key (namespace, job, window_start)
);

create index stats_schedule_lag_start_idx on stats_schedule_lag (window_start);
create index stats_schedule_lag_end_idx on stats_schedule_lag (window_end);

-- One-minute tumbling windows of `task.state_changed` events whose `to` is `failed`: task instances that failed,
-- per task, so the hotspots (the tasks that fail most) show across runs.
create table stats_task_failures (
    namespace    text        not null,
    job          text        not null,
    task         text        not null,
    window_start timestamptz not null,
    window_end   timestamptz not null,
    failures     bigint      not null,
    primary key (namespace, job, task, window_start)
);

create index stats_task_failures_start_idx on stats_task_failures (window_start);
create index stats_task_failures_end_idx on stats_task_failures (window_end);

-- The SQL path of the same figures reads runs by when they started and ended, failed task instances by when they ended,
-- and tick events by when they fired; without these it would scan whole tables for a day's figures.
create index runs_started_idx on runs (started_at) where started_at is not null;
create index runs_finished_idx on runs (finished_at) where finished_at is not null;
create index run_tasks_failed_idx on run_tasks (finished_at) where state = 'failed';
create index events_schedule_tick_idx on events (occurred_at) where type = 'schedule.tick';

-- Each replica's local executor capacity, written with its heartbeat, so any replica can show the fleet's slots.
alter table replicas add column slots integer not null default 0;
