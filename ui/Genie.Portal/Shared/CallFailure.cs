using Genie.Client;
using Genie.Client.Contracts;

namespace Genie.Portal.Shared;

/// <summary>What a failed call to Genie means to a person: one sentence, and the field errors (with their paths) if any.</summary>
public sealed record CallFailure(string Message, IReadOnlyList<FieldError> Errors, bool ServerUnreachable)
{
    public static CallFailure From(Exception error) => error switch
    {
        GenieApiException { Problem: var p } api => new CallFailure(
            $"{api.StatusCode} {p.Title}" + (string.IsNullOrWhiteSpace(p.Detail) ? "" : $": {p.Detail}"),
            p.Errors ?? [],
            ServerUnreachable: false),
        // A stream the server broke off mid-body (a followed log) ends in an IOException.
        HttpRequestException or TaskCanceledException or IOException => new CallFailure(
            "Genie does not answer: " + error.Message, [], ServerUnreachable: true),
        _ => new CallFailure(error.Message, [], ServerUnreachable: false),
    };

    /// <summary>True for failures a page should show rather than crash the circuit on.</summary>
    public static bool IsExpected(Exception error) =>
        error is GenieApiException or HttpRequestException or TaskCanceledException or IOException;
}
