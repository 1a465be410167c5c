namespace Genie.Core.Events;

/// <summary>A job was deleted; its versions and runs stay.</summary>
public sealed record JobDeleted(string Namespace, string Name, int Version, string Actor) : IGenieEvent
{
    public static string Type => "job.deleted";

    public static int SchemaVersion => 1;

    public static string AggregateType => "job";

    public string AggregateId() => $"{Namespace}/{Name}";
}
