using Dapper;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>The reasons Genie's Airflow listener sent for failed tries (table of migration 0017), read by the run's mirror.</summary>
public sealed class AirflowFailureReasonStore
{
    /// <summary>
    /// Keeps the reason of one try (a later event for the same try replaces it); false when the run has no such task
    /// instance, for example an event about a task Genie adds to the DAG itself.
    /// </summary>
    public async Task<bool> RecordAsync(NpgsqlTransaction tx, AttemptKey key, string reason, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition("""
            insert into airflow_failure_reasons (run_id, task_name, replica, attempt, reason, received_at)
            select @RunId, @Task, @Replica, @Attempt, @reason, @receivedAt
            where exists (select 1 from run_tasks where run_id = @RunId and task_name = @Task and replica = @Replica)
            on conflict (run_id, task_name, replica, attempt) do update set reason = excluded.reason, received_at = excluded.received_at
            """, new { key.RunId, key.Task, key.Replica, key.Attempt, reason, receivedAt }, tx, cancellationToken: cancellationToken)) > 0;

    /// <summary>Every kept reason of a run's tries.</summary>
    public async Task<IReadOnlyDictionary<AttemptKey, string>> ForRunAsync(NpgsqlTransaction tx, Guid runId, CancellationToken cancellationToken) =>
        (await tx.Connection!.QueryAsync<(string Task, int Replica, int Attempt, string Reason)>(new CommandDefinition("""
            select task_name, replica, attempt, reason from airflow_failure_reasons where run_id = @runId
            """, new { runId }, tx, cancellationToken: cancellationToken)))
        .ToDictionary(r => new AttemptKey(runId, r.Task, r.Replica, r.Attempt), r => r.Reason);
}
