using Genie.Cli.Output;
using Genie.Client.Contracts;

namespace Genie.Cli.Runs;

/// <summary>How runs and their tasks read in tables, shared by the listing, `describe run` and the run commands.</summary>
public static class RunColumns
{
    public static readonly IReadOnlyList<Column<RunResource>> Runs =
    [
        new("ID", r => r.Id),
        new("JOB", r => r.Job),
        new("VERSION", r => r.JobVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("STATE", r => r.State),
        new("TRIGGER", r => r.Trigger),
        new("CREATED", r => Times.Stamp(r.CreatedAt)),
        new("DURATION", r => Times.Between(r.StartedAt, r.FinishedAt)),
    ];

    public static readonly IReadOnlyList<Column<RunResource>> Fields =
    [
        new("Id", r => r.Id),
        new("Job", r => $"{r.Namespace}/{r.Job} v{r.JobVersion}"),
        new("State", r => r.Reason is null ? r.State : $"{r.State} ({r.Reason})"),
        new("Executor", r => r.Executor),
        new("Trigger", r => $"{r.Trigger} by {r.TriggeredBy}"),
        new("Params", r => string.Join(", ", r.Params.Select(p => $"{p.Key}={p.Value}"))),
        new("Parent", r => r.ParentRunId is null ? null : $"{r.ParentRunId} ({r.ParentTask})"),
        new("Created", r => Times.Stamp(r.CreatedAt)),
        new("Started", r => Times.Stamp(r.StartedAt)),
        new("Finished", r => Times.Stamp(r.FinishedAt)),
        new("Trace", r => r.TraceUrl ?? r.TraceId),
    ];

    public static readonly IReadOnlyList<Column<TaskRunResource>> Tasks =
    [
        new("TASK", t => t.Replica == 0 ? t.Name : $"{t.Name}[{t.Replica}]"),
        new("STATE", t => t.State),
        new("ATTEMPTS", t => t.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("EXIT", t => t.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("DURATION", t => Times.Between(t.StartedAt, t.FinishedAt)),
        new("REASON", t => t.Reason),
    ];

    /// <summary>A run as `describe run` and the run commands show it: its fields, then its tasks.</summary>
    public static void Write(OutputWriter output, RunResource run)
    {
        output.WriteOne(run, Fields);
        if (output.IsTable && run.Tasks is { Count: > 0 } tasks)
        {
            OutputWriter.WriteLine("");
            output.WriteList(tasks, Tasks);
        }
    }
}
