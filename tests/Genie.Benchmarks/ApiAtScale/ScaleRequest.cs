namespace Genie.Benchmarks.ApiAtScale;

/// <summary>One measured endpoint: its row name, and how to send request number n (parameters vary with n).</summary>
public sealed record ScaleRequest(string Metric, Func<int, CancellationToken, Task> SendAsync);
