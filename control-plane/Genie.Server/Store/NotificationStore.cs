using Dapper;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>
/// Webhook deliveries: recorded inside a state change's transaction, claimed by the sender with row locks that other
/// replicas skip, and each attempt's outcome written with the delivery's new status in the claiming transaction.
/// </summary>
public sealed class NotificationStore(NpgsqlDataSource dataSource)
{
    public Task InsertAsync(NpgsqlTransaction tx, IReadOnlyList<NotificationDelivery> deliveries, CancellationToken cancellationToken) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            insert into notification_deliveries (id, run_id, namespace, webhook, secret_name, secret_key, run_state, body, status,
                                                 attempts, next_attempt_at, created_at)
            values (@Id, @RunId, @Namespace, @Webhook, @SecretName, @SecretKey, @RunState, @Body, @Status, @Attempts, @NextAttemptAt, @CreatedAt)
            """, deliveries, tx, cancellationToken: cancellationToken));

    /// <summary>
    /// Locks up to <paramref name="limit"/> pending deliveries due by <paramref name="now"/>, oldest due first, skipping
    /// those another replica holds: each is sent by whoever locked it, and a crash before commit only unlocks it.
    /// </summary>
    public async Task<IReadOnlyList<NotificationDelivery>> ClaimDueAsync(
        NpgsqlTransaction tx, DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        (await tx.Connection!.QueryAsync<NotificationDelivery>(new CommandDefinition($"""
            select {NotificationDelivery.Columns} from notification_deliveries
            where status = 'pending' and next_attempt_at <= @now
            order by next_attempt_at
            limit @limit
            for update skip locked
            """, new { now, limit }, tx, cancellationToken: cancellationToken))).ToList();

    /// <summary>Records one attempt and where the delivery stands after it: pending again at <paramref name="nextAttemptAt"/>, or done.</summary>
    public Task RecordAttemptAsync(
        NpgsqlTransaction tx, NotificationAttempt attempt, string status, DateTimeOffset? nextAttemptAt, DateTimeOffset? finishedAt,
        CancellationToken cancellationToken) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            insert into notification_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error)
            values (@DeliveryId, @Attempt, @StartedAt, @DurationMs, @StatusCode, @Error);
            update notification_deliveries
            set attempts = @Attempt, status = @status, next_attempt_at = @nextAttemptAt, finished_at = @finishedAt
            where id = @DeliveryId
            """, new { attempt.DeliveryId, attempt.Attempt, attempt.StartedAt, attempt.DurationMs, attempt.StatusCode, attempt.Error, status, nextAttemptAt, finishedAt },
            tx, cancellationToken: cancellationToken));

    /// <summary>A run's deliveries, oldest first, with every attempt of each.</summary>
    public async Task<(IReadOnlyList<NotificationDelivery> Deliveries, IReadOnlyList<NotificationAttempt> Attempts)> ForRunAsync(
        Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var deliveries = (await connection.QueryAsync<NotificationDelivery>(new CommandDefinition(
            $"select {NotificationDelivery.Columns} from notification_deliveries where run_id = @runId order by created_at, id",
            new { runId }, tx, cancellationToken: cancellationToken))).ToList();
        var attempts = (await connection.QueryAsync<NotificationAttempt>(new CommandDefinition("""
            select a.delivery_id as deliveryid, a.attempt, a.started_at as startedat, a.duration_ms as durationms,
                   a.status_code as statuscode, a.error
            from notification_attempts a join notification_deliveries d on d.id = a.delivery_id
            where d.run_id = @runId order by a.delivery_id, a.attempt
            """, new { runId }, tx, cancellationToken: cancellationToken))).ToList();
        return (deliveries, attempts);
    }
}
