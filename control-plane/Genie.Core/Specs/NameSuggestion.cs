namespace Genie.Core.Specs;

/// <summary>Finds the known name a misspelt one was probably meant to be, for "did you mean" hints.</summary>
internal static class NameSuggestion
{
    private const int MaxTypedLength = 64;
    private const int MaxAllowedDistance = 3;

    /// <summary>The closest candidate within a small edit distance (case differences count as half), or null.</summary>
    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        if (typed.Length > MaxTypedLength)
        {
            return null;
        }

        // Hints are computed for every error, even for documents listing thousands of names, so each
        // candidate must cost little: the typed name is lower-cased once, and candidates whose length
        // alone puts them out of reach are skipped before any distance is computed.
        var lowerTyped = typed.ToLowerInvariant();
        string? best = null;
        var bestDistance = double.MaxValue;
        foreach (var candidate in candidates)
        {
            var allowed = Math.Max(1, Math.Min(MaxAllowedDistance, candidate.Length / 3));
            if (Math.Abs(candidate.Length - typed.Length) > allowed)
            {
                continue;
            }

            var distance = string.Equals(typed, candidate, StringComparison.OrdinalIgnoreCase)
                ? 0.5
                : Distance(lowerTyped, candidate.ToLowerInvariant(), allowed);
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

    // Optimal string alignment distance (insertions, deletions, substitutions and adjacent swaps), kept in
    // three rolling rows; once a whole row exceeds `allowed` the result can only be larger, so it stops there.
    private static int Distance(string a, string b, int allowed)
    {
        var width = b.Length + 1;
        Span<int> rows = width * 3 <= 1024 ? stackalloc int[width * 3] : new int[width * 3];
        var beforePrevious = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(2 * width, width);
        for (var j = 0; j < width; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = i;
            for (var j = 1; j < width; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, beforePrevious[j - 2] + 1);
                }

                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }

            if (rowMinimum > allowed)
            {
                return rowMinimum;
            }

            var recycled = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = recycled;
        }

        return previous[b.Length];
    }
}
