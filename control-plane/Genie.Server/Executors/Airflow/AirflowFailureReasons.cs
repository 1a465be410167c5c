using Genie.Core.Events;
using Genie.Server.Runs.Transitions;
using Genie.Server.Store;

namespace Genie.Server.Executors.Airflow;

/// <summary>
/// Takes the reason the listener sent for a failed try (what its pod said), which Airflow's REST API does not have. It is
/// kept for the run's driver, which writes it when it ends that try; a try the driver already ended without it gets it
/// here. Both hold the run's row lock, so neither can miss the other.
/// </summary>
public sealed class AirflowFailureReasons(StateChanger changer, RunStore runs, AirflowFailureReasonStore reasons, TimeProvider time)
{
    /// <summary>Records <paramref name="reason"/> (already normalised) for the try <paramref name="key"/>; nothing for an unknown run or task instance.</summary>
    public Task RecordAsync(AttemptKey key, string reason, CancellationToken cancellationToken) =>
        changer.RunAsync(Actors.Airflow, async tx =>
        {
            if (await runs.LockAsync(tx.Transaction, key.RunId, cancellationToken) is null
                || !await reasons.RecordAsync(tx.Transaction, key, reason, time.GetUtcNow(), cancellationToken))
            {
                return false;
            }

            await tx.AddFailureReasonAsync(key, reason, AirflowTaskReasons.PlainFailedTry, AirflowTaskReasons.Detail(reason), cancellationToken);
            return true;
        }, cancellationToken);
}
