using System.Text.Json;
using Refit;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>
/// Reads the `detail` of Airflow's error bodies: a string (`HTTPExceptionResponse`), an object (unique-constraint
/// violations carry a `message`), or a list of validation errors (`HTTPValidationError`, 422).
/// </summary>
internal static class AirflowErrorDetail
{
    private const int MaxLength = 2000;

    /// <summary>The detail of a refused Refit call: Refit keeps the error body on the response's ApiException.</summary>
    public static string? Of(IApiResponse response) => From((response.Error as ApiException)?.Content ?? "");

    public static string? From(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("detail", out var detail))
            {
                return Truncate(Describe(detail));
            }
        }
        catch (JsonException)
        {
            // Proxies in front of Airflow answer with HTML or plain text; the raw body is the best detail there is.
        }

        return Truncate(body.Trim());
    }

    private static string Describe(JsonElement detail) => detail.ValueKind switch
    {
        JsonValueKind.String => detail.GetString() ?? "",
        JsonValueKind.Object when detail.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
            => message.GetString() ?? "",
        JsonValueKind.Array => string.Join("; ", detail.EnumerateArray().Select(DescribeValidationError)),
        _ => detail.GetRawText(),
    };

    private static string DescribeValidationError(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object || !error.TryGetProperty("msg", out var msg))
        {
            return error.GetRawText();
        }

        var location = error.TryGetProperty("loc", out var loc) && loc.ValueKind == JsonValueKind.Array
            ? string.Join('.', loc.EnumerateArray().Select(part => part.ValueKind == JsonValueKind.String ? part.GetString() : part.GetRawText()))
            : "";
        return location.Length == 0 ? msg.ToString() : $"{location}: {msg}";
    }

    private static string Truncate(string text) => text.Length <= MaxLength ? text : text[..MaxLength] + "…";
}
