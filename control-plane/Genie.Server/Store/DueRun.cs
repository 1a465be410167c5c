namespace Genie.Server.Store;

/// <summary>A queued run that may start now, with what its place in the admission order depends on.</summary>
public sealed record DueRun(Guid Id, int Priority, DateTimeOffset CreatedAt, string? ConcurrencyKey);
