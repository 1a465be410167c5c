-- The audit log: one row per mutating API call (POST/PUT/PATCH/DELETE under /api/v1), refused ones included.
-- Request bodies are never recorded (they may carry secret values). `occurred_at` is when the request arrived;
-- `target` is what the call addressed (`jobs/nightly`, `runs/<id>`, `secrets/db`), `source_address` the client
-- address as the server saw it (no forwarded header is trusted), `request_id` the trace id the problem documents carry.
create table audit_log (
    id             bigint generated always as identity primary key,
    occurred_at    timestamptz not null,
    actor          text        not null,
    action         text        not null,
    namespace      text,
    target         text,
    source_address text,
    status_code    integer     not null,
    outcome        text        not null check (outcome in ('succeeded', 'rejected', 'denied', 'failed')),
    request_id     text
);

-- The listing is newest first, keyset-paged by (occurred_at, id); each filter has an index that serves a page in
-- that order without walking other rows. The first one also serves time windows and the retention's deletes.
create index audit_log_occurred_idx on audit_log (occurred_at desc, id desc);
create index audit_log_actor_idx on audit_log (actor, occurred_at desc, id desc);
create index audit_log_namespace_idx on audit_log (namespace, occurred_at desc, id desc);
create index audit_log_action_idx on audit_log (action, occurred_at desc, id desc);
