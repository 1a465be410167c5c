namespace Genie.Client.Contracts;

/// <summary>A job's latest run in a listing: enough to show its state and link to it.</summary>
public sealed record JobLastRun(string Id, string State, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);
