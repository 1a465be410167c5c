namespace Genie.Core.Specs;

/// <summary>
/// A webhook called whenever a run enters one of the <see cref="On"/> states (by default, any end of a run), its body
/// signed with the <see cref="Secret"/>'s value when one is named.
/// </summary>
public sealed record NotifySpec(IReadOnlyList<RunEvent> On, string Webhook, NotifySecret? Secret = null)
{
    /// <summary>What an entry without `on` watches: every state a run ends in.</summary>
    public static IReadOnlyList<RunEvent> RunEnd { get; } = [RunEvent.Succeeded, RunEvent.Failed, RunEvent.Cancelled, RunEvent.Skipped];
}

/// <summary>A run state a notification can be sent for.</summary>
public enum RunEvent
{
    Queued,
    Running,
    Suspended,
    Succeeded,
    Failed,
    Cancelled,
    Skipped,
}
