using Genie.Server.Store;

namespace Genie.Server.Tests.Kafka;

/// <summary>A mock Kafka cluster and a Schema Registry fake for one test, with the relay's settings that point at them.</summary>
public sealed class KafkaTestRig : IAsyncDisposable
{
    private KafkaTestRig(MockKafkaCluster cluster, SchemaRegistryFake registry)
    {
        Cluster = cluster;
        Registry = registry;
    }

    public MockKafkaCluster Cluster { get; }

    public SchemaRegistryFake Registry { get; }

    public static async Task<KafkaTestRig> StartAsync() => new(new MockKafkaCluster(), await SchemaRegistryFake.StartAsync());

    /// <summary>The relay's settings, bootstrapping at <paramref name="bootstrapServers"/> (the cluster's own by default).</summary>
    public Dictionary<string, string> Settings(string? bootstrapServers = null) => new()
    {
        ["Genie:Kafka:BootstrapServers"] = bootstrapServers ?? Cluster.BootstrapServers,
        ["Genie:Kafka:SchemaRegistryUrl"] = Registry.Url,
        ["Genie:Kafka:PollInterval"] = "00:00:00.200",
    };

    /// <summary>Everything on every topic of the cluster, read by kcat.</summary>
    public async Task<IReadOnlyList<ConsumedEvent>> ConsumeAllAsync()
    {
        var all = new List<ConsumedEvent>();
        foreach (var topic in await KcatConsumer.TopicsAsync(Cluster.BootstrapServers))
        {
            all.AddRange(await KcatConsumer.ReadAllAsync(Cluster.BootstrapServers, topic, Registry));
        }

        return all;
    }

    /// <summary>
    /// Checks what Kafka holds against the outbox: each row's event at least once, in its family's topic, keyed by its
    /// aggregate, with its id and type in headers and its payload's values; every copy of an event identical; each key
    /// in one partition, where the first copies come in outbox order. Returns how many copies each event had.
    /// </summary>
    public IReadOnlyDictionary<Guid, int> Verify(IReadOnlyList<RelayedEvent> rows, IReadOnlyList<ConsumedEvent> consumed)
    {
        var byId = consumed.GroupBy(c => c.EventId).ToDictionary(g => g.Key, g => g.ToList());
        byId.Keys.Order().ShouldBe(rows.Select(r => r.EventId).Order(), "Kafka holds exactly the outbox's events");
        foreach (var row in rows)
        {
            var copies = byId[row.EventId];
            foreach (var copy in copies)
            {
                copy.Topic.ShouldBe(Genie.Server.Kafka.EventTopics.Of(row.Type, "genie."));
                copy.Key.ShouldBe(row.AggregateId);
                copy.Type.ShouldBe(row.Type);
                copy.Headers["genie.event_id"].ShouldBe(row.EventId.ToString());
                DecodedPayload.Differences(copy.Value, row).ShouldBeEmpty($"{row.Type} {row.EventId}");
                Registry.Subjects.ShouldContain($"{copy.Topic}-{copy.Value.Schema.Fullname}");
            }
        }

        foreach (var key in consumed.GroupBy(c => (c.Topic, c.Key)))
        {
            key.Select(c => c.Partition).Distinct().Count().ShouldBe(1, $"{key.Key} stays in one partition");
            var firstCopies = key.OrderBy(c => c.Offset).Select(c => c.EventId).Distinct().ToList();
            var expected = rows.Where(r => Genie.Server.Kafka.EventTopics.Of(r.Type, "genie.") == key.Key.Topic && r.AggregateId == key.Key.Key)
                .Select(r => r.EventId).ToList();
            firstCopies.ShouldBe(expected, $"{key.Key} in outbox order");
        }

        return byId.ToDictionary(e => e.Key, e => e.Value.Count);
    }

    public async ValueTask DisposeAsync()
    {
        await Registry.DisposeAsync();
        Cluster.Dispose();
    }
}
