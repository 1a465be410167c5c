using Genie.Core.Specs;

namespace Genie.Server.Executors;

/// <summary>
/// A backend that executes runs: it picks up the queued runs recorded for its <see cref="Kind"/>, drives them
/// to a terminal state and follows cancel, suspend and retry from the database when woken by RunSignal.
/// The local executor is the first; the Airflow backend registers beside it.
/// </summary>
public interface IRunExecutor
{
    ExecutorKind Kind { get; }
}
