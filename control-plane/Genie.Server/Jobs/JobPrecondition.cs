namespace Genie.Server.Jobs;

/// <summary>
/// The HTTP conditional headers of a job write: `If-Match` (optimistic concurrency on the current version)
/// and `If-None-Match: *` (create only).
/// </summary>
public sealed record JobPrecondition(string? IfMatch, string? IfNoneMatch)
{
    public static JobPrecondition None { get; } = new(null, null);

    /// <summary>The ETag of a live job at a version; a job's ETag changes with every new version.</summary>
    public static string ETagOf(int version) => $"\"v{version}\"";

    /// <summary>Whether the write may go ahead, given the version of the live job (null when there is none).</summary>
    public bool IsSatisfiedBy(int? liveVersion)
    {
        if (IfNoneMatch is not null && liveVersion is not null &&
            (IfNoneMatch.Trim() == "*" || Tags(IfNoneMatch).Contains(ETagOf(liveVersion.Value))))
        {
            return false;
        }

        if (IfMatch is null)
        {
            return true;
        }

        return liveVersion is not null &&
               (IfMatch.Trim() == "*" || Tags(IfMatch).Contains(ETagOf(liveVersion.Value)));
    }

    // Weak validators compare equal here: a job's version is the only thing its ETag encodes.
    private static IEnumerable<string> Tags(string header) => header
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(tag => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag);
}
