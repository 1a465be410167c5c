-- Webhook deliveries of `spec.notify`: one row per run state change and matching webhook, written in the transaction
-- of the state change itself, so a change that commits always has its deliveries and one rolled back never does. A
-- background loop sends the pending ones after commit (claimed with `for update skip locked`, so among replicas one
-- sends each) and records every attempt. `body` is the exact JSON sent (and signed); the signing secret is referenced
-- by name and key, never copied here.
create table notification_deliveries (
    id              uuid        primary key,
    run_id          uuid        not null references runs (id) on delete cascade,
    namespace       text        not null,
    webhook         text        not null,
    secret_name     text,
    secret_key      text,
    run_state       text        not null,
    body            text        not null,
    status          text        not null check (status in ('pending', 'delivered', 'failed')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz,
    created_at      timestamptz not null,
    finished_at     timestamptz
);

-- The sender's question, "what is due", reads only pending rows; the API lists a run's deliveries.
create index notification_deliveries_due_idx on notification_deliveries (next_attempt_at) where status = 'pending';
create index notification_deliveries_run_idx on notification_deliveries (run_id, created_at);

create table notification_attempts (
    delivery_id uuid        not null references notification_deliveries (id) on delete cascade,
    attempt     integer     not null,
    started_at  timestamptz not null,
    duration_ms integer     not null,
    status_code integer,
    error       text,
    primary key (delivery_id, attempt)
);
