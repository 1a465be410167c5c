using System.Diagnostics;
using Genie.Client;

namespace Genie.Benchmarks.Triggering;

/// <summary>
/// Drives `POST .../runs` against a set of jobs, round robin: closed-loop at saturation (a fixed number of requests always
/// in flight) or open-loop at a fixed rate (requests start on schedule whether or not earlier ones returned,
/// so a slow server shows as latency instead of silently lowering the rate).
/// </summary>
public sealed class TriggerLoad(GenieClient client, string ns, IReadOnlyList<string> jobs)
{
    /// <summary>Triggers per second with <paramref name="inFlight"/> requests always outstanding for <paramref name="duration"/>.</summary>
    public async Task<double> SaturateAsync(int inFlight, TimeSpan duration, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var done = 0;
        var workers = Enumerable.Range(0, inFlight).Select(async worker =>
        {
            while (clock.Elapsed < duration)
            {
                await client.TriggerRunAsync(ns, jobs[worker % jobs.Count], cancellationToken: cancellationToken);
                Interlocked.Increment(ref done);
            }
        });
        await Task.WhenAll(workers);
        return done / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Latencies in milliseconds of triggers started <paramref name="perSecond"/> times a second for <paramref name="duration"/>.</summary>
    public async Task<IReadOnlyList<double>> AtRateAsync(double perSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        var count = (int)Math.Round(perSecond * duration.TotalSeconds);
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        var clock = Stopwatch.StartNew();
        var requests = new List<Task<double>>(count);
        for (var i = 0; i < count; i++)
        {
            var due = interval * i;
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            requests.Add(TimedAsync(jobs[i % jobs.Count], cancellationToken));
        }

        return await Task.WhenAll(requests);
    }

    private async Task<double> TimedAsync(string job, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await client.TriggerRunAsync(ns, job, cancellationToken: cancellationToken);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
