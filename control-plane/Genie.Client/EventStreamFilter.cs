namespace Genie.Client;

/// <summary>Which events a stream shows; null fields do not filter. <see cref="Run"/> is a run id.</summary>
public sealed record EventStreamFilter(string? Namespace = null, string? Job = null, string? Run = null);
