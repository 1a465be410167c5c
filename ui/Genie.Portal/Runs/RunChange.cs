using System.Text.Json;
using Genie.Client.Contracts;

namespace Genie.Portal.Runs;

/// <summary>One line of a run's history: when, what moved (the run or a task instance, from and to), why, and who moved it.</summary>
public sealed record RunChange(DateTimeOffset At, string Subject, string Move, string? Reason, string Actor)
{
    /// <summary>The change an event records, or null for events the history leaves out (attempts repeat their task's moves).</summary>
    public static RunChange? Of(GenieEvent e)
    {
        var payload = e.Payload;
        return e.Type switch
        {
            "run.created" => new RunChange(e.OccurredAt, "run", $"created {Text(payload, "state")}", null, e.Actor),
            "run.state_changed" => new RunChange(e.OccurredAt, "run", Transition(payload), Text(payload, "reason"), e.Actor),
            "task.state_changed" => new RunChange(e.OccurredAt, TaskName(payload), Transition(payload), Text(payload, "reason"), e.Actor),
            _ => null,
        };
    }

    private static string Transition(JsonElement payload) => $"{Text(payload, "from")} → {Text(payload, "to")}";

    private static string TaskName(JsonElement payload)
    {
        var replica = payload.TryGetProperty("replica", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt32() : 0;
        return $"task {Text(payload, "task")}{(replica > 0 ? $" [{replica}]" : "")}";
    }

    private static string? Text(JsonElement payload, string name) =>
        payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
