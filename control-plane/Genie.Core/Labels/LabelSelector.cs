namespace Genie.Core.Labels;

/// <summary>
/// A Kubernetes-style label selector: `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`,
/// joined by commas; every requirement must hold.
/// </summary>
public sealed record LabelSelector(IReadOnlyList<LabelRequirement> Requirements)
{
    private const int MaxLength = 4096;

    /// <summary>Parses a selector; on failure <paramref name="error"/> says what is wrong and where.</summary>
    public static bool TryParse(string? text, out LabelSelector selector, out string? error)
    {
        selector = new LabelSelector([]);
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (text.Length > MaxLength)
        {
            error = $"a label selector may be at most {MaxLength} characters";
            return false;
        }

        var requirements = new List<LabelRequirement>();
        foreach (var term in SplitTerms(text))
        {
            var requirement = ParseTerm(term.Trim(), out error);
            if (requirement is null)
            {
                return false;
            }

            requirements.Add(requirement);
        }

        selector = new LabelSelector(requirements);
        return true;
    }

    /// <summary>Whether a set of labels satisfies every requirement.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels) => Requirements.All(r =>
    {
        var present = labels.TryGetValue(r.Key, out var value);
        return r.Operator switch
        {
            LabelOperator.Equals => present && value == r.Values[0],
            LabelOperator.NotEquals => !present || value != r.Values[0],
            LabelOperator.In => present && r.Values.Contains(value!),
            LabelOperator.NotIn => !present || !r.Values.Contains(value!),
            LabelOperator.Exists => present,
            LabelOperator.DoesNotExist => !present,
            _ => false,
        };
    });

    // Commas inside `in (a,b)` belong to the value list, not to the selector.
    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return text[start..];
    }

    private static LabelRequirement? ParseTerm(string term, out string? error)
    {
        error = null;
        if (term.Length == 0)
        {
            error = "empty requirement (two commas in a row, or a trailing comma)";
            return null;
        }

        if (term.StartsWith('!'))
        {
            return Key(term[1..].Trim(), LabelOperator.DoesNotExist, [], out error);
        }

        foreach (var (symbol, op) in new[] { ("!=", LabelOperator.NotEquals), ("==", LabelOperator.Equals), ("=", LabelOperator.Equals) })
        {
            var at = term.IndexOf(symbol, StringComparison.Ordinal);
            if (at >= 0)
            {
                var value = term[(at + symbol.Length)..].Trim();
                return ValidValue(value, term, out error) ? Key(term[..at].Trim(), op, [value], out error) : null;
            }
        }

        var parts = term.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 1)
        {
            return Key(parts[0], LabelOperator.Exists, [], out error);
        }

        var set = parts[1];
        var setOperator = set.StartsWith("notin", StringComparison.Ordinal) ? LabelOperator.NotIn
            : set.StartsWith("in", StringComparison.Ordinal) ? LabelOperator.In
            : (LabelOperator?)null;
        var list = setOperator is null ? "" : set[(setOperator == LabelOperator.NotIn ? 5 : 2)..].Trim();
        if (setOperator is null || !list.StartsWith('(') || !list.EndsWith(')'))
        {
            error = $"`{term}` is not a requirement: use key=value, key!=value, key in (a,b), key notin (a,b), key or !key";
            return null;
        }

        var values = list[1..^1].Split(',', StringSplitOptions.TrimEntries);
        foreach (var value in values)
        {
            if (!ValidValue(value, term, out error))
            {
                return null;
            }
        }

        return Key(parts[0], setOperator.Value, values, out error);
    }

    private static LabelRequirement? Key(string key, LabelOperator op, IReadOnlyList<string> values, out string? error)
    {
        error = LabelSyntax.IsValidKey(key) ? null : $"`{key}` is not a label key: {LabelSyntax.KeyRule}";
        return error is null ? new LabelRequirement(key, op, values) : null;
    }

    private static bool ValidValue(string value, string term, out string? error)
    {
        error = LabelSyntax.IsValidValue(value) ? null : $"`{value}` in `{term}` is not a label value: {LabelSyntax.ValueRule}";
        return error is null;
    }
}
