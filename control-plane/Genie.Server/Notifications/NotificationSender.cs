using System.Diagnostics;
using Genie.Server.Health;
using Genie.Server.Store;
using Microsoft.Extensions.Options;

namespace Genie.Server.Notifications;

/// <summary>
/// Sends the pending webhook deliveries that state changes recorded. Each batch is claimed with row locks other
/// replicas skip and stays locked while it is sent, so a delivery goes out from one replica; a crash before the attempt
/// is recorded leaves it pending, and it is sent again after restart (receivers dedupe on `Genie-Delivery`).
/// </summary>
public sealed class NotificationSender(
    UnitOfWork unitOfWork, NotificationStore store, WebhookCall call, IOptions<NotificationOptions> options, TimeProvider time,
    ILogger<NotificationSender> logger) : BackgroundService
{
    public const string LoopName = "notifications";
    private const int BatchSize = 20;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new SupervisedLoop(LoopName, logger, time).RunAsync(SendDueAsync, WaitAsync, stoppingToken);

    /// <summary>Sends every delivery due now, batch by batch.</summary>
    public async Task SendDueAsync(CancellationToken cancellationToken)
    {
        while (await SendBatchAsync(cancellationToken) == BatchSize)
        {
        }
    }

    // The batch's POSTs go out together, so a receiver that times out holds neither the others nor the claiming
    // transaction for longer than one request timeout; the outcomes are then written on the transaction's connection.
    private Task<int> SendBatchAsync(CancellationToken cancellationToken) => unitOfWork.InTransactionAsync(async tx =>
    {
        var due = await store.ClaimDueAsync(tx, time.GetUtcNow(), BatchSize, cancellationToken);
        var attempts = await Task.WhenAll(due.Select(delivery => AttemptAsync(delivery, cancellationToken)));
        foreach (var (delivery, attempt) in due.Zip(attempts))
        {
            var now = time.GetUtcNow();
            var (status, next) = attempt.Error is null
                ? (NotificationDelivery.Delivered, (DateTimeOffset?)null)
                : attempt.Attempt >= options.Value.MaxAttempts
                    ? (NotificationDelivery.Failed, null)
                    : (NotificationDelivery.Pending, now + RetryDelay.After(attempt.Attempt, options.Value, Random.Shared));
            if (attempt.Error is { } error)
            {
                // The host only: a webhook's path or query often carries the receiver's token.
                logger.LogWarning("Webhook delivery {Delivery} of run {Run} to {Host}, attempt {Attempt}: {Error}; {Outcome}",
                    delivery.Id, delivery.RunId, new Uri(delivery.Webhook).Host, attempt.Attempt, error,
                    next is { } at ? $"retrying at {at:O}" : "giving up");
            }

            await store.RecordAttemptAsync(tx, attempt, status, next, next is null ? now : null, cancellationToken);
        }

        return due.Count;
    }, cancellationToken);

    private async Task<NotificationAttempt> AttemptAsync(NotificationDelivery delivery, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        var (statusCode, error) = await call.SendAsync(delivery, cancellationToken);
        return new NotificationAttempt(delivery.Id, delivery.Attempts + 1, startedAt, (int)stopwatch.ElapsedMilliseconds, statusCode, error);
    }

    private async Task WaitAsync(CancellationToken cancellationToken) =>
        await Task.Delay(options.Value.PollInterval, time, cancellationToken);
}
