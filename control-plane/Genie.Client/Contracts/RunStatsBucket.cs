namespace Genie.Client.Contracts;

/// <summary>One bucket of run counts: runs that started, succeeded and failed within [<see cref="Start"/>, <see cref="End"/>).</summary>
public sealed record RunStatsBucket(DateTimeOffset Start, DateTimeOffset End, long Started, long Succeeded, long Failed);
