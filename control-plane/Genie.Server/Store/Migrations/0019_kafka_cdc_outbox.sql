-- The relay's Cdc mode (Genie:Kafka:Mode=Cdc): each batch of events, already encoded for Kafka (the topic, the key,
-- Confluent-framed Avro bytes), is inserted here and deleted again in the transaction that moves the relay's position.
-- Debezium's outbox event router turns the inserts it reads from the WAL into Kafka messages and drops the deletes, so
-- the table stays empty and needs no pruning. Column names are the ones flink-jobs/connect/debezium-outbox.json names.
create table kafka_cdc_outbox (
    event_id     uuid  primary key,
    aggregate_id text  not null,
    topic        text  not null,
    event_type   text  not null,
    payload      bytea not null
);
