using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Genie.Benchmarks.Peers;

/// <summary>One run of `node run.mjs PACKAGE` in the peers folder: the database and sizes go in by environment, a <see cref="PeerReport"/> comes back.</summary>
public static class PeerScript
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Measures <paramref name="peer"/> once on <paramref name="connectionString"/>; the node process is killed on timeout or cancellation.</summary>
    public static async Task<PeerReport> RunAsync(
        PeerQueue peer, string connectionString, PeerWorkload workload, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = PeerQueue.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("run.mjs");
        info.ArgumentList.Add(peer.Package);
        info.Environment["PEER_DATABASE_URL"] = PostgresUrl.FromConnectionString(connectionString);
        info.Environment["PEER_ENQUEUE_JOBS"] = Text(workload.EnqueueJobs);
        info.Environment["PEER_PRODUCERS"] = Text(workload.Producers);
        info.Environment["PEER_PICKUP_JOBS"] = Text(workload.PickupJobs);
        info.Environment["PEER_PICKUP_INTERVAL_MS"] = Text(workload.PickupIntervalMs);

        using var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // A stuck peer must not outlive the run: its worker and pool connections would keep the database busy.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{peer.Package} did not finish within {timeout}:\n{await stderr}");
        }

        var output = await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{peer.Package} exited with {process.ExitCode}:\n{errors}");
        }

        if (errors.Length > 0)
        {
            // Warnings the peer printed on a run that still succeeded are worth seeing next to its figures.
            Console.Error.WriteLine($"  {peer.Package}: {errors.TrimEnd()}");
        }

        var lastLine = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        var report = lastLine is null ? null : JsonSerializer.Deserialize<PeerReport>(lastLine, Json);
        if (report?.Setup is null || report.Enqueue is null || report.Pickup?.SamplesMs is not { Count: > 0 })
        {
            throw new InvalidOperationException($"{peer.Package} printed no complete report:\n{output}");
        }

        return report;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
