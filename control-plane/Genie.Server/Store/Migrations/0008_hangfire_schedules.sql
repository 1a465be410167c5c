-- Hangfire replaces the previous scheduler: its tables (prefix `qrtz_`, created by 0005 before this
-- migration existed) go; Hangfire keeps its own state in the `hangfire` schema, which Hangfire.PostgreSql
-- creates and migrates itself when the server starts. `if exists`, since a database created after 0005
-- was rewritten never had them.
drop table if exists qrtz_fired_triggers, qrtz_paused_trigger_grps, qrtz_paused_job_grps, qrtz_scheduler_state,
    qrtz_locks, qrtz_simple_triggers, qrtz_cron_triggers, qrtz_simprop_triggers, qrtz_blob_triggers, qrtz_triggers,
    qrtz_job_details, qrtz_calendars, qrtz_execution_history, qrtz_misfire_history, qrtz_job_status cascade;

-- Paused schedules. Hangfire's recurring jobs cannot be paused, so a paused schedule has no recurring job and
-- this row is what keeps it paused across spec changes and restarts, until it is resumed or loses its schedule.
create table schedule_pauses (
    namespace text        not null,
    name      text        not null,
    paused_at timestamptz not null,
    primary key (namespace, name)
);
