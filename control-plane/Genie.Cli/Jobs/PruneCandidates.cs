using Genie.Client;
using Genie.Client.Contracts;

namespace Genie.Cli.Jobs;

/// <summary>
/// The jobs a prune deletes: in each namespace the files (or `-n`) name, the live jobs marked with the source that
/// none of the files defines. Jobs applied by hand or from another source are never among them.
/// </summary>
public static class PruneCandidates
{
    public static async Task<IReadOnlyList<JobResource>> FindAsync(
        GenieClient client, IReadOnlyList<SpecFile> files, string defaultNamespace, string source, CancellationToken cancellationToken)
    {
        var defined = files.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var namespaces = files.Select(f => f.Namespace).Append(defaultNamespace).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var candidates = new List<JobResource>();
        foreach (var ns in namespaces)
        {
            var managed = await Pages.AllAsync(cursor =>
                client.ListJobsAsync(ns, new JobListQuery(Limit: Pages.Size, Cursor: cursor, Source: source), cancellationToken));
            candidates.AddRange(managed.Where(j => !defined.Contains($"{j.Namespace}/{j.Name}")));
        }

        return candidates;
    }
}
