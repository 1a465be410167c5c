namespace Genie.Server.Kafka;

/// <summary>The Kafka relay (section `Genie:Kafka`): on when <see cref="BootstrapServers"/> is set.</summary>
public sealed class KafkaOptions
{
    public const string Section = "Genie:Kafka";

    /// <summary>The brokers (`host:port,...`); empty turns the relay off.</summary>
    public string BootstrapServers { get; set; } = "";

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

    /// <summary>Test-only fault point: the server kills itself after a batch was acknowledged and before its position moves.</summary>
    public bool CrashAfterPublish { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(BootstrapServers);
}
