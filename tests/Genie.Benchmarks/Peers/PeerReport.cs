namespace Genie.Benchmarks.Peers;

/// <summary>What one run of `peer-queues/run.mjs` prints: how the peer was set up and its figures for one round.</summary>
public sealed record PeerReport(string Peer, PeerSetup Setup, EnqueueFigures Enqueue, PickupFigures Pickup);

/// <summary>The peer's configuration as its module chose it, quoted in the table's note.</summary>
public sealed record PeerSetup(string Add, string WakeUp, int ProducerPool, int WorkerConcurrency);

/// <summary>A timed burst of single-job adds with no worker running.</summary>
public sealed record EnqueueFigures(int Jobs, int Producers, double Seconds, double JobsPerSecond);

/// <summary>Milliseconds from calling add() to the handler starting, one sample per job, warm-up excluded.</summary>
public sealed record PickupFigures(int Jobs, int IntervalMs, int WarmUp, IReadOnlyList<double> SamplesMs);
