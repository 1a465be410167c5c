using Dapper;
using Genie.Server.Runs;
using Npgsql;

namespace Genie.Server.Scheduling;

/// <summary>Reads the schedules of live jobs from their current versions: what the Quartz triggers must match.</summary>
public sealed class ScheduleSource(NpgsqlDataSource dataSource)
{
    private const string Query = """
        select j.namespace, j.name, v.definition::text as definition
        from jobs j join job_versions v on v.job_id = j.id and v.version = j.current_version
        where j.deleted_at is null
        """;

    /// <summary>The job's schedule; null when the job does not exist, is deleted or has no schedule.</summary>
    public async Task<ScheduledJob?> GetAsync(string ns, string name, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Query + " and j.namespace = @ns and j.name = @name", new { ns, name }, cancellationToken: cancellationToken));
        return row is null ? null : ToScheduled(row);
    }

    /// <summary>Every live job with a schedule.</summary>
    public async Task<IReadOnlyList<ScheduledJob>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(Query, cancellationToken: cancellationToken));
        return rows.Select(ToScheduled).OfType<ScheduledJob>().ToList();
    }

    private static ScheduledJob? ToScheduled(Row row) =>
        JobPlans.Parse(row.Definition).Definition.Spec.Schedule is { } schedule ? new ScheduledJob(row.Namespace, row.Name, schedule) : null;

    private sealed record Row(string Namespace, string Name, string Definition);
}
