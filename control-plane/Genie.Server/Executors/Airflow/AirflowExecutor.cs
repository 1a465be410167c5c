using Genie.Server.Health;
using Genie.Server.Runs;

namespace Genie.Server.Executors.Airflow;

/// <summary>
/// The production executor's fast path: at start and on every <see cref="RunSignal"/> wake-up (a trigger, a cancel, a
/// listener event) it runs an <see cref="AirflowReconcile"/> pass at once. The periodic pass that catches
/// lost events is the `airflow-reconcile` housekeeping job, which Hangfire runs on one replica at a time.
/// </summary>
public sealed class AirflowExecutor(
    AirflowReconcile reconcile,
    RunSignal signal,
    TimeProvider time,
    ILogger<AirflowExecutor> logger) : BackgroundService
{
    /// <summary>The loop's name in logs and in `/readyz`.</summary>
    public const string LoopName = "airflow-executor";

    private readonly RunSignal.Listener _wake = signal.Listen();

    /// <summary>
    /// A pass that fails (the database is down) runs again after a delay rather than waiting for the next wake-up:
    /// the wake-up it was for would otherwise wait for the reconcile job.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new SupervisedLoop(LoopName, logger, time).RunAsync(
            reconcile.RunAsync,
            async cancellationToken =>
            {
                await _wake.WaitAsync(Timeout.InfiniteTimeSpan, cancellationToken);
                _wake.TakeChanges();
            },
            stoppingToken);
}
