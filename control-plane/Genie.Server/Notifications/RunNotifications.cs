using System.Text.Json;
using Genie.Core.Runs;
using Genie.Core.Specs;
using Genie.Server.Runs;
using Genie.Server.Store;
using Npgsql;

namespace Genie.Server.Notifications;

/// <summary>
/// Records the webhook deliveries a run state change owes under its job version's `spec.notify`, in the transaction of
/// the change (the one door calls it), so they are sent exactly when the change committed, even after a crash.
/// </summary>
public sealed class RunNotifications(JobPlans plans, NotificationStore store)
{
    /// <summary>Records one delivery per webhook whose `on` lists <paramref name="state"/>; none when no webhook does.</summary>
    public async Task RecordAsync(
        NpgsqlTransaction tx, RunRecord run, RunState state, string? reason, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var plan = await plans.GetAsync(run.JobId, run.JobVersion, cancellationToken);
        var wire = state.ToWire();
        var webhooks = plan.Definition.Spec.Notify.Where(n => n.On.Any(e => SpecVocabulary.RunEvent.Word(e) == wire)).ToList();
        if (webhooks.Count == 0)
        {
            return;
        }

        var deliveries = webhooks.Select(webhook =>
        {
            var id = Guid.CreateVersion7(now);
            var payload = new NotificationPayload(
                id.ToString(), run.Id.ToString(), run.Namespace, run.JobName, run.JobVersion, wire, reason, actor, now, run.CreatedAt,
                state == RunState.Running ? run.StartedAt ?? now : run.StartedAt, state.IsTerminal() ? now : null);
            return new NotificationDelivery(
                id, run.Id, run.Namespace, webhook.Webhook, webhook.Secret?.Name, webhook.Secret?.Key, wire,
                JsonSerializer.Serialize(payload, JsonSerializerOptions.Web), NotificationDelivery.Pending, 0, now, now, null);
        }).ToList();
        await store.InsertAsync(tx, deliveries, cancellationToken);
    }
}
