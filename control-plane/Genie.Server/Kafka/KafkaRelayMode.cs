namespace Genie.Server.Kafka;

/// <summary>How the relay hands the outbox on to Kafka (`Genie:Kafka:Mode`).</summary>
public enum KafkaRelayMode
{
    /// <summary>Genie's idempotent producer publishes each batch to the brokers itself.</summary>
    Produce,

    /// <summary>
    /// Genie writes each batch, already Avro-encoded for its topic, into `kafka_cdc_outbox`; Debezium's outbox event router
    /// passes the bytes on (flink-jobs/connect/debezium-outbox.json). For teams that run CDC rather than let services produce.
    /// </summary>
    Cdc,
}
