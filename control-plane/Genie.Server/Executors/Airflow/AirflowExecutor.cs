using Genie.Server.Runs;

namespace Genie.Server.Executors.Airflow;

/// <summary>
/// The production executor's fast path: at start and on every <see cref="RunSignal"/> wake-up (a trigger, a cancel, a
/// listener event) it runs an <see cref="AirflowReconcile"/> pass at once. The periodic pass that catches
/// lost events is the `airflow-reconcile` housekeeping job, which Quartz runs on one replica at a time.
/// </summary>
public sealed class AirflowExecutor(
    AirflowReconcile reconcile,
    RunSignal signal,
    ILogger<AirflowExecutor> logger) : BackgroundService
{
    private readonly RunSignal.Listener _wake = signal.Listen();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await reconcile.RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "An Airflow pass on wake-up failed; the reconcile job will try again");
            }

            await _wake.WaitAsync(Timeout.InfiniteTimeSpan, stoppingToken);
            _wake.TakeChanges();
        }
    }
}
