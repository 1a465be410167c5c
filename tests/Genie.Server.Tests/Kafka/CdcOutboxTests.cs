using System.Net.Http.Json;
using Dapper;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Kafka;

/// <summary>
/// The relay's Cdc mode against real PostgreSQL logical replication, with the test in the Debezium connector's place:
/// the publication and `pgoutput` slot named in flink-jobs/connect/debezium-outbox.json, every insert into the CDC
/// outbox streamed from the WAL, and the config's outbox-router settings turning each into the Kafka message it would
/// be. Those messages must be what the producer would have sent: the same checks as the Kafka relay tests.
/// </summary>
public sealed class CdcOutboxTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Debezium_reading_the_cdc_outbox_gets_every_event_once_as_the_producer_would_send_it()
    {
        var connector = DebeziumOutboxConfig.Load();
        await using var rig = await KafkaTestRig.StartAsync();
        await using var app = await GenieApp.StartAsync(
            ("Genie:Kafka:Mode", "Cdc"),
            ("Genie:Kafka:SchemaRegistryUrl", rig.Registry.Url),
            ("Genie:Kafka:CdcSlotName", connector.SlotName),
            ("Genie:Kafka:PollInterval", "00:00:00.200"));
        var client = app.CreateGenieClient();

        // Before the connector's slot exists Genie writes nothing: the events wait, and /readyz says why.
        await client.ApplyJobAsync(EventWorkload.Namespace, "before-the-slot", TestSpecs.Yaml("before-the-slot"));
        var waiting = await UntilAsync(() => ReadinessMessageAsync(app), m => m.Contains("replication slot"));
        waiting.ShouldContain($"`{connector.SlotName}` does not exist");
        (await RelayProgress.BacklogAsync(app.ConnectionString)).Count.ShouldBe(1);

        await using (var db = await app.OpenDatabaseAsync())
        {
            // The setup the connector's README gives, with the config's names.
            await db.ExecuteAsync($"create publication {connector.PublicationName} for table {connector.Table}");
        }

        connector["publication.autocreate.mode"].ShouldBe("disabled");
        await using var wal = await WalReader.CreateSlotAsync(app.ConnectionString, connector.SlotName, connector.PublicationName);
        await EventWorkload.RunAsync(client, app.Services);
        await RelayProgress.UntilDrainedAsync(app.ConnectionString, Timeout);

        var rows = await OutboxRows.ReadAsync(app.ConnectionString);
        var (inserts, deletes) = await wal.ReadInsertsAsync(connector.Table, rows.Count, Timeout);
        var consumed = inserts.Select((row, offset) =>
        {
            var message = connector.Route(row);
            message.Headers["id"].ShouldBe(message.Headers["genie.event_id"]);
            var (schemaId, record) = ConfluentAvroValue.Decode(message.Value, rig.Registry);
            return new ConsumedEvent(message.Topic, 0, offset, message.Key, message.Headers, schemaId, record);
        }).ToList();

        rig.Verify(rows, consumed).Values.ShouldAllBe(copies => copies == 1);
        consumed[0].Type.ShouldBe("job.applied", "the event that waited for the slot went first");
        deletes.ShouldBe(rows.Count, "each row is deleted in the transaction that wrote it");
        await using (var db = await app.OpenDatabaseAsync())
        {
            (await db.ExecuteScalarAsync<long>("select count(*) from kafka_cdc_outbox")).ShouldBe(0);
        }

        (await ReadinessMessageAsync(app)).ShouldNotContain("last error");
    }

    private static async Task<string> ReadinessMessageAsync(GenieApp app)
    {
        var report = await app.CreateAnonymousClient().GetFromJsonAsync<Genie.Client.Contracts.HealthReport>("/readyz", Genie.Client.GenieJson.Options);
        return report!.Details!.Single(d => d.Component == "kafka-relay").Message;
    }

    private static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow + Timeout;
        while (true)
        {
            var value = await read();
            if (condition(value) || DateTimeOffset.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(200);
        }
    }
}
