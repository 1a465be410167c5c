using Genie.Client.Contracts;
using Genie.Server.Access;
using Genie.Server.Runs;
using Genie.Server.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Genie.Server.Notifications;

/// <summary>A run's webhook deliveries, each with every attempt, for whoever may read the run.</summary>
public static class NotificationEndpoints
{
    public static RouteGroupBuilder MapNotificationApi(this RouteGroupBuilder api)
    {
        api.MapGet("/namespaces/{ns}/runs/{id}/notifications", ListAsync).ForViewers().WithTags("Runs")
            .WithSummary("The run's webhook notifications (spec.notify), each with every delivery attempt");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<NotificationResource>>, ProblemHttpResult>> ListAsync(
        string ns, string id, RunStore runs, NotificationStore store, CancellationToken cancellationToken)
    {
        var (run, problem) = await RunEndpoints.FindAsync(ns, id, runs, cancellationToken);
        if (run is null)
        {
            return problem!;
        }

        var (deliveries, attempts) = await store.ForRunAsync(run.Id, cancellationToken);
        var byDelivery = attempts.ToLookup(a => a.DeliveryId);
        return TypedResults.Ok<IReadOnlyList<NotificationResource>>(deliveries.Select(d => new NotificationResource(
            d.Id.ToString(), d.RunState, d.Webhook, d.Status, d.CreatedAt, d.NextAttemptAt, d.FinishedAt,
            byDelivery[d.Id].Select(a => new NotificationAttemptResource(a.Attempt, a.StartedAt, a.DurationMs, a.StatusCode, a.Error)).ToList()))
            .ToList());
    }
}
