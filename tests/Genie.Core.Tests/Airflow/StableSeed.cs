using System.Text;

namespace Genie.Core.Tests.Airflow;

/// <summary>
/// A random generator's seed derived from a test case's name with 32-bit FNV-1a, so it is the same in every
/// process and on every machine (unlike <see cref="string.GetHashCode()"/>, randomised per process): a failing
/// case replays exactly by running it again.
/// </summary>
internal static class StableSeed
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    /// <summary>The non-negative seed of <paramref name="name"/>.</summary>
    public static int Of(string name)
    {
        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = unchecked((hash ^ b) * Prime);
        }

        return (int)(hash & 0x7fffffff);
    }
}
