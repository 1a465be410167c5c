namespace Genie.Client.Contracts;

/// <summary>One live replica's local executor: its slots, the attempts it runs now, and its last heartbeat.</summary>
public sealed record ReplicaSlotsResource(string Replica, string Host, int Slots, long Used, DateTimeOffset HeartbeatAt);
