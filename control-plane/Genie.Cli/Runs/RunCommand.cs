using System.ComponentModel;
using Genie.Client.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Genie.Cli.Runs;

/// <summary>
/// `genie run JOB [--param k=v]... [--wait [--timeout 10m]]`: triggers a run; with --wait, shows its tasks' progress
/// and exits with its outcome (0 succeeded, 1 failed, 9 cancelled, 10 still running at the timeout).
/// </summary>
public sealed class RunCommand : GenieCommand<RunCommand.Settings>
{
    public sealed class Settings : Jobs.JobArgumentSettings
    {
        [CommandOption("-p|--param <NAME=VALUE>")]
        [Description("A param value (repeatable), typed by the job's declaration")]
        public string[] Params { get; init; } = [];

        [CommandOption("--wait")]
        [Description("Wait for the run to finish, showing its tasks' progress; the exit code is the run's outcome")]
        public bool Wait { get; init; }

        [CommandOption("--timeout <DURATION>")]
        [Description("With --wait: give up waiting after this long (90s, 10m, 2h); exit code 10")]
        public string? Timeout { get; init; }

        [CommandOption("--idempotency-key <KEY>")]
        [Description("A repeat with the same key returns the same run")]
        public string? IdempotencyKey { get; init; }
    }

    protected override async Task<int> RunAsync(CliSession session, Settings settings, CancellationToken cancellationToken)
    {
        var timeout = settings.Timeout is { } text ? WaitTimeout.Parse(text) : (TimeSpan?)null;
        var job = await session.Client.GetJobAsync(session.Namespace, settings.Job, cancellationToken);
        var run = await session.Client.TriggerRunAsync(session.Namespace, settings.Job,
            new TriggerRunRequest(RunParams.From(settings.Params, job.Definition)), settings.IdempotencyKey, cancellationToken);
        if (!settings.Wait)
        {
            session.Output.WriteOne(run, RunColumns.Fields);
            return ExitCodes.Ok;
        }

        Output.Terminal.Error.MarkupLineInterpolated($"run [bold]{run.Id}[/] of {run.Namespace}/{run.Job} v{run.JobVersion}: waiting");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } after)
        {
            limit.CancelAfter(after);
        }

        RunResource finished;
        try
        {
            finished = await RunWatcher.WaitAsync(session.Client, run, limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Output.Terminal.Error.MarkupLineInterpolated($"[yellow]run {run.Id} is still going after {settings.Timeout}[/]");
            return ExitCodes.WaitTimedOut;
        }

        RunColumns.Write(session.Output, finished);
        return RunOutcome.ExitCodeOf(finished.State) ?? ExitCodes.Failure;
    }
}
