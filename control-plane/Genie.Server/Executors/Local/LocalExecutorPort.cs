using Genie.Core.Specs;
using Genie.Server.Runs.Transitions;
using Genie.Server.Store;

namespace Genie.Server.Executors.Local;

/// <summary>The local executor as the run layer sees it: it can do everything, and its logs are files it streams.</summary>
public sealed class LocalExecutorPort : IExecutorPort
{
    public ExecutorKind Kind => ExecutorKind.Local;

    public ExecutorCapabilities Capabilities => ExecutorCapabilities.Suspend | ExecutorCapabilities.RetryAll | ExecutorCapabilities.StreamLogs;

    public string Refusal(ExecutorCapabilities missing) => $"the local executor cannot {missing}";

    public Task PrepareRetryAsync(StateTransaction tx, RunRecord run, bool all, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<string> ReadLogAsync(AttemptRecord attempt, CancellationToken cancellationToken) =>
        (await AttemptLog.ReadAsync(attempt.LogPath, 0, int.MaxValue, cancellationToken)).Text;
}
