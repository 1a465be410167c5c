namespace Genie.Benchmarks.Peers;

/// <summary>How much one peer round does: the enqueue burst and the paced pickups.</summary>
/// <param name="EnqueueJobs">Single-job adds timed for enqueue throughput.</param>
/// <param name="Producers">Adds in flight at once, the same as Genie's HTTP trigger benchmark.</param>
/// <param name="PickupJobs">Jobs whose pickup latency is sampled, one at a time.</param>
/// <param name="PickupIntervalMs">Least time between two pickup jobs, so the worker is idle when each arrives.</param>
public sealed record PeerWorkload(int EnqueueJobs, int Producers, int PickupJobs, int PickupIntervalMs);
