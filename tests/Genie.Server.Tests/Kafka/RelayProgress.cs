using Genie.Server.Kafka;
using Genie.Server.Store;
using Npgsql;

namespace Genie.Server.Tests.Kafka;

/// <summary>Watches a test database's relay backlog, as the server's own sampler counts it.</summary>
public static class RelayProgress
{
    public static async Task<RelayBacklog> BacklogAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return await new KafkaRelayStore(dataSource).BacklogAsync(KafkaRelay.Name, CancellationToken.None);
    }

    /// <summary>Waits until the relay has published every committed event.</summary>
    public static async Task UntilDrainedAsync(string connectionString, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        RelayBacklog backlog;
        while ((backlog = await BacklogAsync(connectionString)).Count > 0)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The relay still had {backlog.Count} event(s) to publish after {timeout}");
            }

            await Task.Delay(100);
        }
    }
}
