namespace Genie.Server.Jobs;

/// <summary>The rule for a source name (`?source=` of apply and of the job listing): short, printable and unambiguous in a URL.</summary>
public static class JobSourceName
{
    public const int MaxLength = 253;
    public const string Rule = "must be 1-253 characters of letters, digits and - _ . : / @";

    public static bool IsValid(string? source) =>
        source is { Length: > 0 and <= MaxLength } && source.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/' or '@');
}
