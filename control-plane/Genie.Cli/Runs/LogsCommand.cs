using System.ComponentModel;
using Genie.Cli.Output;
using Genie.Client.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Genie.Cli.Runs;

/// <summary>
/// `genie logs RUN [TASK] [-f]`: a task attempt's log (the latest attempt unless --attempt); without TASK every task's
/// in turn. With -f the log is followed until the attempt ends. `-o json|yaml` prints one `{task, line}` object per line.
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
