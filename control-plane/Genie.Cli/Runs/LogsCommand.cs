using System.ComponentModel;
using Genie.Cli.Output;
using Genie.Client.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Genie.Cli.Runs;

/// <summary>
/// `genie logs RUN [TASK] [-f]`: a task attempt's log (the latest attempt unless --attempt); without TASK every task's
/// in turn. With -f the log is followed until the attempt ends; a task that has not started yet is waited for (as
/// `argo logs -f` does), and one the run ends without starting is reported and passed over. `-o json|yaml` prints one
/// `{task, line}` object per line.
/// </summary>
public sealed class LogsCommand : GenieCommand<LogsCommand.Settings>
{
    public sealed class Settings : RunArgumentSettings
    {
        [CommandArgument(1, "[TASK]")]
        [Description("The task (default: every task of the run)")]
        public string? Task { get; init; }

        [CommandOption("-f|--follow")]
        [Description("Stream the log until the attempt ends")]
        public bool Follow { get; init; }

        [CommandOption("--replica <N>")]
        [DefaultValue(0)]
        public int Replica { get; init; }

        [CommandOption("--attempt <N>")]
        public int? Attempt { get; init; }

        [CommandOption("--tail <N>")]
        [Description("Only the last N lines (not with -f)")]
        public int? Tail { get; init; }
    }

    protected override async Task<int> RunAsync(CliSession session, Settings settings, CancellationToken cancellationToken)
    {
        var tasks = settings.Task is { } one
            ? [one]
            : (await session.Client.GetRunAsync(session.Namespace, settings.Run, cancellationToken)).Tasks?
                .Where(t => t.Replica == settings.Replica).Select(t => t.Name).Distinct().ToList() ?? [];
        foreach (var task in tasks)
        {
            if (settings.Task is null && session.Output.IsTable)
            {
                Terminal.Error.MarkupLineInterpolated($"[bold]==> {task} <==[/]");
            }

            if (settings.Follow)
            {
                if (settings.Attempt is null && await UntilStartedAsync(session, settings, task, cancellationToken) is { } notRun)
                {
                    Terminal.Error.MarkupLineInterpolated($"Task {task} did not run: the run ended with it {notRun}.");
                    continue;
                }

                await foreach (var line in session.Client.FollowTaskLogAsync(
                                   session.Namespace, settings.Run, task, settings.Replica, settings.Attempt, cancellationToken))
                {
                    Write(session, task, line);
                }
            }
            else
            {
                var text = await session.Client.GetTaskLogAsync(
                    session.Namespace, settings.Run, task, settings.Replica, settings.Attempt, tail: settings.Tail, cancellationToken: cancellationToken);
                foreach (var line in text.Split('\n').SkipLast(text.EndsWith('\n') ? 1 : 0))
                {
                    Write(session, task, line);
                }
            }
        }

        return ExitCodes.Ok;
    }

    private static readonly TimeSpan StartPoll = TimeSpan.FromSeconds(1);

    /// <summary>Waits until the task has an attempt (null), or returns its state when the run ended without one.</summary>
    private static async Task<string?> UntilStartedAsync(CliSession session, Settings settings, string task, CancellationToken cancellationToken)
    {
        while (true)
        {
            var run = await session.Client.GetRunAsync(session.Namespace, settings.Run, cancellationToken);
            // A task the run does not have goes on to the log call, whose 404 names what is wrong.
            if (run.Tasks?.FirstOrDefault(t => t.Name == task && t.Replica == settings.Replica) is not { Attempts: 0 } instance)
            {
                return null;
            }

            if (RunOutcome.ExitCodeOf(run.State) is not null)
            {
                return instance.State;
            }

            await Task.Delay(StartPoll, cancellationToken);
        }
    }

    private static void Write(CliSession session, string task, string line)
    {
        if (session.Output.IsTable)
        {
            OutputWriter.WriteLine(line);
        }
        else
        {
            session.Output.WriteData(new LogLine(task, line));
        }
    }

    private sealed record LogLine(string Task, string Line);
}
