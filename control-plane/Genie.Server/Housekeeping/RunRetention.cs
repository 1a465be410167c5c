using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Genie.Server.Housekeeping;

/// <summary>
/// Deletes finished runs older than <see cref="HousekeepingOptions.RunRetention"/> with their task rows,
/// attempts and log folders (`{DataDir}/runs/{id}`). A run still tied to a run that stays (its parent or a
/// child is live or younger) stays too, so a run family is deleted together or not at all.
/// </summary>
public sealed class RunRetention(
    NpgsqlDataSource dataSource,
    IOptions<HousekeepingOptions> options,
    IOptions<GenieOptions> genie,
    TimeProvider time,
    ILogger<RunRetention> logger) : IHousekeepingTask
{
    public string Name => "run-retention";

    public string Description => "Deletes finished runs older than the run retention, with their tasks, attempts and logs";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = time.GetUtcNow() - settings.RunRetention;
        var total = 0;
        Guid? after = null;
        while (true)
        {
            var (deleted, last) = await DeleteBatchAsync(cutoff, after, settings.BatchSize, cancellationToken);
            total += deleted.Count;
            foreach (var id in deleted)
            {
                DeleteFolder(id);
            }

            if (last is null)
            {
                break;
            }

            after = last;
        }

        return $"deleted {total} run(s) finished before {cutoff:O}";
    }

    // Returns the runs deleted and the last candidate looked at (null when there are no more), so candidates kept
    // back because of a relative are not looked at again in this pass.
    private async Task<(IReadOnlyList<Guid> Deleted, Guid? Last)> DeleteBatchAsync(
        DateTimeOffset cutoff, Guid? after, int batch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var candidates = (await connection.QueryAsync<Guid>(new CommandDefinition("""
            select id from runs
            where state in ('succeeded', 'failed', 'cancelled', 'skipped') and finished_at < @cutoff
              and (@after::uuid is null or id > @after)
            order by id limit @batch
            for update skip locked
            """, new { cutoff, after, batch }, tx, cancellationToken: cancellationToken))).ToList();
        if (candidates.Count == 0)
        {
            return ([], null);
        }

        var keep = await KeptRelativesAsync(tx, candidates, cancellationToken);
        var doomed = candidates.Where(id => !keep.Contains(id)).ToArray();
        if (doomed.Length > 0)
        {
            foreach (var table in new[] { "task_attempts", "run_tasks" })
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    $"delete from {table} where run_id = any(@doomed)", new { doomed }, tx, cancellationToken: cancellationToken));
            }

            // One statement: a parent and its child deleted together satisfy the foreign key at its end.
            await connection.ExecuteAsync(new CommandDefinition(
                "delete from runs where id = any(@doomed)", new { doomed }, tx, cancellationToken: cancellationToken));
        }

        await tx.CommitAsync(cancellationToken);
        return (doomed, candidates.Count < batch ? null : candidates[^1]);
    }

    // Candidates referenced by a run that is not deleted with them; removing one can expose another, so repeat until stable.
    private static async Task<HashSet<Guid>> KeptRelativesAsync(NpgsqlTransaction tx, List<Guid> candidates, CancellationToken cancellationToken)
    {
        var keep = new HashSet<Guid>();
        while (true)
        {
            var doomed = candidates.Where(id => !keep.Contains(id)).ToArray();
            var tied = (await tx.Connection!.QueryAsync<Guid>(new CommandDefinition("""
                select r.parent_run_id from runs r where r.parent_run_id = any(@doomed) and not (r.id = any(@doomed))
                union
                select r.id from runs r where r.id = any(@doomed) and r.parent_run_id is not null and not (r.parent_run_id = any(@doomed))
                union
                select t.child_run_id from run_tasks t where t.child_run_id = any(@doomed) and not (t.run_id = any(@doomed))
                """, new { doomed }, tx, cancellationToken: cancellationToken))).Where(keep.Add).ToList();
            if (tied.Count == 0)
            {
                return keep;
            }
        }
    }

    private void DeleteFolder(Guid runId)
    {
        var folder = Path.Combine(genie.Value.DataDirFullPath, "runs", runId.ToString());
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException e)
        {
            // The rows are gone; a folder left behind is only disk space, and the log says which.
            logger.LogWarning(e, "Could not delete the folder of run {RunId}", runId);
        }
    }
}
