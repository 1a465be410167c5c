using Genie.Core.Specs;
using Genie.Server.Runs.Transitions;
using Genie.Server.Store;

namespace Genie.Server.Executors;

/// <summary>
/// A backend that executes runs, as the run layer sees it: its stable name (what `runs.executor` stores), what it
/// can do, how it explains what it cannot, what a retry must tell it, and where an attempt's log is read. Cancelling
/// is universal: every backend stops a run that the database says has ended.
/// </summary>
public interface IExecutorPort
{
    ExecutorKind Kind { get; }

    ExecutorCapabilities Capabilities { get; }

    /// <summary>Why this backend cannot do <paramref name="missing"/>, in words for the person who asked.</summary>
    string Refusal(ExecutorCapabilities missing);

    /// <summary>Called inside the retry's transaction, after the run was put back in the queue.</summary>
    Task PrepareRetryAsync(StateTransaction tx, RunRecord run, bool all, CancellationToken cancellationToken);

    /// <summary>The whole log of an attempt this backend ran, for backends without <see cref="ExecutorCapabilities.StreamLogs"/>.</summary>
    Task<string> ReadLogAsync(AttemptRecord attempt, CancellationToken cancellationToken);
}
