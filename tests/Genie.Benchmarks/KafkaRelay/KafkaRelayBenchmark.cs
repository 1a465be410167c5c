using System.Diagnostics;
using Dapper;
using Genie.Benchmarks.Harness;
using Genie.Client.Contracts;
using Genie.Server.Kafka;
using Genie.Server.Store;
using Genie.Server.Tests.Kafka;
using Npgsql;

namespace Genie.Benchmarks.KafkaRelay;

/// <summary>
/// How fast the Kafka relay drains a backlog: a Genie without Kafka first fills the outbox (triggers of runs delayed by an
/// hour: one `run.created` each, and no task process afterwards); then, per round, the relay's position is reset and a
/// Genie with Kafka starts against librdkafka's mock cluster (in this process) and a Schema Registry fake. The backlog is
/// polled every 20 ms from before the server starts; the rate runs from the last poll that saw it whole to the first
/// that saw it empty, so the server's start is left out (but up to one poll interval is counted in). The mock broker keeps everything in memory on the same machine: this is Genie's side of
/// the path (reading, Avro encoding, the idempotent producer, acknowledgements, moving the position), not a real
/// cluster's throughput.
/// </summary>
public sealed class KafkaRelayBenchmark : IBenchmark
{
    private const string Ns = "bench-kafka";
    private const string Job = "later";
    private const string Database = "kafka";
    private const int TriggersInFlight = 32;
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);

    private const string Spec = """
        apiVersion: genie.dev/v1
        kind: Job
        metadata: {name: later}
        spec:
          tasks:
            - {name: work, command: ["true"]}
        """;

    public string Area => "Kafka relay";

    public int Order => 16;

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var events = context.Settings.Size(10_000, 50);
        await using (var filler = await context.StartGenieAsync(Database, null, cancellationToken))
        {
            var client = filler.CreateClient();
            await client.ApplyJobAsync(Ns, Job, Spec, cancellationToken: cancellationToken);
            await Parallel.ForEachAsync(
                Enumerable.Range(0, events),
                new ParallelOptions { MaxDegreeOfParallelism = TriggersInFlight, CancellationToken = cancellationToken },
                async (_, ct) => await client.TriggerRunAsync(Ns, Job, new TriggerRunRequest(Delay: "1h"), cancellationToken: ct));
        }

        var connectionString = await context.Cluster.DatabaseAsync(Database, cancellationToken);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new KafkaRelayStore(dataSource);
        var rates = await context.RoundsAsync(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("delete from kafka_relay_positions", cancellationToken: cancellationToken));
            using var cluster = new MockKafkaCluster();
            await using var registry = await SchemaRegistryFake.StartAsync();
            // Polling starts before the server does: the relay begins while the server is still starting up.
            var backlog = (await store.BacklogAsync(Genie.Server.Kafka.KafkaRelay.Name, cancellationToken)).Count;
            var drained = DrainRateAsync(store, backlog, cancellationToken);
            await using var server = await BenchServer.StartAsync(connectionString, Path.Combine(context.Cluster.Root, Database), new Dictionary<string, string>
            {
                ["Genie:Kafka:BootstrapServers"] = cluster.BootstrapServers,
                ["Genie:Kafka:SchemaRegistryUrl"] = registry.Url,
            }, cancellationToken);
            return await drained;
        });

        context.Results.Add(new BenchResult(Area, "backlog drained to the mock cluster", ResultTable.Genie, Samples.Median(rates), "events/s",
            Better.Higher, Note: $"{events:N0} run.created events and one job.applied, batches of 500; librdkafka's in-memory mock broker in the benchmark process " +
                "and a Schema Registry fake (not a real cluster); from the last poll (every 20 ms) that saw the backlog whole to the first that saw it empty"));
    }

    /// <summary>Events per second from the last poll that saw the whole backlog to the first that saw none.</summary>
    private static async Task<double> DrainRateAsync(KafkaRelayStore store, long total, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var lastWhole = Stopwatch.GetTimestamp();
        while (deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            var left = (await store.BacklogAsync(Genie.Server.Kafka.KafkaRelay.Name, cancellationToken)).Count;
            if (left == total)
            {
                lastWhole = Stopwatch.GetTimestamp();
            }
            else if (left == 0)
            {
                return total / Stopwatch.GetElapsedTime(lastWhole).TotalSeconds;
            }

            await Task.Delay(PollEvery, cancellationToken);
        }

        throw new TimeoutException("The relay did not drain its backlog within 5 minutes");
    }
}
