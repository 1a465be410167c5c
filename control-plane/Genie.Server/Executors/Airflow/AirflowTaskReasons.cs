using System.Text;
using Genie.Server.Executors.Airflow.Client;

namespace Genie.Server.Executors.Airflow;

/// <summary>
/// The reasons of task instances mirrored from Airflow: the Airflow state each was seen in (`airflow: Failed`), and for a
/// failed try what its pod said when the listener sent that (`airflow: Failed: OOMKilled, exit code 137`).
/// </summary>
public static class AirflowTaskReasons
{
    /// <summary>The most of a listener's reason Genie keeps; the listener itself sends far less.</summary>
    public const int MaxPodReasonLength = 1000;

    private static readonly AirflowTaskState[] FailedTry = [AirflowTaskState.Failed, AirflowTaskState.UpForRetry];

    /// <summary>The reasons a failed try is mirrored with before its pod's reason is known; a late one is added to them.</summary>
    public static IReadOnlyList<string> PlainFailedTry { get; } = FailedTry.Select(state => Mirrored(state)).ToList();

    public static string Mirrored(AirflowTaskState? state, string? podReason = null)
    {
        var plain = $"airflow: {state?.ToString() ?? "no status"}";
        return podReason is not null && state is { } seen && FailedTry.Contains(seen) ? plain + Detail(podReason) : plain;
    }

    /// <summary>What a pod's reason adds to a plain reason of <see cref="PlainFailedTry"/>.</summary>
    public static string Detail(string podReason) => $": {podReason}";

    /// <summary>
    /// A listener's reason as Genie keeps it: one line (control characters, which PostgreSQL text may not even hold, become
    /// spaces; a lone surrogate becomes U+FFFD), trimmed, cut to <see cref="MaxPodReasonLength"/>; null when nothing is left.
    /// </summary>
    public static string? Normalize(string? reason)
    {
        if (reason is null)
        {
            return null;
        }

        var line = new StringBuilder(reason.Length);
        foreach (var rune in reason.EnumerateRunes())
        {
            if (Rune.IsControl(rune) || Rune.IsWhiteSpace(rune))
            {
                if (line.Length > 0 && line[^1] != ' ')
                {
                    line.Append(' ');
                }

                continue;
            }

            line.Append(rune.ToString());
        }

        var text = line.ToString().TrimEnd();
        if (text.Length > MaxPodReasonLength)
        {
            // Cut before the ellipsis, never between the two halves of a surrogate pair.
            var keep = char.IsLowSurrogate(text[MaxPodReasonLength - 1]) ? MaxPodReasonLength - 2 : MaxPodReasonLength - 1;
            text = text[..keep].TrimEnd() + "…";
        }

        return text.Length == 0 ? null : text;
    }
}
