using System.Collections.Concurrent;
using Genie.Client.Contracts;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Limits;

/// <summary>
/// Ten thousand generated malformed and hostile requests against the real server process, in batches: no answer is a
/// 5xx, none hangs, the process's memory stays bounded, and between batches a normal apply and read still work.
/// </summary>
public sealed class HostileInputFuzzTests : IAsyncLifetime
{
    private const int Seed = 20261201;
    private const int Requests = 10_000;
    private const int Batches = 20;
    private const int InFlight = 16;
    private const int SlowRequests = 80;
    private const int SlowInFlight = 10;
    private const string Namespace = "fuzz";
    private const string ParamJob = "with-params";

    // Every request gets this long; slow bodies and headers are cut off by the server within about 4 s (the limits below).
    private static readonly TimeSpan RequestPatience = TimeSpan.FromSeconds(20);

    // The bound on the server's resident memory. At most 16 requests are in flight, each buffering at most the 4 MiB
    // body limit (specs 256 KiB, trigger bodies 1 MiB) plus a parse tree capped by the spec's node limit, so hostile
    // input can pin well under 100 MiB at once above the ~200-300 MiB an idle Genie with its runtime holds. A GiB
    // leaves room for a lazy garbage collector while still failing on a leak or a YAML bomb that expands.
    private const long MaxResidentBytes = 1L << 30;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly string _dataDir = TestPostgres.NewScratchDir();
    private TestDatabase _database = null!;
    private ServerProcess _server = null!;

    [Fact]
    public async Task Hostile_requests_get_no_5xx_no_hang_bounded_memory_and_normal_requests_keep_working()
    {
        var generator = new HostileRequestGenerator(Seed, Namespace, ParamJob, TestCredentials.AdminKey);
        var client = _server.CreateClient();
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<string, int>();
        var peak = 0L;

        async ValueTask SendAsync(HostileRequest request)
        {
            var answer = await SendBoundedAsync(request);
            statuses.AddOrUpdate(answer, 1, (_, n) => n + 1);
            if (IsFailure(answer, request))
            {
                failures.Enqueue($"{answer} for {request.Kind}: {request.RequestLine}");
            }
        }

        // Slow clients trickle beside the batches for the whole run, a few at a time, holding connections while the
        // other requests and the normal checks go on. The generator is not thread-safe, and generating up front keeps
        // the sequence fixed by the seed alone.
        var slow = Enumerable.Range(0, SlowRequests).Select(_ => generator.Slow()).ToList();
        var slowTraffic = Parallel.ForEachAsync(slow, new ParallelOptions { MaxDegreeOfParallelism = SlowInFlight }, (request, _) => SendAsync(request));
        var batchSize = (Requests - SlowRequests) / Batches;
        for (var batch = 0; batch < Batches; batch++)
        {
            var fast = Enumerable.Range(0, batchSize).Select(_ => generator.Next()).ToList();
            await Parallel.ForEachAsync(fast, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, (request, _) => SendAsync(request));

            _server.IsRunning.ShouldBeTrue("Genie died during batch " + batch + ":\n" + Tail(_server.Output));
            var resident = _server.ResidentBytes();
            peak = Math.Max(peak, resident);
            resident.ShouldBeLessThan(MaxResidentBytes, $"after batch {batch}");

            // A normal request between batches: a new version applied, then read back.
            var applied = await client.ApplyJobAsync(Namespace, "steady", TestSpecs.Yaml("steady", message: $"batch-{batch}"));
            applied.Result.Outcome.ShouldBe(batch == 0 ? ApplyOutcome.Created : ApplyOutcome.Updated);
            (await client.GetJobAsync(Namespace, "steady")).Version.ShouldBe(batch + 1);
        }

        await slowTraffic;
        failures.ShouldBeEmpty(string.Join("\n", failures.Take(20)) + "\nGenie's errors:\n" + Tail(ErrorLines()));
        // A request Genie answered 4xx but still logged as an error would be a 5xx waiting for another client.
        ErrorLines().ShouldBeEmpty();
        var summary = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"));
        statuses.Values.Sum().ShouldBe(Requests, summary);
        Console.WriteLine($"Hostile input: {summary}; peak resident memory {peak / (1024 * 1024)} MiB");
    }

    // 505 is the one 5xx a client earns: Kestrel's answer to a request line naming an HTTP version it does not speak
    // (RFC 9110 §15.6.6), given before Genie sees the request. Anywhere else it would be a failure like any 5xx.
    private static bool IsFailure(string answer, HostileRequest request) =>
        answer == "hang"
        || (answer.StartsWith('5') && !(answer == "505" && !request.RequestLine.EndsWith(" HTTP/1.1", StringComparison.Ordinal)
            && !request.RequestLine.EndsWith(" HTTP/1.0", StringComparison.Ordinal)));

    /// <summary>The status as text, "closed" when the server closed the connection without an answer, "hang" past the patience.</summary>
    private async Task<string> SendBoundedAsync(HostileRequest request)
    {
        using var patience = new CancellationTokenSource(RequestPatience);
        try
        {
            var answer = await RawHttpExchange.SendAsync(_server.BaseAddress, request, patience.Token);
            return answer.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "closed";
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested)
        {
            return "hang";
        }
        catch (System.Net.Sockets.SocketException)
        {
            return "closed";
        }
    }

    private string ErrorLines() =>
        string.Join("\n", _server.Output.Split('\n').Where(l => l.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal)).Take(5));

    private static string Tail(string output) => output.Length > 4000 ? output[^4000..] : output;

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync(nameof(HostileInputFuzzTests));
        _server = await ServerProcess.StartAsync(_dataDir, Patience, new Dictionary<string, string>
        {
            ["Genie:Database:ConnectionString"] = _database.ConnectionString,
            // Short enough that the slow requests end within a batch; the defaults are longer.
            ["Genie:Limits:RequestHeadersTimeout"] = "00:00:02",
            ["Genie:Limits:MinRequestBodyGrace"] = "00:00:02",
        });
        var spec = $$"""
            apiVersion: genie.dev/v1
            kind: Job
            metadata: {name: {{ParamJob}}, group: fuzz}
            spec:
              params:
                n: {type: integer, required: true, enum: [7]}
              tasks:
                - name: a
                  command: ["true"]
            """;
        (await _server.CreateClient().ApplyJobAsync(Namespace, ParamJob, spec)).Result.Outcome.ShouldBe(ApplyOutcome.Created);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _database.DisposeAsync();
        await TestPostgres.DeleteScratchDirAsync(_dataDir);
    }
}
