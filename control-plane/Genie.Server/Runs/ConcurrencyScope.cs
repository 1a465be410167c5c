using Genie.Core.Specs;

namespace Genie.Server.Runs;

/// <summary>
/// The set of runs a concurrency limit counts: every job sharing `spec.concurrency.key`, or one job.
/// Jobs without a limit, or with `onConflict: allow`, have no scope.
/// </summary>
public static class ConcurrencyScope
{
    public static string? Of(JobSpec spec, long jobId) => spec.Concurrency switch
    {
        null or { OnConflict: ConflictPolicy.Allow } => null,
        { Key: { } key } => "key:" + key,
        _ => "job:" + jobId,
    };
}
