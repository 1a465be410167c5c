using System.Diagnostics;

namespace Genie.Benchmarks.ApiAtScale;

/// <summary>Sends one endpoint's requests one after another and times each, end to end over HTTP.</summary>
public static class LatencyProbe
{
    /// <summary>Latencies in milliseconds of <paramref name="count"/> requests, after <paramref name="warmUp"/> untimed ones.</summary>
    public static async Task<double[]> MeasureAsync(ScaleRequest request, int firstIndex, int warmUp, int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < warmUp; i++)
        {
            await request.SendAsync(firstIndex + count + i, cancellationToken);
        }

        var latencies = new double[count];
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await request.SendAsync(firstIndex + i, cancellationToken);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        return latencies;
    }
}
