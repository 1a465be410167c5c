using System.Text.Json;
using System.Text.RegularExpressions;
using Genie.Client;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Genie.Server.Api;

/// <summary>Reads a small JSON request body strictly (unknown fields rejected), turning every mistake into a 400 with its path.</summary>
public static partial class JsonBodyReader
{
    private const int MaxBytes = 1024 * 1024;

    /// <summary>An empty body yields <paramref name="empty"/>; anything else must be JSON of type <typeparamref name="T"/>.</summary>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, T? empty, CancellationToken cancellationToken)
        where T : class
    {
        var (body, problem) = await RequestBody.ReadAsync(request, MaxBytes,
            () => ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, "Body too large", $"A request body may be at most {MaxBytes} bytes."),
            cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (body!.Length == 0)
        {
            return (empty, null);
        }

        if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, ApiProblems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as application/json."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(body, GenieJson.Options);
            return value is null ? (empty, null) : (value, null);
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : "body" + e.Path[1..];
            return (null, ApiProblems.Invalid(path, WithoutInput(FirstSentence(e.Message))));
        }
    }

    // Some messages start with the input character the reader stopped at ("'s' is an invalid start of a value"); a
    // body may carry a secret, so no part of it is repeated back.
    private static string WithoutInput(string sentence) => InputCharacter().Replace(sentence, "A character", 1);

    [GeneratedRegex("^'[^']{1,4}'")]
    private static partial Regex InputCharacter();

    // System.Text.Json appends the path and position after the first sentence; the path is reported separately.
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
