using System.Text;
using System.Text.Json;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>
/// `TaskInstancesLogResponse`: `content` is an array of structured messages (`event` holds the text) or, for logs
/// written before structured logging, of plain strings.
/// </summary>
internal sealed record TaskLogResponse(JsonElement Content, string? ContinuationToken)
{
    /// <summary>The log as text, one line per message.</summary>
    public string ToText()
    {
        if (Content.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var message in Content.EnumerateArray())
        {
            text.Append(LineOf(message)).Append('\n');
        }

        return text.ToString();
    }

    private static string LineOf(JsonElement message) => message.ValueKind switch
    {
        JsonValueKind.String => message.GetString() ?? "",
        JsonValueKind.Object when message.TryGetProperty("event", out var text) && text.ValueKind == JsonValueKind.String => text.GetString() ?? "",
        _ => message.GetRawText(),
    };
}
