using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Kafka;

/// <summary>
/// The relay on the real Kafka protocol: librdkafka's mock cluster as the broker, a Schema Registry fake, and kcat as
/// the consumer that reads back what Genie published.
/// </summary>
public sealed partial class KafkaRelayTests
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_event_arrives_once_keyed_by_its_aggregate_and_in_outbox_order_per_key()
    {
        await using var rig = await KafkaTestRig.StartAsync();
        await using var app = await GenieApp.StartAsync([.. rig.Settings().Select(s => (s.Key, s.Value))]);

        await EventWorkload.RunAsync(app.CreateGenieClient(), app.Services);
        await RelayProgress.UntilDrainedAsync(app.ConnectionString, DrainTimeout);

        var rows = await OutboxRows.ReadAsync(app.ConnectionString);
        var copies = rig.Verify(rows, await rig.ConsumeAllAsync());
        copies.Values.ShouldAllBe(c => c == 1);
        rig.Registry.Subjects.ShouldContain("genie.runs-genie.events.RunStateChanged");
        rig.Registry.Subjects.ShouldContain("genie.schedule.ticks-genie.events.ScheduleTicked");
    }

    [Fact]
    public async Task A_relay_killed_between_publishing_and_marking_publishes_that_batch_again_and_everything_else_once()
    {
        const int batchSize = 10;
        await using var rig = await KafkaTestRig.StartAsync();
        await using var database = await TestPostgres.CreateDatabaseAsync(nameof(KafkaRelayTests));
        var dataDir = TestPostgres.NewScratchDir();
        try
        {
            var plain = new Dictionary<string, string> { ["Genie:Database:ConnectionString"] = database.ConnectionString };
            await using (var withoutKafka = await ServerProcess.StartAsync(dataDir, TimeSpan.FromMinutes(1), plain))
            {
                await EventWorkload.RunTwoStepsAsync(withoutKafka.CreateClient(), runs: 4);
                await withoutKafka.StopAsync(TimeSpan.FromSeconds(30));
            }

            var relaying = new Dictionary<string, string>(plain.Concat(rig.Settings())) { ["Genie:Kafka:BatchSize"] = $"{batchSize}" };
            // The relay starts on the backlog at once, so the server may die before it even listens.
            await using (var crashing = await ServerProcess.RunUntilExitAsync(dataDir, TimeSpan.FromMinutes(1),
                             new Dictionary<string, string>(relaying) { ["Genie:Kafka:CrashAfterPublish"] = "true" }))
            {
                // Killed by SIGKILL (its log line may not have been flushed): 128 + 9.
                crashing.ExitCode.ShouldBe(137);
            }

            (await RelayProgress.BacklogAsync(database.ConnectionString)).Count.ShouldBeGreaterThan(batchSize, "nothing was marked");
            await using (var restarted = await ServerProcess.StartAsync(dataDir, TimeSpan.FromMinutes(1), relaying))
            {
                await RelayProgress.UntilDrainedAsync(database.ConnectionString, DrainTimeout);
                await restarted.StopAsync(TimeSpan.FromSeconds(30));
            }

            var rows = await OutboxRows.ReadAsync(database.ConnectionString);
            var copies = rig.Verify(rows, await rig.ConsumeAllAsync());
            // The batch acknowledged before the kill went out again; every later event once.
            rows.Select(r => copies[r.EventId]).ShouldBe(rows.Select((_, i) => i < batchSize ? 2 : 1));
        }
        finally
        {
            await TestPostgres.DeleteScratchDirAsync(dataDir);
        }
    }

    [Fact]
    public async Task Of_two_replicas_one_relays_and_the_other_takes_over_when_it_stops()
    {
        await using var rig = await KafkaTestRig.StartAsync();
        await using var database = await TestPostgres.CreateDatabaseAsync(nameof(KafkaRelayTests));
        var dataDirs = new[] { TestPostgres.NewScratchDir(), TestPostgres.NewScratchDir() };
        try
        {
            var settings = new Dictionary<string, string>(rig.Settings()) { ["Genie:Database:ConnectionString"] = database.ConnectionString };
            var replicas = await Task.WhenAll(dataDirs.Select(dir => ServerProcess.StartAsync(dir, TimeSpan.FromMinutes(1), settings)));
            await using var first = replicas[0];
            await using var second = replicas[1];

            await Task.WhenAll(replicas.Select(r => EventWorkload.RunTwoStepsAsync(r.CreateClient(), runs: 3)));
            await RelayProgress.UntilDrainedAsync(database.ConnectionString, DrainTimeout);
            var leader = replicas.Single(r => r.Output.Contains("This replica relays the outbox to Kafka"));
            await leader.StopAsync(TimeSpan.FromSeconds(30));
            var survivor = replicas.Single(r => r != leader);
            await EventWorkload.RunTwoStepsAsync(survivor.CreateClient(), runs: 3);
            await RelayProgress.UntilDrainedAsync(database.ConnectionString, DrainTimeout);

            survivor.Output.ShouldContain("This replica relays the outbox to Kafka");
            var rows = await OutboxRows.ReadAsync(database.ConnectionString);
            rig.Verify(rows, await rig.ConsumeAllAsync()).Values.ShouldAllBe(c => c == 1);
        }
        finally
        {
            foreach (var dir in dataDirs)
            {
                await TestPostgres.DeleteScratchDirAsync(dir);
            }
        }
    }

    [Fact]
    public async Task While_Kafka_is_down_the_api_works_and_the_backlog_shows_then_it_drains_in_order()
    {
        await using var rig = await KafkaTestRig.StartAsync();
        await using var forwarder = new BootstrapForwarder();
        var settings = rig.Settings(forwarder.Address);
        settings["Genie:Kafka:MessageTimeout"] = "00:00:02";
        settings["Genie:Kafka:DegradedAfter"] = "00:00:01";
        await using var app = await GenieApp.StartAsync([.. settings.Select(s => (s.Key, s.Value))]);
        var client = app.CreateGenieClient();
        var http = app.CreateAnonymousClient();

        await EventWorkload.RunTwoStepsAsync(client, runs: 2);
        var degraded = await UntilAsync(() => ReadinessAsync(http), r => r.Details?.Single().Message.Contains("last error") == true);
        degraded.Status.ShouldBe("degraded");
        degraded.Details!.Single().Component.ShouldBe("kafka-relay");
        var before = await UntilAsync(() => BacklogGaugeAsync(http), b => b > 0);
        await client.TriggerRunAsync(EventWorkload.Namespace, "two-steps");
        await UntilAsync(() => BacklogGaugeAsync(http), b => b > before);

        forwarder.ForwardTo(rig.Cluster.BootstrapServers);
        await RelayProgress.UntilDrainedAsync(app.ConnectionString, DrainTimeout);
        await UntilAsync(() => ReadinessAsync(http), r => r.Status == "ready");

        var rows = await OutboxRows.ReadAsync(app.ConnectionString);
        rig.Verify(rows, await rig.ConsumeAllAsync());
    }

    [Fact]
    public async Task Event_pruning_keeps_old_events_until_the_relay_has_published_them()
    {
        await using var rig = await KafkaTestRig.StartAsync();
        await using var forwarder = new BootstrapForwarder();
        var settings = rig.Settings(forwarder.Address);
        settings["Genie:Kafka:MessageTimeout"] = "00:00:01";
        settings["Genie:Housekeeping:EventRetention"] = "1.00:00:00";
        await using var app = await GenieApp.StartAsync([.. settings.Select(s => (s.Key, s.Value))]);
        var client = app.CreateGenieClient();
        await client.ApplyJobAsync(EventWorkload.Namespace, "aged", TestSpecs.Yaml("aged"));
        await using (var db = await app.OpenDatabaseAsync())
        {
            await db.ExecuteAsync("update events set occurred_at = now() - interval '2 days'");
        }

        (await client.RunHousekeepingAsync("event-pruning")).LastDetail!.ShouldStartWith("deleted 0 event(s)");
        (await OutboxRows.ReadAsync(app.ConnectionString)).Count.ShouldBe(1);

        forwarder.ForwardTo(rig.Cluster.BootstrapServers);
        await RelayProgress.UntilDrainedAsync(app.ConnectionString, DrainTimeout);
        (await client.RunHousekeepingAsync("event-pruning")).LastDetail!.ShouldStartWith("deleted 1 event(s)");
        (await rig.ConsumeAllAsync()).Single().Type.ShouldBe("job.applied");
    }

    private static async Task<Genie.Client.Contracts.HealthReport> ReadinessAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/readyz");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, "a relay that cannot publish never makes Genie unready");
        return (await response.Content.ReadFromJsonAsync<Genie.Client.Contracts.HealthReport>(Genie.Client.GenieJson.Options))!;
    }

    private static async Task<long> BacklogGaugeAsync(HttpClient http)
    {
        var text = await http.GetStringAsync("/metrics");
        var match = BacklogLine().Match(text);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }

    private static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow + DrainTimeout;
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Still {JsonSerializer.Serialize(value)} after {DrainTimeout}");
            }

            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"^genie_kafka_relay_backlog(?:\{[^}]*\})? (\d+)", RegexOptions.Multiline)]
    private static partial Regex BacklogLine();
}
