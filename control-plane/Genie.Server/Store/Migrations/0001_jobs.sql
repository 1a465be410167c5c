-- Jobs and their immutable versions, plus the transactional outbox every state change writes to.

create table jobs (
    id              bigint      generated always as identity primary key,
    namespace       text        not null,
    name            text        not null,
    group_name      text,
    labels          jsonb       not null default '{}'::jsonb,
    current_version integer     not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    -- Deleting keeps the history: the row and its versions stay, the job stops being listed.
    deleted_at      timestamptz,
    constraint jobs_namespace_name_key unique (namespace, name)
);

create index jobs_live_group_idx on jobs (namespace, group_name, name) where deleted_at is null;
create index jobs_labels_idx on jobs using gin (labels jsonb_path_ops);

create table job_versions (
    job_id        bigint      not null references jobs (id),
    version       integer     not null,
    content_hash  text        not null,
    source_format text        not null check (source_format in ('yaml', 'json')),
    -- Exactly the bytes that were applied, so a version reads back as it was written.
    source_text   text        not null,
    -- The canonical JSON of the parsed spec, for queries and for the executors.
    definition    jsonb       not null,
    created_at    timestamptz not null,
    primary key (job_id, version)
);

-- Outbox (Debezium outbox-router shape): rows are written in the transaction of the change they describe.
create table events (
    id             bigint      generated always as identity primary key,
    event_id       uuid        not null default gen_random_uuid() unique,
    occurred_at    timestamptz not null,
    aggregate_type text        not null,
    aggregate_id   text        not null,
    type           text        not null,
    payload        jsonb       not null
);

create index events_aggregate_idx on events (aggregate_type, aggregate_id, id);
