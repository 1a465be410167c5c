using System.Globalization;
using System.Text.RegularExpressions;
using Genie.Client.Contracts;

namespace Genie.Server.Api;

/// <summary>Reads RFC 3339 timestamps: date, `T`, time and an explicit offset (`Z` or `±hh:mm`), nothing looser, so no zone is guessed.</summary>
public static partial class Rfc3339Time
{
    public const string Rule = "must be an RFC 3339 time with an offset, such as 2026-11-22T05:00:00Z";

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        return Shape().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>
    /// Reads an optional query value as a UTC instant (Npgsql writes only UTC to `timestamptz`): null when absent, or null
    /// with an error at <paramref name="path"/> when malformed.
    /// </summary>
    public static DateTimeOffset? Read(string? text, string path, List<FieldError> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (TryParse(text, out var value))
        {
            return value.ToUniversalTime();
        }

        errors.Add(new FieldError(path, Rule));
        return null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,7})?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Shape();
}
