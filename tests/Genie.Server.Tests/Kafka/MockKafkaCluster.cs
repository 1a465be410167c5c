using Confluent.Kafka;

namespace Genie.Server.Tests.Kafka;

/// <summary>
/// librdkafka's mock cluster: one broker speaking the real Kafka protocol on 127.0.0.1, alive as long as the client
/// that created it. Other processes (a Genie server, kcat) reach it at <see cref="BootstrapServers"/>. Topics are
/// created on first use with 4 partitions.
/// </summary>
public sealed class MockKafkaCluster : IDisposable
{
    private readonly IProducer<Null, Null> _owner;

    public MockKafkaCluster()
    {
        var config = new ProducerConfig();
        config.Set("test.mock.num.brokers", "1");
        _owner = new ProducerBuilder<Null, Null>(config).SetLogHandler((_, _) => { }).Build();
        using var admin = new DependentAdminClientBuilder(_owner.Handle).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        BootstrapServers = string.Join(",", metadata.Brokers.Select(b => $"{b.Host}:{b.Port}"));
    }

    public string BootstrapServers { get; }

    public void Dispose() => _owner.Dispose();
}
