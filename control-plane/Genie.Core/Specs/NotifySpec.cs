namespace Genie.Core.Specs;

/// <summary>A webhook called whenever a run enters one of the <see cref="On"/> states.</summary>
public sealed record NotifySpec(IReadOnlyList<RunEvent> On, string Webhook);

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
