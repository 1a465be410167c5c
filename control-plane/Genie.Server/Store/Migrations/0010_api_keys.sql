-- API keys, and the rights each run and job version acts with.

-- A key is `genie_{prefix}_{secret}`. The prefix is public (it names the key in logs, audits and actors); the whole
-- key is stored only as its SHA-256: keys are 256 random bits, so a slow password hash would add nothing.
-- Grants are texts such as `operator:team-a`, `viewer:*` or `cluster-admin`.
create table api_keys (
    prefix       text        primary key,
    name         text        not null,
    secret_hash  bytea       not null,
    grants       text[]      not null,
    created_at   timestamptz not null,
    created_by   text        not null,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    revoked_by   text
);

-- The grants a run acts with when it triggers child jobs in other namespaces: its caller's at trigger time, its
-- parent's for a child run. A job version keeps its applier's, which its scheduled runs act with.
-- Rows from before authentication have none, so they may not reach into other namespaces.
alter table runs add column grants text[];
alter table job_versions add column applied_grants text[];
