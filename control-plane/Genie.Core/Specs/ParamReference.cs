using System.Text;

namespace Genie.Core.Specs;

/// <summary>
/// A <c>${{ params.NAME }}</c> placeholder inside a spec string, at <see cref="Index"/> spanning
/// <see cref="Length"/> characters. Whitespace inside the braces is optional; <c>$${{</c> stands for a literal
/// <c>${{</c>. Substitution replaces whole placeholders with values and never interprets shell text.
/// </summary>
public sealed record ParamReference(string Name, int Index, int Length)
{
    private const string Open = "${{";
    private const string Escape = "$${{";
    private const string Close = "}}";
    private const string Prefix = "params.";

    /// <summary>Finds every placeholder in <paramref name="text"/> and describes every malformed one.</summary>
    public static ParamReferenceScan Scan(string text)
    {
        var references = new List<ParamReference>();
        var problems = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (string.CompareOrdinal(text, i, Escape, 0, Escape.Length) == 0)
            {
                i += Escape.Length;
                continue;
            }

            if (string.CompareOrdinal(text, i, Open, 0, Open.Length) != 0)
            {
                i++;
                continue;
            }

            var close = text.IndexOf(Close, i + Open.Length, StringComparison.Ordinal);
            if (close < 0)
            {
                problems.Add($"`{QuotedText.Of(text[i..])}` has no closing `}}}}`: write `${{{{ params.NAME }}}}`");
                break;
            }

            var expression = text[(i + Open.Length)..close].Trim(' ', '\t');
            var name = expression.StartsWith(Prefix, StringComparison.Ordinal) ? expression[Prefix.Length..] : null;
            if (SpecNames.IsParamName(name))
            {
                references.Add(new ParamReference(name!, i, close + Close.Length - i));
            }
            else
            {
                problems.Add($"`{QuotedText.Of(text[i..(close + Close.Length)])}` is not a param reference: write `${{{{ params.NAME }}}}` (or `$${{{{` for a literal `${{{{`)");
            }

            i = close + Close.Length;
        }

        return new ParamReferenceScan(references, problems);
    }

    /// <summary>
    /// Replaces every placeholder with <paramref name="valueOf"/> of its param name and every <c>$${{</c>
    /// with <c>${{</c>. Malformed placeholders are left as written (validation rejects them earlier).
    /// </summary>
    public static string Substitute(string text, Func<string, string> valueOf)
    {
        if (!text.Contains(Open, StringComparison.Ordinal))
        {
            return text;
        }

        var references = Scan(text).References;
        var builder = new StringBuilder(text.Length);
        var next = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (next < references.Count && references[next].Index == i)
            {
                builder.Append(valueOf(references[next].Name));
                i += references[next].Length;
                next++;
            }
            else if (string.CompareOrdinal(text, i, Escape, 0, Escape.Length) == 0)
            {
                builder.Append(Open);
                i += Escape.Length;
            }
            else
            {
                builder.Append(text[i]);
                i++;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Rewrites every well-formed placeholder as <c>${{ params.NAME }}</c>, so spellings that differ only in
    /// whitespace compare equal; everything else, escapes included, stays as written.
    /// </summary>
    public static string Normalize(string text)
    {
        if (!text.Contains(Open, StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var next = 0;
        foreach (var reference in Scan(text).References)
        {
            builder.Append(text, next, reference.Index - next).Append(Canonical(reference.Name));
            next = reference.Index + reference.Length;
        }

        return builder.Append(text, next, text.Length - next).ToString();
    }

    /// <summary>The canonical spelling of a placeholder for <paramref name="paramName"/>.</summary>
    public static string Canonical(string paramName) => $"${{{{ params.{paramName} }}}}";

    /// <summary>Whether <paramref name="text"/> contains <c>${{</c> at all, escaped or not.</summary>
    public static bool ContainsPlaceholderSyntax(string text) => text.Contains(Open, StringComparison.Ordinal);
}

/// <summary>The placeholders found in a string and the problems with malformed ones.</summary>
public sealed record ParamReferenceScan(IReadOnlyList<ParamReference> References, IReadOnlyList<string> Problems)
{
    /// <summary>True when every <c>${{</c> is a well-formed placeholder or escape.</summary>
    public bool IsValid => Problems.Count == 0;
}
