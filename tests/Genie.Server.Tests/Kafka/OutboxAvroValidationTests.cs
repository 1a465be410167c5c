using System.Diagnostics;
using System.Text.Json;
using Avro.Generic;
using Avro.IO;
using Genie.Server.Kafka;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Kafka;

/// <summary>
/// Every event a representative workload writes (each event type, with retries, failures, cancels, ticks, child runs
/// and deletes) validates against its Avro schema twice: with Apache.Avro (encoded as the relay encodes it, decoded
/// and compared with the payload) and with Debian's python3-avro, which builds the datum from the row itself.
/// </summary>
public sealed class OutboxAvroValidationTests(GenieApp app) : IClassFixture<GenieApp>
{
    [Fact]
    public async Task Every_event_of_the_workload_validates_against_its_schema_in_dotnet_and_in_python()
    {
        await EventWorkload.RunAsync(app.CreateGenieClient(), app.Services);
        var rows = await OutboxRows.ReadAsync(app.ConnectionString);
        rows.Select(r => r.Type).Distinct().Order(StringComparer.Ordinal)
            .ShouldBe(ExpectedEventSchema.EventTypes.Select(ExpectedEventSchema.TypeName).Order(StringComparer.Ordinal));
        rows.ShouldContain(r => r.Type == "task.state_changed" && r.Payload.Contains("\"upstream_failed\""));
        rows.ShouldContain(r => r.Type == "task.state_changed" && r.Payload.Contains("\"retrying\""));
        rows.ShouldContain(r => r.Type == "run.state_changed" && r.Payload.Contains("\"cancelled\""));

        foreach (var row in rows)
        {
            var schema = EventSchemas.For(row.Type);
            var stream = new MemoryStream();
            new GenericDatumWriter<GenericRecord>(schema).Write(EventRecord.Of(row), new BinaryEncoder(stream));
            stream.Position = 0;
            var decoded = new GenericDatumReader<GenericRecord>(schema, schema).Read(null!, new BinaryDecoder(stream));
            DecodedPayload.Differences(decoded, row).ShouldBeEmpty($"{row.Type} {row.EventId}: {row.Payload}");
        }

        var output = await ValidateWithPythonAsync(rows);
        output.ShouldBe($"{rows.Count} events valid");
    }

    private static async Task<string> ValidateWithPythonAsync(IReadOnlyList<Genie.Server.Store.RelayedEvent> rows)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(file, rows.Select(r => JsonSerializer.Serialize(new
            {
                type = r.Type,
                eventId = r.EventId,
                occurredAt = r.OccurredAt.ToUnixTimeMilliseconds(),
                actor = r.Actor,
                schemaVersion = r.SchemaVersion,
                payload = JsonDocument.Parse(r.Payload).RootElement,
            })));
            // Debian's interpreter, where python3-avro lives (`make deps`); without it the script fails, and so does this.
            var info = new ProcessStartInfo("/usr/bin/python3")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList = { Path.Combine(RepositoryFiles.Root, "tests", "Genie.Server.Tests", "Kafka", "validate_events.py"), EventSchemaFiles.Folder, file },
            };
            using var python = Process.Start(info)!;
            var output = python.StandardOutput.ReadToEndAsync();
            var errors = python.StandardError.ReadToEndAsync();
            await python.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            python.ExitCode.ShouldBe(0, $"{await output}{await errors}");
            return (await output).Trim();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
