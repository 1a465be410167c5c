namespace Genie.Server.Kafka;

/// <summary>
/// The Kafka relay (section `Genie:Kafka`): on when <see cref="BootstrapServers"/> is set, or in <see cref="KafkaRelayMode.Cdc"/>
/// mode, where Debezium carries the events to Kafka instead.
/// </summary>
public sealed class KafkaOptions
{
    public const string Section = "Genie:Kafka";

    /// <summary>How events reach Kafka: Genie's own producer, or Debezium reading the CDC outbox table.</summary>
    public KafkaRelayMode Mode { get; set; } = KafkaRelayMode.Produce;

    /// <summary>The brokers (`host:port,...`) the producer sends to; empty turns the relay off unless <see cref="Mode"/> is Cdc.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>
    /// In Cdc mode, the logical replication slot the Debezium connector reads (its `slot.name`). The relay writes nothing
    /// until the slot exists: PostgreSQL keeps the WAL for a slot from its creation on, so what is written after it can
    /// never be missed by the connector.
    /// </summary>
    public string CdcSlotName { get; set; } = "genie_outbox";

    /// <summary>The Schema Registry the Avro serializer registers and looks schemas up in; required with the relay on.</summary>
    public string SchemaRegistryUrl { get; set; } = "";

    /// <summary>Put before each family's topic name: `genie.` gives `genie.runs`, `genie.tasks`, `genie.jobs`, `genie.schedule.ticks`.</summary>
    public string TopicPrefix { get; set; } = "genie.";

    /// <summary>Events read and published per round; the position moves once the whole batch is acknowledged.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How long the producer keeps trying to deliver a message before the batch counts as failed and is read again.</summary>
    public TimeSpan MessageTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the relay looks for new events when the last round found none, and retries after a failed one.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>`/readyz` reports the relay degraded once the oldest unpublished event is older than this.</summary>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>More librdkafka producer settings by their names (`security.protocol`, `sasl.mechanism`, ...).</summary>
    public Dictionary<string, string> Producer { get; set; } = new();

    /// <summary>Test-only fault point (Produce mode): the server kills itself after a batch was acknowledged and before its position moves.</summary>
    public bool CrashAfterPublish { get; set; }

    public bool Enabled => Mode == KafkaRelayMode.Cdc || !string.IsNullOrWhiteSpace(BootstrapServers);
}
