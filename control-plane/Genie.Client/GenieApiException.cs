using Genie.Client.Contracts;

namespace Genie.Client;

/// <summary>The server answered with an error; <see cref="Problem"/> holds its problem document.</summary>
public sealed class GenieApiException(int statusCode, ApiProblem problem)
    : Exception($"{statusCode} {problem.Title}: {problem.Detail}" +
        (problem.Errors is { Count: > 0 } errors ? " " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}")) : ""))
{
    public int StatusCode { get; } = statusCode;
    public ApiProblem Problem { get; } = problem;
}
