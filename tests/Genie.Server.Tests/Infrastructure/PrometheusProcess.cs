using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Genie.Server.Tests.Infrastructure;

/// <summary>
/// Debian's Prometheus as a real process on 127.0.0.1, scraping one target every second, with its HTTP API for PromQL.
/// Its data lives in a scratch folder deleted on dispose; only the process started here is ever stopped.
/// </summary>
public sealed class PrometheusProcess : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus";

    private readonly Process _process;
    private readonly string _dir;
    private readonly HttpClient _http;

    private PrometheusProcess(Process process, string dir, Uri address)
    {
        _process = process;
        _dir = dir;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Starts Prometheus scraping <paramref name="target"/>'s `/metrics`; fails (never skips) when it is not installed.</summary>
    public static async Task<PrometheusProcess> StartAsync(Uri target, TimeSpan timeout)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"Prometheus is not installed at {Binary}: run `make deps` (Debian's `prometheus` package).");
        }

        var dir = TestPostgres.NewScratchDir();
        var port = FreePort();
        var config = Path.Combine(dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: genie
                metrics_path: /metrics
                static_configs:
                  - targets: ["{target.Authority}"]
            """);
        var info = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(dir, "data")}",
                     $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
                 })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var prometheus = new PrometheusProcess(process, dir, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await prometheus.UntilReadyAsync(timeout);
            return prometheus;
        }
        catch
        {
            await prometheus.DisposeAsync();
            throw;
        }
    }

    /// <summary>The result vector of an instant PromQL query now; an error answer (a query that does not parse) throws with its message.</summary>
    public async Task<IReadOnlyList<Sample>> QueryAsync(string promql)
    {
        using var response = await _http.GetAsync("api/v1/query?query=" + Uri.EscapeDataString(promql));
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = answer.RootElement;
        if (root.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"Prometheus refused `{promql}`: {root.GetProperty("error").GetString()}");
        }

        var data = root.GetProperty("data");
        return data.GetProperty("resultType").GetString() switch
        {
            "vector" => data.GetProperty("result").EnumerateArray().Select(SampleOf).ToList(),
            "scalar" => [new Sample(new Dictionary<string, string>(), ValueOf(data.GetProperty("result")))],
            var other => throw new InvalidOperationException($"`{promql}` answered a {other}, not an instant vector"),
        };
    }

    /// <summary>The values a label takes in series matching <paramref name="selector"/>.</summary>
    public async Task<IReadOnlyList<string>> LabelValuesAsync(string label, string selector)
    {
        using var response = await _http.GetAsync($"api/v1/label/{Uri.EscapeDataString(label)}/values?match[]={Uri.EscapeDataString(selector)}");
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        answer.RootElement.GetProperty("status").GetString().ShouldBe("success", $"label values of {label} in {selector}");
        return answer.RootElement.GetProperty("data").EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    /// <summary>
    /// Queries until <paramref name="holds"/> accepts the answer (scrapes come every second) or <paramref name="patience"/>
    /// is spent; returns the last answer either way, for the test to assert on.
    /// </summary>
    public async Task<IReadOnlyList<Sample>> QueryUntilAsync(string promql, Func<IReadOnlyList<Sample>, bool> holds, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var samples = await QueryAsync(promql);
            if (holds(samples) || DateTime.UtcNow > deadline)
            {
                return samples;
            }

            await Task.Delay(500);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task UntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Prometheus exited at start with status {_process.ExitCode}");
            }

            try
            {
                using var ready = await _http.GetAsync("-/ready");
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Prometheus was not ready within {timeout}");
            }

            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Sample SampleOf(JsonElement series) => new(
        series.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
        ValueOf(series.GetProperty("value")));

    // A sample is [unix time, "value"]; the value may be "NaN" or "+Inf".
    private static double ValueOf(JsonElement pair) => pair[1].GetString() switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        var text => double.Parse(text!, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary>One series of an answer: its labels and its value.</summary>
    public sealed record Sample(IReadOnlyDictionary<string, string> Labels, double Value);
}
