-- Who did what, and which Genie replica owns each local attempt.

-- Events carry their schema version and actor beside the payload, so consumers and audits need not parse it.
-- Rows written before this migration have no known actor.
alter table events add column schema_version integer not null default 1;
alter table events add column actor text not null default 'unknown';
alter table events alter column actor drop default;

alter table runs add column triggered_by text not null default 'unknown';
alter table runs alter column triggered_by drop default;
alter table job_versions add column applied_by text not null default 'unknown';
alter table job_versions alter column applied_by drop default;

-- The replica whose process runs a local attempt: recovery settles only its own attempts and those of
-- replicas that stopped heartbeating. Null for Airflow attempts and for attempts from before replicas.
alter table task_attempts add column owner text;
create index task_attempts_owner_running_idx on task_attempts (owner) where state = 'running';

-- Every Genie server process that runs local attempts, with its last sign of life.
create table replicas (
    id           text        primary key,
    host         text        not null,
    started_at   timestamptz not null,
    heartbeat_at timestamptz not null
);
