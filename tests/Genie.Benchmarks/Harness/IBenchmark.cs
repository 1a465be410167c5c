namespace Genie.Benchmarks.Harness;

/// <summary>One area of the table: measures its figures over the run's rounds and adds a row per figure.</summary>
public interface IBenchmark
{
    string Area { get; }

    /// <summary>Place in the run and in the table (ascending).</summary>
    int Order { get; }

    Task RunAsync(BenchContext context, CancellationToken cancellationToken);
}
