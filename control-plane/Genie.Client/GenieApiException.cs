using System.Text.Json;
using Genie.Client.Contracts;

namespace Genie.Client;

/// <summary>The server answered with an error; <see cref="Problem"/> holds its problem document.</summary>
public sealed class GenieApiException(int statusCode, ApiProblem problem)
    : Exception($"{statusCode} {problem.Title}: {problem.Detail}" +
        (problem.Errors is { Count: > 0 } errors ? " " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}")) : ""))
{
    /// <summary>Bodies that are not problem documents (a proxy's HTML page) are cut to this length in the detail.</summary>
    private const int MaxForeignBodyLength = 500;

    public int StatusCode { get; } = statusCode;
    public ApiProblem Problem { get; } = problem;

    /// <summary>The exception an answer stands for: null when it succeeded, else its problem document (or what came instead).</summary>
    public static async Task<GenieApiException?> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            if (JsonSerializer.Deserialize<ApiProblem>(body, GenieJson.Options) is { } problem)
            {
                return new GenieApiException(status, problem);
            }
        }
        catch (JsonException)
        {
            // Not a problem document: the status and the start of the body still say what went wrong.
        }

        var detail = body.Length > MaxForeignBodyLength ? body[..MaxForeignBodyLength] : body;
        return new GenieApiException(status, new ApiProblem(null, response.ReasonPhrase, status, detail, null, null));
    }
}
