using Genie.Server.Store;

namespace Genie.Server.Executors.Airflow;

/// <summary>
/// Makes advancing one airflow run exclusive across the cluster: the executor's wake-ups and the reconcile
/// job (on this replica or another) would otherwise both see "not triggered yet" and both trigger.
/// </summary>
public sealed class AirflowRunLease(SessionLocks locks)
{
    private const int LockClass = 0x41_46_52_4E; // "AFRN"

    /// <summary>The lease on the run, or null when another pass holds it (that pass will see the run's latest state).</summary>
    public Task<IAsyncDisposable?> TryTakeAsync(Guid runId, CancellationToken cancellationToken) =>
        locks.TryTakeAsync(LockClass, runId.ToString(), cancellationToken);
}
