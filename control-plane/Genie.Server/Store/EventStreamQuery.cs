namespace Genie.Server.Store;

/// <summary>
/// Which events a stream reads after a position; null fields do not filter. <see cref="Visible"/> holds the namespaces
/// the reader may see (null: every namespace); events without a namespace are read only when <see cref="ClusterWide"/>.
/// </summary>
public sealed record EventStreamQuery(
    string? Namespace = null,
    string? Job = null,
    string? Run = null,
    string[]? Visible = null,
    bool ClusterWide = true)
{
    /// <summary>Every event: what the server's one listener reads before it fans out.</summary>
    public static EventStreamQuery All { get; } = new();
}
