using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Genie.Server.Housekeeping;

/// <summary>Deletes outbox events older than <see cref="HousekeepingOptions.EventRetention"/>, a batch at a time.</summary>
public sealed class EventPruning(NpgsqlDataSource dataSource, IOptions<HousekeepingOptions> options, TimeProvider time) : IHousekeepingTask
{
    public string Name => "event-pruning";

    public string Description => "Deletes outbox events older than the event retention";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = time.GetUtcNow() - settings.EventRetention;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = 0;
        int deleted;
        do
        {
            deleted = await connection.ExecuteAsync(new CommandDefinition("""
                delete from events where id in (select id from events where occurred_at < @cutoff order by id limit @batch)
                """, new { cutoff, batch = settings.BatchSize }, cancellationToken: cancellationToken));
            total += deleted;
        }
        while (deleted == settings.BatchSize);

        return $"deleted {total} event(s) older than {cutoff:O}";
    }
}
