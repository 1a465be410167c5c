namespace Genie.Client.Contracts;

/// <summary>What an event belongs to: a run (by id) or a job (`namespace/name`); one aggregate's events come in order.</summary>
public sealed record EventAggregate(string Type, string Id);
