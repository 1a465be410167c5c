namespace Genie.Client.Contracts;

/// <summary>What triggering a whole group did: one entry per live job of the group, in name order.</summary>
public sealed record GroupTriggerResult(string Namespace, string Group, IReadOnlyList<GroupTriggeredJob> Jobs);
