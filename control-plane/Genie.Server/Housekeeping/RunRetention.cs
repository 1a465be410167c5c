using Genie.Server.Store;
using Microsoft.Extensions.Options;

namespace Genie.Server.Housekeeping;

/// <summary>
/// Deletes finished runs older than <see cref="HousekeepingOptions.RunRetention"/> with their task rows,
/// attempts and log folders (`{DataDir}/runs/{id}`). A run still tied to a run that stays (its parent or a
/// child is live or younger) stays too, so a run family is deleted together or not at all.
/// </summary>
public sealed class RunRetention(
    HousekeepingStore store,
    IOptions<HousekeepingOptions> options,
    IOptions<GenieOptions> genie,
    TimeProvider time,
    ILogger<RunRetention> logger) : IHousekeepingTask
{
    public string Name => "run-retention";

    public string Description => "Deletes finished runs older than the run retention, with their tasks, attempts and logs";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = time.GetUtcNow() - settings.RunRetention;
        var total = 0;
        Guid? after = null;
        while (true)
        {
            var (deleted, last) = await store.DeleteFinishedRunsAsync(cutoff, after, settings.BatchSize, cancellationToken);
            total += deleted.Count;
            foreach (var id in deleted)
            {
                DeleteFolder(id);
            }

            if (last is null)
            {
                break;
            }

            after = last;
        }

        return $"deleted {total} run(s) finished before {cutoff:O}";
    }

    private void DeleteFolder(Guid runId)
    {
        var folder = Path.Combine(genie.Value.DataDirFullPath, "runs", runId.ToString());
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException e)
        {
            // The rows are gone; a folder left behind is only disk space, and the log says which.
            logger.LogWarning(e, "Could not delete the folder of run {RunId}", runId);
        }
    }
}
