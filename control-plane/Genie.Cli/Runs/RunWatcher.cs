using System.Text.Json;
using Genie.Cli.Output;
using Genie.Client;
using Genie.Client.Contracts;
using Spectre.Console;

namespace Genie.Cli.Runs;

/// <summary>
/// Follows one run on the event stream until it ends, printing each task's moves on stderr (stdout stays for the
/// result). It reads the run's events from the start of the outbox, so nothing between trigger and connect is missed.
/// </summary>
public static class RunWatcher
{
    private const string RunStateChanged = "run.state_changed";
    private const string TaskStateChanged = "task.state_changed";

    /// <summary>The run once it has finished.</summary>
    public static async Task<RunResource> WaitAsync(GenieClient client, RunResource run, CancellationToken cancellationToken)
    {
        if (RunOutcome.ExitCodeOf(run.State) is not null)
        {
            return run;
        }

        await foreach (var e in client.StreamEventsAsync(new EventStreamFilter(run.Namespace, Run: run.Id), lastEventId: 0, cancellationToken))
        {
            if (e.Type == TaskStateChanged)
            {
                Progress(e.Payload);
            }
            else if (e.Type == RunStateChanged && Text(e.Payload, "to") is { } to && RunOutcome.ExitCodeOf(to) is not null)
            {
                break;
            }
        }

        return await client.GetRunAsync(run.Namespace, run.Id, cancellationToken);
    }

    private static void Progress(JsonElement payload)
    {
        var task = Text(payload, "task");
        var replica = payload.TryGetProperty("replica", out var r) && r.ValueKind == JsonValueKind.Number && r.GetInt32() > 0 ? $"[{r.GetInt32()}]" : "";
        var to = Text(payload, "to") ?? "?";
        var colour = to switch
        {
            "succeeded" => "green",
            "failed" or "upstream_failed" => "red",
            "running" => "blue",
            _ => "grey",
        };
        var exit = payload.TryGetProperty("exitCode", out var code) && code.ValueKind == JsonValueKind.Number ? $" (exit {code.GetInt32()})" : "";
        var reason = Text(payload, "reason") is { } why ? $" {why}" : "";
        Terminal.Error.MarkupLineInterpolated($"task {task}{replica}: [{colour}]{to}[/]{exit}{reason}");
    }

    private static string? Text(JsonElement payload, string name) =>
        payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
