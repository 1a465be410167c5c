using System.Diagnostics;
using Genie.Benchmarks.Harness;

// `make bench` runs the full set and keeps the table; `make test` runs `--smoke` so the harness cannot rot.
// Usage: Genie.Benchmarks [--smoke] [--only AREA] [--markdown FILE]
var smoke = args.Contains("--smoke");
var only = ValueOf("--only");
var markdown = ValueOf("--markdown");
var settings = smoke ? BenchSettings.SmokeRun : BenchSettings.Full;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var benchmarks = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(IBenchmark)))
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .Where(b => only is null || b.Area.Contains(only, StringComparison.OrdinalIgnoreCase))
    .OrderBy(b => b.Order)
    .ToList();

var results = new ResultTable();
var failures = new List<string>();
var clock = Stopwatch.StartNew();
await using (var cluster = await BenchCluster.StartAsync(stop.Token))
{
    var context = new BenchContext(settings, cluster, results);
    foreach (var benchmark in benchmarks)
    {
        Console.Error.WriteLine($"{benchmark.Area} ({clock.Elapsed:mm\\:ss})");
        try
        {
            await benchmark.RunAsync(context, stop.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One broken area must not hide the others' figures; the exit code still says something failed.
            failures.Add($"{benchmark.Area}: {e}");
            Console.Error.WriteLine($"{benchmark.Area} failed: {e}");
        }
    }
}

var table = results.ToMarkdown();
Console.WriteLine(table);
if (markdown is not null)
{
    await File.WriteAllTextAsync(markdown, table);
}

Console.WriteLine($"{results.Rows.Count} figures, {failures.Count} failed areas, {clock.Elapsed:mm\\:ss} ({(smoke ? "smoke" : "full")} run)");
return failures.Count == 0 ? 0 : 1;

string? ValueOf(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
