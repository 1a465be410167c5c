namespace Genie.Benchmarks.ApiAtScale;

/// <summary>
/// A tiny seeded generator (SplitMix64): every run's rows are derived from the run's own seed, so the run, task
/// and attempt writers, each on its own connection, produce matching rows without sharing state or allocating.
/// </summary>
public struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A whole number in [0, <paramref name="bound"/>).</summary>
    public int Below(int bound) => (int)(Next() % (ulong)bound);

    /// <summary>A number in [0, 1).</summary>
    public double Fraction() => (Next() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => Fraction() < probability;
}
