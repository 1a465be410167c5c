namespace Genie.Benchmarks.Harness;

/// <summary>
/// One line of the table: a figure (the median over the rounds) of one subject. Rows sharing a
/// <see cref="Comparison"/> key are compared with that key's Genie row in the ratio column.
/// </summary>
public sealed record BenchResult(
    string Area,
    string Metric,
    string Subject,
    double Median,
    string Unit,
    Better Better,
    string? Comparison = null,
    string? Note = null);
