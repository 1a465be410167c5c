using Genie.Core.Runs;

namespace Genie.Benchmarks.ApiAtScale;

/// <summary>
/// Generates the run history: runs spread evenly over the months up to now, each of a job drawn by how often it
/// runs, mostly succeeded with some failed, cancelled and skipped. Only Airflow jobs have live runs in the last half
/// hour: this server has no Airflow configured, so nothing moves them while the listings are measured.
/// </summary>
public static class ScaleRunHistory
{
    private static readonly TimeSpan LiveWindow = TimeSpan.FromMinutes(30);

    /// <summary>Runs in creation order (their UUIDv7 ids sort the same way).</summary>
    public static ScaleRun[] Generate(IReadOnlyList<ScaleJob> jobs, int count, DateTime historyStart, DateTime now, ulong seed)
    {
        var cumulative = new double[jobs.Count];
        var total = 0.0;
        for (var i = 0; i < jobs.Count; i++)
        {
            total += jobs[i].RunWeight;
            cumulative[i] = total;
        }

        var random = new SplitMix64(seed);
        var span = now - historyStart;
        var runs = new ScaleRun[count];
        for (var i = 0; i < count; i++)
        {
            // PostgreSQL keeps microseconds: generated times are truncated so cursors built from them match the rows.
            var created = Microseconds(historyStart + span * ((i + random.Fraction()) / count));
            var jobIndex = Array.BinarySearch(cumulative, random.Fraction() * total);
            jobIndex = jobIndex < 0 ? ~jobIndex : jobIndex;
            var job = jobs[Math.Min(jobIndex, jobs.Count - 1)];
            var state = StateOf(job, created, now, ref random);
            var stopAt = random.Below(job.Shape.Chain.Count);
            runs[i] = new ScaleRun(Guid.CreateVersion7(new DateTimeOffset(created)), (int)(job.Id - 1), job.VersionAt(created), created,
                state, stopAt, random.Next());
        }

        return runs;
    }

    private static RunState StateOf(ScaleJob job, DateTime created, DateTime now, ref SplitMix64 random)
    {
        var roll = random.Fraction();
        if (job.OnAirflow && now - created < LiveWindow)
        {
            return roll switch { < 0.6 => RunState.Running, < 0.85 => RunState.Queued, _ => RunState.Suspended };
        }

        return roll switch
        {
            < 0.86 => RunState.Succeeded,
            < 0.95 => RunState.Failed,
            < 0.975 => RunState.Cancelled,
            _ => job.SkipsOnConflict ? RunState.Skipped : RunState.Succeeded,
        };
    }

    private static DateTime Microseconds(DateTime time) => new(time.Ticks - time.Ticks % 10, DateTimeKind.Utc);
}
