using Genie.Core.Specs;

namespace Genie.Core.Airflow;

/// <summary>
/// The tags of a generated DAG: <c>genie</c>, <c>genie-namespace:NS</c>, <c>genie-job:NAME</c>,
/// <c>genie-group:GROUP</c>, <c>genie-hash:HEX12</c> and one <c>KEY=VALUE</c> per job label, so Airflow's
/// <c>GET /api/v2/dags?tags=</c> filters like Genie's own listings. Airflow refuses tags over 100
/// characters, so a label that long is left out (label keys may be 316 characters).
/// </summary>
public static class DagTags
{
    /// <summary>The tag on every DAG Genie generates.</summary>
    public const string Genie = "genie";

    /// <summary>The longest tag Airflow accepts.</summary>
    public const int MaxLength = 100;

    private const string HashPrefix = "genie-hash:";
    private const int HashDigits = 12;

    /// <summary>
    /// The tag that identifies one generated file: the first 12 hex digits of the SHA-256 of the file
    /// as generated with this tag's value left empty (so the tag can live inside the file it names).
    /// Any change to the file, whether from the spec, the version or the compiler options, changes it.
    /// </summary>
    public static string HashTag(string sourceWithBlankTagSha256) => HashPrefix + sourceWithBlankTagSha256[..HashDigits];

    /// <summary>The placeholder the hash tag has while the file's own hash is computed.</summary>
    internal static string BlankHashTag => HashPrefix;

    /// <summary>The tags of <paramref name="job"/>, in a fixed order.</summary>
    internal static IReadOnlyList<string> For(JobDefinition job, string hashTag)
    {
        var tags = new List<string>
        {
            Genie,
            "genie-namespace:" + job.Metadata.Namespace,
            "genie-job:" + job.Metadata.Name,
        };
        if (job.Metadata.Group is { } group)
        {
            tags.Add("genie-group:" + group);
        }

        tags.Add(hashTag);
        tags.AddRange(job.Metadata.Labels
            .Select(l => l.Key + "=" + l.Value)
            .Where(t => t.Length <= MaxLength)
            .Order(StringComparer.Ordinal));
        return tags;
    }
}
