namespace Genie.Core.Events;

/// <summary>A spec was applied: a new job, a new version of one, or a deleted job revived (<see cref="Outcome"/>).</summary>
public sealed record JobApplied(string Namespace, string Job, int Version, string ContentHash, string Outcome, string Actor) : IJobEvent
{
    public static string Type => "job.applied";

    public static int SchemaVersion => 1;
}
