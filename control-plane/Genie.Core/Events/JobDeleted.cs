namespace Genie.Core.Events;

/// <summary>A job was deleted; its versions and runs stay.</summary>
public sealed record JobDeleted(string Namespace, string Job, int Version, string Actor) : IJobEvent
{
    public static string Type => "job.deleted";

    public static int SchemaVersion => 1;
}
