using Genie.Cli.Output;
using Genie.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Genie.Cli;

/// <summary>
/// Turns what went wrong into one clear line on stderr (plus one line per field path of a validation error) and the
/// exit code that names its kind.
/// </summary>
public static class ErrorReport
{
    public static int Handle(Exception exception)
    {
        var (code, message) = exception switch
        {
            CommandAppException e => (ExitCodes.Usage, e.Message),
            UsageException e => (ExitCodes.Usage, e.Message),
            GenieApiException e => (CodeOf(e.StatusCode), ServerLine(e)),
            HttpRequestException e => (ExitCodes.Unreachable, $"cannot reach Genie: {e.Message}"),
            OperationCanceledException => (ExitCodes.Interrupted, "interrupted"),
            _ => (ExitCodes.Failure, exception.Message),
        };
        Terminal.Error.MarkupLineInterpolated($"[red]error:[/] {message}");
        if (exception is GenieApiException { Problem.Errors: { Count: > 0 } errors })
        {
            foreach (var error in errors)
            {
                Terminal.Error.MarkupLineInterpolated($"  [yellow]{error.Path}[/]: {error.Message}");
            }
        }

        return code;
    }

    public static int CodeOf(int status) => status switch
    {
        400 or 413 or 415 or 422 => ExitCodes.Invalid,
        401 or 403 => ExitCodes.Auth,
        404 => ExitCodes.NotFound,
        409 or 412 => ExitCodes.Conflict,
        _ => ExitCodes.Failure,
    };

    private static string ServerLine(GenieApiException e)
    {
        var title = e.Problem.Title ?? $"HTTP {e.StatusCode}";
        return string.IsNullOrWhiteSpace(e.Problem.Detail) ? $"{title} ({e.StatusCode})" : $"{title} ({e.StatusCode}): {e.Problem.Detail}";
    }
}
