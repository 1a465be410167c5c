using System.Globalization;

namespace Genie.Portal.Runs;

/// <summary>How an attempt ended in words: its exit code and the reason its executor recorded, each said once.</summary>
public static class AttemptOutcome
{
    public static string Describe(int? exitCode, string? reason)
    {
        var code = exitCode is { } c ? $"exit code {c.ToString(CultureInfo.InvariantCulture)}" : null;
        // The local executor's reason for a non-zero exit is that same phrase; a pod's reason (OOMKilled, ...) says more.
        return string.Join(", ", new[] { code, reason == code ? null : reason }.OfType<string>());
    }
}
