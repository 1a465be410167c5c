namespace Genie.Benchmarks.ApiAtScale;

/// <summary>The generated jobs and runs of one benchmark run, and where their attempt logs would live.</summary>
public sealed record ScaleDataset(IReadOnlyList<ScaleJob> Jobs, ScaleRun[] Runs, DateTime Now, string DataDir);
