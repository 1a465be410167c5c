using Genie.Core.Specs;

namespace Genie.Core.Airflow;

/// <summary>
/// Airflow DAG ids of Genie jobs: <c>genie__NAMESPACE__JOB</c>. Namespaces and job names are DNS-1123
/// labels (a-z, 0-9, '-', at most 63 characters), which cannot contain "__", so the id is unambiguous,
/// uses only the characters Airflow allows (<c>[A-Za-z0-9_.-]</c>) and stays far below 250 characters.
/// </summary>
public static class DagIds
{
    private const string Prefix = "genie__";
    private const string Separator = "__";

    /// <summary>The DAG id of job <paramref name="job"/> in namespace <paramref name="ns"/>.</summary>
    public static string For(string ns, string job)
    {
        if (!SpecNames.IsDns1123Label(ns))
        {
            throw new ArgumentException($"`{ns}` is not a namespace (a DNS-1123 label)", nameof(ns));
        }

        if (!SpecNames.IsDns1123Label(job))
        {
            throw new ArgumentException($"`{job}` is not a job name (a DNS-1123 label)", nameof(job));
        }

        return Prefix + ns + Separator + job;
    }

    /// <summary>The namespace and job of a Genie DAG id; false for any other DAG.</summary>
    public static bool TryParse(string dagId, out string ns, out string job)
    {
        ns = job = "";
        if (!dagId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = dagId[Prefix.Length..];
        var split = rest.IndexOf(Separator, StringComparison.Ordinal);
        if (split < 0 || !SpecNames.IsDns1123Label(rest[..split]) || !SpecNames.IsDns1123Label(rest[(split + Separator.Length)..]))
        {
            return false;
        }

        (ns, job) = (rest[..split], rest[(split + Separator.Length)..]);
        return true;
    }
}
