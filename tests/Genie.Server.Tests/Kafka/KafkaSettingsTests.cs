using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Kafka;

/// <summary>A relay configured half-way stops Genie's start with the one line naming the missing setting.</summary>
public sealed class KafkaSettingsTests
{
    [Fact]
    public async Task Brokers_without_a_schema_registry_are_refused_at_start()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync(nameof(KafkaSettingsTests));
        var dataDir = TestPostgres.NewScratchDir();
        try
        {
            var failed = await ServerProcess.RunUntilExitAsync(dataDir, TimeSpan.FromMinutes(1), new Dictionary<string, string>
            {
                ["Genie:Database:ConnectionString"] = database.ConnectionString,
                ["Genie:Kafka:BootstrapServers"] = "127.0.0.1:9092",
            });

            failed.ExitCode.ShouldBe(1);
            failed.ErrorOutput.ShouldContain(
                "Genie did not start: Genie:Kafka:SchemaRegistryUrl must be the Schema Registry's URL when Genie:Kafka:BootstrapServers is set or Genie:Kafka:Mode is Cdc.");
        }
        finally
        {
            await TestPostgres.DeleteScratchDirAsync(dataDir);
        }
    }
}
