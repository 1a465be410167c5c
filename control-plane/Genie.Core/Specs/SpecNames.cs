using System.Globalization;
using System.Text;

namespace Genie.Core.Specs;

/// <summary>
/// Name syntaxes of the spec (DNS-1123 labels and subdomains, Kubernetes label keys and values, param
/// and environment variable names), checked character by character so no regex end-of-line quirk or
/// look-alike Unicode character slips through.
/// </summary>
public static class SpecNames
{
    /// <summary>Longest DNS-1123 label, label name or label value.</summary>
    public const int MaxLabelLength = 63;

    /// <summary>Longest DNS-1123 subdomain.</summary>
    public const int MaxSubdomainLength = 253;

    /// <summary>Rule text for DNS-1123 labels.</summary>
    public const string Dns1123LabelRule =
        "lowercase letters a-z, digits and '-', starting and ending with a letter or digit, at most 63 characters";

    /// <summary>Rule text for DNS-1123 subdomains.</summary>
    public const string Dns1123SubdomainRule =
        "dot-separated DNS-1123 labels (lowercase letters a-z, digits and '-'), at most 253 characters";

    /// <summary>Rule text for the keys of a secret (Kubernetes Secret data keys).</summary>
    public const string SecretKeyRule = "at most 253 characters of A-Z, a-z, 0-9, '-', '_' and '.'";

    /// <summary>Rule text for label keys.</summary>
    public const string LabelKeyRule =
        "an optional DNS subdomain prefix and '/', then a name of at most 63 characters of A-Z, a-z, 0-9, '-', '_', '.' starting and ending with a letter or digit";

    /// <summary>Rule text for label values.</summary>
    public const string LabelValueRule =
        "empty, or at most 63 characters of A-Z, a-z, 0-9, '-', '_', '.' starting and ending with a letter or digit";

    /// <summary>Rule text for param names.</summary>
    public const string ParamNameRule = "letters A-Z or a-z, digits and '_', not starting with a digit";

    /// <summary>Rule text for environment variable names.</summary>
    public const string EnvVarRule = "letters A-Z or a-z, digits and '_', not starting with a digit";

    /// <summary>Whether <paramref name="value"/> is a DNS-1123 label (job, task, namespace and group names).</summary>
    public static bool IsDns1123Label(string? value) =>
        value is { Length: > 0 and <= MaxLabelLength }
        && IsLowerAlphanumeric(value[0])
        && IsLowerAlphanumeric(value[^1])
        && value.All(c => IsLowerAlphanumeric(c) || c == '-');

    /// <summary>Whether <paramref name="value"/> is a DNS-1123 subdomain (secret names, label key prefixes).</summary>
    public static bool IsDns1123Subdomain(string? value) =>
        value is { Length: > 0 and <= MaxSubdomainLength }
        && value.Split('.').All(IsDns1123Label);

    /// <summary>Whether <paramref name="key"/> may name a value in a secret, as a Kubernetes Secret's data key.</summary>
    public static bool IsSecretKey(string key) =>
        key.Length is > 0 and <= MaxSubdomainLength && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Whether <paramref name="key"/> is a Kubernetes label key (<c>team</c>, <c>example.com/tier</c>).</summary>
    public static bool IsLabelKey(string? key)
    {
        if (key is null)
        {
            return false;
        }

        var slash = key.IndexOf('/');
        return slash < 0
            ? IsLabelName(key)
            : IsDns1123Subdomain(key[..slash]) && IsLabelName(key[(slash + 1)..]);
    }

    /// <summary>Whether <paramref name="value"/> is a Kubernetes label value (possibly empty).</summary>
    public static bool IsLabelValue(string? value) => value is not null && (value.Length == 0 || IsLabelName(value));

    /// <summary>Whether <paramref name="name"/> is a param name: an identifier, so it can become <c>GENIE_PARAM_NAME</c>.</summary>
    public static bool IsParamName(string? name) => IsIdentifier(name);

    /// <summary>Whether <paramref name="name"/> is a portable environment variable name.</summary>
    public static bool IsEnvVarName(string? name) => IsIdentifier(name);

    /// <summary>
    /// Explains why <paramref name="value"/> is not a DNS-1123 label, or returns null when it is one.
    /// Suitable for names that arrive in URLs.
    /// </summary>
    public static string? ExplainDns1123Label(string? value) =>
        IsDns1123Label(value) ? null : Explain(value, "a DNS-1123 label", Dns1123LabelRule);

    /// <summary>Builds the message for a name that breaks <paramref name="rule"/>, naming an invisible or non-ASCII culprit when there is one.</summary>
    internal static string Explain(string? value, string what, string rule)
    {
        if (string.IsNullOrEmpty(value))
        {
            return $"must not be empty: {what} is {rule}";
        }

        var odd = FirstUnexpectedCharacter(value);
        var culprit = odd is null ? "" : $" (it contains {odd})";
        return $"`{QuotedText.Of(value)}` is not {what}{culprit}: {rule}";
    }

    // Names of characters that look like nothing or like something else, so users can find them.
    private static string? FirstUnexpectedCharacter(string value)
    {
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsAscii && !Rune.IsControl(rune) && rune.Value != ' ')
            {
                continue;
            }

            var category = Rune.GetUnicodeCategory(rune);
            var kind = rune.Value == ' ' ? "a space"
                : Rune.IsControl(rune) ? "a control character"
                : category is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
                    or UnicodeCategory.SpaceSeparator
                    ? "an invisible character"
                    : "the non-ASCII character";
            return rune.Value == ' ' ? kind : $"{kind} U+{rune.Value:X4}";
        }

        return null;
    }

    private static bool IsLabelName(string name) =>
        name.Length is > 0 and <= MaxLabelLength
        && char.IsAsciiLetterOrDigit(name[0])
        && char.IsAsciiLetterOrDigit(name[^1])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static bool IsIdentifier(string? name) =>
        name is { Length: > 0 }
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
