-- Runs of job versions, their task instances (one per replica) and every attempt of each.

create table runs (
    id              uuid        primary key,
    job_id          bigint      not null references jobs (id),
    namespace       text        not null,
    job_name        text        not null,
    job_version     integer     not null,
    executor        text        not null,
    state           text        not null check (state in ('queued', 'running', 'suspended', 'succeeded', 'failed', 'cancelled', 'skipped')),
    reason          text,
    params          jsonb       not null,
    priority        integer     not null default 0,
    -- Runs sharing a key are exclusive across jobs (spec.concurrency.key).
    concurrency_key text,
    idempotency_key text,
    trigger         text        not null,
    parent_run_id   uuid        references runs (id),
    parent_task     text,
    parent_replica  integer,
    not_before      timestamptz not null,
    deadline        timestamptz,
    created_at      timestamptz not null,
    started_at      timestamptz,
    finished_at     timestamptz,
    updated_at      timestamptz not null,
    constraint runs_idempotency_key unique (job_id, idempotency_key)
);

create index runs_namespace_created_idx on runs (namespace, created_at desc, id desc);
create index runs_job_created_idx on runs (job_id, created_at desc, id desc);
create index runs_live_job_idx on runs (job_id, created_at) where state in ('queued', 'running', 'suspended');
create index runs_live_key_idx on runs (concurrency_key, created_at) where state in ('queued', 'running', 'suspended') and concurrency_key is not null;
create index runs_queued_idx on runs (executor, priority desc, created_at) where state = 'queued';

create table run_tasks (
    run_id          uuid        not null references runs (id),
    task_name       text        not null,
    replica         integer     not null,
    -- The task's effective priority: with slots scarce, higher runs first.
    priority        integer     not null default 0,
    state           text        not null check (state in ('pending', 'queued', 'running', 'retrying', 'succeeded', 'failed', 'skipped', 'upstream_failed', 'cancelled')),
    reason          text,
    attempts        integer     not null default 0,
    exit_code       integer,
    child_run_id    uuid        references runs (id),
    next_attempt_at timestamptz,
    started_at      timestamptz,
    finished_at     timestamptz,
    updated_at      timestamptz not null,
    primary key (run_id, task_name, replica)
);

create index run_tasks_dispatch_idx on run_tasks (priority desc, updated_at) where state = 'queued';
create index run_tasks_child_idx on run_tasks (child_run_id) where child_run_id is not null;

create table task_attempts (
    run_id      uuid        not null,
    task_name   text        not null,
    replica     integer     not null,
    attempt     integer     not null,
    state       text        not null check (state in ('running', 'succeeded', 'failed', 'skipped', 'cancelled')),
    exit_code   integer,
    reason      text,
    pid         integer,
    log_path    text        not null,
    started_at  timestamptz not null,
    finished_at timestamptz,
    primary key (run_id, task_name, replica, attempt),
    foreign key (run_id, task_name, replica) references run_tasks (run_id, task_name, replica)
);

create index task_attempts_running_idx on task_attempts (run_id) where state = 'running';
