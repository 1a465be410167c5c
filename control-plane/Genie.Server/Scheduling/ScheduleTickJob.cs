using Hangfire;
using Hangfire.Server;

namespace Genie.Server.Scheduling;

/// <summary>
/// The Hangfire job every schedule's recurring job enqueues. The instant it fired for travels as Hangfire's
/// `Time` job parameter (the exact cron time of each caught-up tick, the scheduler's poll instant otherwise);
/// <see cref="ScheduleTick"/> turns it into the tick it stands for.
/// </summary>
public sealed class ScheduleTickJob(ScheduleTick tick, TimeProvider time)
{
    /// <summary>The job parameter Hangfire's recurring job scheduler sets: the fire instant in Unix seconds.</summary>
    public const string TimeParameter = "Time";

    /// <summary>
    /// A failed tick (the database was down) is retried with its own fire instant, so it still makes at most one
    /// run; after the retries it stays failed on the dashboard instead of vanishing.
    /// </summary>
    [JobDisplayName("schedule {0}/{1}")]
    [AutomaticRetry(Attempts = 5, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task FireAsync(string ns, string job, PerformContext? context, CancellationToken cancellationToken)
    {
        var firedFor = context?.GetJobParameter<long?>(TimeParameter) is { } seconds
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : time.GetUtcNow();
        await tick.FireAsync(ns, job, firedFor, cancellationToken);
    }
}
