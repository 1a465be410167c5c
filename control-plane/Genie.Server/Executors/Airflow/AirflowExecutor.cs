using Genie.Core.Specs;
using Genie.Server.Runs;
using Microsoft.Extensions.Options;

namespace Genie.Server.Executors.Airflow;

/// <summary>
/// The production executor: admits queued airflow runs like the local one, then hands each active run to
/// <see cref="AirflowRunDriver"/>. It wakes on <see cref="RunSignal"/> (triggers, cancels, listener events)
/// and otherwise reconciles every active run each poll interval, the safety net for lost listener events.
/// </summary>
public sealed class AirflowExecutor(
    RunAdmission admission,
    AirflowRunStore progress,
    AirflowRunDriver driver,
    RunSignal signal,
    IOptions<AirflowExecutionOptions> options,
    ILogger<AirflowExecutor> logger) : BackgroundService, IRunExecutor
{
    private static readonly string Executor = ExecutorCatalog.NameOf(ExecutorKind.Airflow);
    private readonly RunSignal.Listener _wake = signal.Listen();

    public ExecutorKind Kind => ExecutorKind.Airflow;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await admission.AdmitDueAsync(Executor, stoppingToken);

                foreach (var runId in await progress.ActiveRunIdsAsync(Executor, stoppingToken))
                {
                    await driver.AdvanceAsync(runId, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "A pass of the Airflow executor failed; trying again shortly");
            }

            await _wake.WaitAsync(options.Value.PollInterval, stoppingToken);
            _wake.TakeChanges();
        }
    }
}
