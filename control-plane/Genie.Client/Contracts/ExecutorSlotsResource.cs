namespace Genie.Client.Contracts;

/// <summary>
/// The local executor's capacity across the live replicas: <see cref="Slots"/> (attempts that may run at once) and
/// <see cref="Used"/> (attempts running now), in total and per replica.
/// </summary>
public sealed record ExecutorSlotsResource(string Source, long Slots, long Used, IReadOnlyList<ReplicaSlotsResource> Replicas);
