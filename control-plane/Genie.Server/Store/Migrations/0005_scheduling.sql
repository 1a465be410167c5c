-- The scheduler's own tables lived here until 0008 dropped them (the scheduler keeps its state in the
-- `hangfire` schema now, which Hangfire.PostgreSql creates and migrates itself); a fresh database never
-- needs them, so only what Genie itself keeps is created.
-- The last run of each housekeeping job, whichever replica ran it: what GET /api/v1/housekeeping shows.
create table housekeeping_status (
    name        text        primary key,
    started_at  timestamptz not null,
    finished_at timestamptz,
    succeeded   boolean,
    detail      text,
    instance_id text        not null
);
