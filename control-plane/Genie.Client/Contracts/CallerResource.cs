namespace Genie.Client.Contracts;

/// <summary>Who the server takes the caller for: its actor (`key:PREFIX`, `jwt:SUBJECT`) and its grants.</summary>
public sealed record CallerResource(string Actor, IReadOnlyList<string> Grants, bool ClusterAdmin);
