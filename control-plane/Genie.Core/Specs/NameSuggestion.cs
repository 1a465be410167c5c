namespace Genie.Core.Specs;

/// <summary>Finds the known name a misspelt one was probably meant to be, for "did you mean" hints.</summary>
internal static class NameSuggestion
{
    /// <summary>The closest candidate within a small edit distance (case differences count as half), or null.</summary>
    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        if (typed.Length > 64)
        {
            return null;
        }

        string? best = null;
        var bestDistance = double.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = string.Equals(typed, candidate, StringComparison.OrdinalIgnoreCase)
                ? 0.5
                : Distance(typed.ToLowerInvariant(), candidate.ToLowerInvariant());
            var allowed = Math.Max(1, Math.Min(3, candidate.Length / 3));
            if (distance <= allowed && distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    /// <summary>" (did you mean `x`?)" or an empty string.</summary>
    public static string Hint(string typed, IEnumerable<string> candidates) =>
        Closest(typed, candidates) is { } best ? $" (did you mean `{best}`?)" : "";

    // Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
