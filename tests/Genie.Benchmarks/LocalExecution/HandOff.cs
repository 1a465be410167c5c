using Genie.Client.Contracts;

namespace Genie.Benchmarks.LocalExecution;

/// <summary>
/// One hand-off in a chain: from the previous task's last command to the next task's first command, as the
/// tasks stamped them, and the three parts Genie's own attempt timestamps cut it into (all in milliseconds,
/// all read from CLOCK_REALTIME on one machine).
/// </summary>
/// <param name="Total">Previous task's last stamp → next task's first stamp: everything between the two programs.</param>
/// <param name="UntilRecordedFinish">Previous task's last stamp → its attempt's recorded finish: bash's last write and exit,
/// the wrapper shell writing the exit-code file (printf, mv), Genie noticing the exit, draining the output pipes and
/// opening the transaction that closes the attempt.</param>
/// <param name="Recorded">Recorded finish → next attempt's recorded start: the rest of that transaction, the wake-up,
/// planning the run and the transaction that opens the next attempt (this part alone is what the table showed before).</param>
/// <param name="UntilFirstCommand">Next attempt's recorded start → next task's first stamp: Genie preparing the launch
/// (plan, log file, pipes), setsid, the wrapper shell, the subshell that execs bash, and bash starting up.</param>
public sealed record HandOff(double Total, double UntilRecordedFinish, double Recorded, double UntilFirstCommand)
{
    public static HandOff Between(TaskStamps previous, TaskAttemptResource previousAttempt, TaskStamps next, TaskAttemptResource nextAttempt)
    {
        var lastCommand = TaskStamps.ToTime(previous.EndMicros);
        var firstCommand = TaskStamps.ToTime(next.StartMicros);
        var finished = previousAttempt.FinishedAt ?? throw new InvalidOperationException("a finished attempt has no finish time");
        var handOff = new HandOff(
            (firstCommand - lastCommand).TotalMilliseconds,
            (finished - lastCommand).TotalMilliseconds,
            (nextAttempt.StartedAt - finished).TotalMilliseconds,
            (firstCommand - nextAttempt.StartedAt).TotalMilliseconds);
        // The parts only describe the figure if they come in this order: last stamp, recorded finish, recorded start, first stamp.
        if (handOff.Total <= 0 || handOff.UntilRecordedFinish < 0 || handOff.Recorded < 0 || handOff.UntilFirstCommand < 0)
        {
            throw new InvalidOperationException(
                $"stamps out of order ({handOff}): the real-time clock was stepped, or the figure does not cover what the notes say");
        }

        return handOff;
    }
}
