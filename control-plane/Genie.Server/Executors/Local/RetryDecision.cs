using Genie.Core.Runs;
using Genie.Core.Specs;
using Genie.Server.Store;

namespace Genie.Server.Executors.Local;

/// <summary>
/// What a failed try of a task instance (a process attempt or a child run) leads to: another try after the
/// backoff while the retry limit allows, otherwise the instance fails. Tries are counted within the current
/// round (<see cref="TaskInstanceRecord.AttemptInRound"/>), so a retried run gets the whole limit again.
/// </summary>
public static class RetryDecision
{
    public static TaskChange AfterFailure(ResolvedTask task, int attemptInRound, string why, int? exitCode, DateTimeOffset now)
    {
        var retry = task.Retry;
        if (attemptInRound <= retry.Limit)
        {
            var delay = retry.DelayBefore(attemptInRound);
            return new TaskChange(TaskState.Retrying,
                $"{why}; retry {attemptInRound} of {retry.Limit} in {SpecDuration.Format(delay)}", exitCode, now + delay);
        }

        return new TaskChange(TaskState.Failed, retry.Limit > 0 ? $"{why} (after {attemptInRound} attempts)" : why, exitCode);
    }
}
