namespace Genie.Benchmarks.Harness;

/// <summary>Which way a figure is good, so ratios read the same way for every row.</summary>
public enum Better
{
    Higher,
    Lower,
}
