using Dapper;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>The deletions housekeeping makes: finished runs past their retention (with their rows), old outbox events.</summary>
public sealed class HousekeepingStore(NpgsqlDataSource dataSource)
{
    // Returns the runs deleted and the last candidate looked at (null when there are no more), so candidates kept
    // back because of a relative are not looked at again in this pass.
    public async Task<(IReadOnlyList<Guid> Deleted, Guid? Last)> DeleteFinishedRunsAsync(
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

    /// <summary>
    /// Deletes up to <paramref name="batch"/> events that occurred before <paramref name="cutoff"/>; how many it deleted.
    /// With <paramref name="keepUnpublishedOf"/> (a Kafka relay's name), events that relay has not published yet stay,
    /// however old: a long Kafka outage grows the outbox instead of losing events.
    /// </summary>
    public async Task<int> DeleteEventsBeforeAsync(DateTimeOffset cutoff, int batch, string? keepUnpublishedOf, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            delete from events where id in (
                select e.id from events e
                where e.occurred_at < @cutoff
                  and (@relay::text is null or exists (
                      select 1 from kafka_relay_positions p where p.relay = @relay and (e.tx, e.id) <= (p.tx, p.id)))
                order by e.id limit @batch)
            """, new { cutoff, batch, relay = keepUnpublishedOf }, cancellationToken: cancellationToken));
    }
}
