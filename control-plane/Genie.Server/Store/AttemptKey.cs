namespace Genie.Server.Store;

/// <summary>Identifies one attempt of one task instance.</summary>
public sealed record AttemptKey(Guid RunId, string Task, int Replica, int Attempt);
