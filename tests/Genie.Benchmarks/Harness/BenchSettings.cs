namespace Genie.Benchmarks.Harness;

/// <summary>How big a benchmark run is: the full run for the published table, or the smoke run `make test` uses to keep the harness alive.</summary>
public sealed record BenchSettings(bool Smoke, int Rounds)
{
    public static BenchSettings Full { get; } = new(false, 3);

    public static BenchSettings SmokeRun { get; } = new(true, 1);

    /// <summary>The full-size figure, or a small one in a smoke run.</summary>
    public int Size(int full, int smoke) => Smoke ? smoke : full;
}
