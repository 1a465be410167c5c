-- Genie's telemetry aggregates: one Flink job (Flink 2.0 or later: PERCENTILE arrived in 2.0) that reads the event
-- topics the relay (or the Debezium outbox connector) fills and writes three result topics, which the Kafka Connect
-- JDBC sinks (flink-jobs/connect/) upsert into the stats_* tables of Genie's migrations. flink-jobs/README.md explains
-- each step; `make test` parses every statement with dt-sql-parser's FlinkSQL grammar.
-- Before submitting, replace the two placeholders: envsubst '$KAFKA_BOOTSTRAP_SERVERS $SCHEMA_REGISTRY_URL'.
-- The statements keep to what the operator's SQL runner example can split: one statement per `;` at a line end,
-- SET as 'key' = 'value', comments on their own lines.

-- Windows are cut in UTC, so window_start is the same instant whatever the cluster's zone, and the sinks write UTC.
SET 'table.local-time-zone' = 'UTC';
-- A partition without traffic must not hold every window open: after a minute it stops counting for the watermark.
SET 'table.exec.source.idle-timeout' = '1 min';
SET 'pipeline.name' = 'genie-stats';

-- The fields every Genie event record has, whatever its type (the schemas' envelope), read from Avro values through the
-- Schema Registry. The topic tables below take these columns and options with LIKE and add the fields they need.
-- A topic carries several record types (genie.runs: RunCreated and RunStateChanged). Flink reads each record with its
-- writer schema (fetched by the id in the record) resolved into a reader schema derived from the table, field by field
-- by name (Avro's rules; record names are not compared). A reader field the writer lacks takes its default: Flink gives
-- nullable columns the default null and NOT NULL columns none, so a NOT NULL column must be a field of every record
-- type on the topic, and a field of only some types (from, to) must be nullable. Fields the table leaves out are skipped.
-- The record type is told by the header genie.event_type, which the relay and the Debezium config both write.
-- Instants stay BIGINT epoch milliseconds (the fields are long timestamp-millis; Avro's resolution ignores the logical
-- type), so lags and durations are plain subtractions; eventTime is the event-time attribute made from occurredAt.
CREATE TEMPORARY TABLE genie_event_topic (
    eventId STRING NOT NULL,
    occurredAt BIGINT NOT NULL,
    `namespace` STRING NOT NULL,
    job STRING NOT NULL,
    headers MAP<STRING, BYTES> METADATA VIRTUAL,
    eventType AS DECODE(headers['genie.event_type'], 'UTF-8'),
    eventTime AS TO_TIMESTAMP_LTZ(occurredAt, 3),
    -- Events of one aggregate arrive in order; across aggregates a partition may be a few seconds out of order (a
    -- slower transaction commits an earlier occurredAt later). Later than this bound, an event misses its window.
    WATERMARK FOR eventTime AS eventTime - INTERVAL '10' SECOND
) WITH (
    'connector' = 'kafka',
    'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP_SERVERS}',
    'properties.group.id' = 'genie-stats',
    'properties.auto.offset.reset' = 'earliest',
    'scan.startup.mode' = 'group-offsets',
    'value.format' = 'avro-confluent',
    'value.avro-confluent.url' = '${SCHEMA_REGISTRY_URL}'
);

-- genie.runs: RunCreated and RunStateChanged; from and to exist only in RunStateChanged.
CREATE TEMPORARY TABLE run_events (
    runId STRING NOT NULL,
    `from` STRING,
    `to` STRING
) WITH (
    'topic' = 'genie.runs'
) LIKE genie_event_topic;

-- genie.tasks: TaskStateChanged, AttemptStarted and AttemptFinished; to exists only in TaskStateChanged.
CREATE TEMPORARY TABLE task_events (
    task STRING NOT NULL,
    `to` STRING
) WITH (
    'topic' = 'genie.tasks'
) LIKE genie_event_topic;

-- genie.schedule.ticks: ScheduleTicked only, so its fields may be NOT NULL.
CREATE TEMPORARY TABLE schedule_tick_events (
    scheduledFireTime BIGINT NOT NULL,
    actualFireTime BIGINT NOT NULL
) WITH (
    'topic' = 'genie.schedule.ticks'
) LIKE genie_event_topic;

-- The columns and options of the result topics: upsert-kafka keyed by each table's primary key (Avro key records), the
-- other columns in the Avro value. Each topic is compacted and written by a JDBC sink into the stats_* table of the
-- same columns (pk.mode=record_key). Window aggregates emit each window once, when the watermark passes its end.
CREATE TEMPORARY TABLE stats_result_topic (
    `namespace` STRING NOT NULL,
    job STRING NOT NULL,
    window_start TIMESTAMP(3) NOT NULL,
    window_end TIMESTAMP(3) NOT NULL
) WITH (
    'connector' = 'upsert-kafka',
    'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP_SERVERS}',
    'key.format' = 'avro-confluent',
    'key.avro-confluent.url' = '${SCHEMA_REGISTRY_URL}',
    'value.format' = 'avro-confluent',
    'value.avro-confluent.url' = '${SCHEMA_REGISTRY_URL}',
    'value.fields-include' = 'EXCEPT_KEY'
);

CREATE TEMPORARY TABLE stats_runs_minute (
    started BIGINT NOT NULL,
    succeeded BIGINT NOT NULL,
    failed BIGINT NOT NULL,
    p50_duration_ms DOUBLE,
    p95_duration_ms DOUBLE,
    PRIMARY KEY (`namespace`, job, window_start) NOT ENFORCED
) WITH (
    'topic' = 'genie.stats.runs_minute'
) LIKE stats_result_topic;

CREATE TEMPORARY TABLE stats_schedule_lag (
    ticks BIGINT NOT NULL,
    max_lag_ms DOUBLE,
    avg_lag_ms DOUBLE,
    PRIMARY KEY (`namespace`, job, window_start) NOT ENFORCED
) WITH (
    'topic' = 'genie.stats.schedule_lag'
) LIKE stats_result_topic;

CREATE TEMPORARY TABLE stats_task_failures (
    task STRING NOT NULL,
    failures BIGINT NOT NULL,
    PRIMARY KEY (`namespace`, job, task, window_start) NOT ENFORCED
) WITH (
    'topic' = 'genie.stats.task_failures'
) LIKE stats_result_topic;

CREATE TEMPORARY VIEW run_state_changes AS
SELECT eventId, runId, `namespace`, job, `from`, `to`, occurredAt, eventTime
FROM run_events
WHERE eventType = 'run.state_changed';

-- The moves that count: a start (admission, queued to running; a resume from suspended is not a new start) and the
-- two outcomes.
CREATE TEMPORARY VIEW run_moves AS
SELECT *
FROM run_state_changes
WHERE (`from` = 'queued' AND `to` = 'running') OR `to` IN ('succeeded', 'failed');

-- A run's duration runs from its start to its outcome, as the server's started_at and finished_at do. A retried run
-- starts again under the same id (back to queued, then running), so each start is paired with the next outcome of
-- the same run, never with an earlier or later one: an interval join would pair a retry's outcome with the first
-- start too. MATCH_RECOGNIZE does the pairing per run in event-time order: a start, any suspend and resume moves,
-- then an outcome; a cancel or a return to the queue between them ends the attempt without a duration. A duplicated
-- event (the relay delivers at least once) is absorbed: a second start is a resume-like move, a second outcome finds
-- no open start. Runs longer than seven days get no duration here (their partial match is dropped).
CREATE TEMPORARY VIEW run_durations AS
SELECT *
FROM run_state_changes
MATCH_RECOGNIZE (
    PARTITION BY runId, `namespace`, job
    ORDER BY eventTime
    MEASURES
        E.occurredAt - S.occurredAt AS durationMs,
        MATCH_ROWTIME(eventTime) AS endedTime
    ONE ROW PER MATCH
    AFTER MATCH SKIP PAST LAST ROW
    PATTERN (S M* E) WITHIN INTERVAL '7' DAY
    DEFINE
        S AS S.`from` = 'queued' AND S.`to` = 'running',
        M AS M.`to` IN ('suspended', 'running'),
        E AS E.`to` IN ('succeeded', 'failed')
);

-- One row per fact, at the time it belongs to: starts and outcomes at their event, durations at the outcome. The
-- counts are of distinct event ids, so an event delivered twice counts once.
CREATE TEMPORARY VIEW run_facts AS
SELECT
    `namespace`,
    job,
    eventTime,
    CASE WHEN `to` = 'running' THEN eventId END AS startedEventId,
    CASE WHEN `to` = 'succeeded' THEN eventId END AS succeededEventId,
    CASE WHEN `to` = 'failed' THEN eventId END AS failedEventId,
    CAST(NULL AS BIGINT) AS durationMs
FROM run_moves
UNION ALL
SELECT
    `namespace`,
    job,
    endedTime,
    CAST(NULL AS STRING),
    CAST(NULL AS STRING),
    CAST(NULL AS STRING),
    durationMs
FROM run_durations;

-- One job for the three results, so each topic is read once.
EXECUTE STATEMENT SET
BEGIN
-- Runs per namespace and job per minute. PERCENTILE (Flink 2.0, FLINK-36123) is exact: it interpolates linearly
-- between the two nearest durations, as PostgreSQL's percentile_cont does, and ignores the null durations of the
-- start and outcome rows; a minute without a finished run has null percentiles.
INSERT INTO stats_runs_minute (`namespace`, job, window_start, window_end, started, succeeded, failed, p50_duration_ms, p95_duration_ms)
SELECT
    `namespace`,
    job,
    window_start,
    window_end,
    COUNT(DISTINCT startedEventId),
    COUNT(DISTINCT succeededEventId),
    COUNT(DISTINCT failedEventId),
    PERCENTILE(durationMs, 0.5),
    PERCENTILE(durationMs, 0.95)
FROM TABLE(TUMBLE(TABLE run_facts, DESCRIPTOR(eventTime), INTERVAL '1' MINUTE))
GROUP BY `namespace`, job, window_start, window_end;
-- Cron tick lag (actual minus scheduled fire time) per job over five minutes, a window starting every minute. The
-- tick count is of distinct events; the average weighs a tick delivered twice twice (only after a relay crash).
INSERT INTO stats_schedule_lag (`namespace`, job, window_start, window_end, ticks, max_lag_ms, avg_lag_ms)
SELECT
    `namespace`,
    job,
    window_start,
    window_end,
    COUNT(DISTINCT eventId),
    CAST(MAX(actualFireTime - scheduledFireTime) AS DOUBLE),
    AVG(CAST(actualFireTime - scheduledFireTime AS DOUBLE))
FROM TABLE(HOP(TABLE schedule_tick_events, DESCRIPTOR(eventTime), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE))
WHERE eventType = 'schedule.tick'
GROUP BY `namespace`, job, window_start, window_end;
-- Failure hotspots: task instances that reached failed (retries exhausted), per task per minute.
INSERT INTO stats_task_failures (`namespace`, job, task, window_start, window_end, failures)
SELECT
    `namespace`,
    job,
    task,
    window_start,
    window_end,
    COUNT(DISTINCT eventId)
FROM TABLE(TUMBLE(TABLE task_events, DESCRIPTOR(eventTime), INTERVAL '1' MINUTE))
WHERE eventType = 'task.state_changed' AND `to` = 'failed'
GROUP BY `namespace`, job, task, window_start, window_end;
END;
