using Genie.Core.Specs;
using Genie.Server.Housekeeping;
using Genie.Server.Runs;
using Genie.Server.Store;
using Microsoft.Extensions.Options;

namespace Genie.Server.Executors.Airflow;

/// <summary>
/// One reconcile pass over the Airflow backend: admits queued airflow runs, then advances every active one.
/// Hangfire runs it as a housekeeping job every <see cref="AirflowExecutionOptions.PollInterval"/> on one replica
/// at a time, the safety net for lost listener events; <see cref="AirflowExecutor"/> runs it on wake-ups.
/// </summary>
public sealed class AirflowReconcile(
    RunAdmission admission,
    AirflowRunStore progress,
    AirflowRunDriver driver,
    IOptions<AirflowExecutionOptions> options) : IHousekeepingTask
{
    private static readonly string Executor = ExecutorCatalog.NameOf(ExecutorKind.Airflow);

    public string Name => "airflow-reconcile";

    public string Description => "Admits queued airflow runs and mirrors every active one from Airflow";

    public TimeSpan? Interval => options.Value.PollInterval;

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        await admission.AdmitDueAsync(Executor, cancellationToken);
        var active = await progress.ActiveRunIdsAsync(Executor, cancellationToken);
        foreach (var runId in active)
        {
            await driver.AdvanceAsync(runId, cancellationToken);
        }

        return $"advanced {active.Count} active run(s)";
    }
}
