namespace Genie.Server.Jobs;

/// <summary>A job group of one namespace with its live jobs counted by the state of their latest run.</summary>
public sealed record StoredJobGroup(string Namespace, string Name, int Jobs, int LastSucceeded, int LastFailed, int Running);
