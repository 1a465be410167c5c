using System.Globalization;
using System.Text;
using Genie.Client;
using Genie.Server.Tests.Executors.Local;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>Task logs over the API: timestamped stdout and stderr lines, the tail, byte ranges, and following a live attempt.</summary>
public sealed class TaskLogTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly JobBench _bench = new(app, "logs");

    [Fact]
    public async Task Stdout_and_stderr_lines_are_kept_with_their_stream_and_timestamps()
    {
        await _bench.ApplyAsync("chatty", """
            - name: talk
              script: 'echo out one; echo err one >&2; sleep 0.1; echo out two; printf "no newline"'
            """);
        var run = await _bench.RunAsync("chatty");

        var lines = LogLine.ParseAll(await _bench.Client.GetTaskLogAsync(_bench.Namespace, run.Id, "talk"));

        // Each stream keeps its order; between the two pipes the order is as the pumps read them.
        lines.Where(l => l.Stream == "stdout").Select(l => l.Text).ShouldBe(["out one", "out two", "no newline"]);
        lines.Where(l => l.Stream == "stderr").Select(l => l.Text).ShouldBe(["err one"]);
        lines.Count.ShouldBe(4);
        var times = lines.Select(l => DateTimeOffset.ParseExact(l.Timestamp, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal)).ToList();
        times.ShouldBeInOrder();
        var attempt = run.Instance("talk").History.Single();
        times[0].ShouldBeGreaterThanOrEqualTo(attempt.StartedAt.AddMilliseconds(-1));
    }

    [Fact]
    public async Task Tail_returns_the_last_lines()
    {
        await _bench.ApplyAsync("counter", "- {name: count, command: [seq, \"1\", \"50\"]}");
        var run = await _bench.RunAsync("counter");

        var tail = await _bench.Client.GetTaskLogAsync(_bench.Namespace, run.Id, "count", tail: 3);

        LogLine.ParseAll(tail).Select(l => l.Text).ShouldBe(["48", "49", "50"]);
    }

    [Fact]
    public async Task Byte_ranges_page_through_the_log_with_the_next_offset()
    {
        await _bench.ApplyAsync("pages", "- {name: count, command: [seq, \"1\", \"200\"]}");
        var run = await _bench.RunAsync("pages");
        var whole = await _bench.Client.GetTaskLogAsync(_bench.Namespace, run.Id, "count");
        using var http = app.CreateClient();

        var pieces = new StringBuilder();
        var offset = 0L;
        var requests = 0;
        while (true)
        {
            using var response = await http.GetAsync($"/api/v1/namespaces/{_bench.Namespace}/runs/{run.Id}/tasks/count/logs?offset={offset}&limit=1000");
            response.EnsureSuccessStatusCode();
            var text = await response.Content.ReadAsStringAsync();
            var next = long.Parse(response.Headers.GetValues("Genie-Next-Offset").Single(), CultureInfo.InvariantCulture);
            requests++;
            if (text.Length == 0)
            {
                next.ShouldBe(offset);
                break;
            }

            next.ShouldBe(offset + Encoding.UTF8.GetByteCount(text));
            pieces.Append(text);
            offset = next;
        }

        pieces.ToString().ShouldBe(whole);
        requests.ShouldBeGreaterThan(2);
        // The client's offset reads the rest of the log from a byte position.
        var fromMiddle = await _bench.Client.GetTaskLogAsync(_bench.Namespace, run.Id, "count", offset: 1000);
        fromMiddle.ShouldBe(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(whole)[1000..]));
    }

    [Fact]
    public async Task Each_attempt_has_its_own_log()
    {
        await _bench.ApplyAsync("two-tries", """
            - name: flaky
              retry: {limit: 1, delay: 100ms}
              script: 'echo "attempt $GENIE_ATTEMPT"; [ "$GENIE_ATTEMPT" = 2 ]'
            """);
        var run = await _bench.RunAsync("two-tries");

        (await _bench.StdoutAsync(run, "flaky", attempt: 1)).ShouldBe(["attempt 1"]);
        (await _bench.StdoutAsync(run, "flaky", attempt: 2)).ShouldBe(["attempt 2"]);
        (await _bench.StdoutAsync(run, "flaky")).ShouldBe(["attempt 2"]);
        var missing = await Should.ThrowAsync<GenieApiException>(() => _bench.Client.GetTaskLogAsync(_bench.Namespace, run.Id, "flaky", attempt: 3));
        missing.StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task Following_streams_lines_while_the_attempt_runs_and_ends_with_it()
    {
        using var gate = new TaskGate();
        await _bench.ApplyAsync("live", $$"""
            - name: stream
              script: "for i in 1 2 3 4 5; do echo line $i; sleep 0.2; done; {{gate.WaitScript}}; for i in 6 7 8 9 10; do echo line $i; sleep 0.2; done"
            """);
        var run = await _bench.TriggerAsync("live");
        await _bench.Client.UntilRunningAsync(run, "stream");

        var received = new List<string>();
        using var hangGuard = new CancellationTokenSource(RunPolling.Limit);
        await foreach (var line in _bench.Client.FollowTaskLogAsync(_bench.Namespace, run.Id, "stream", cancellationToken: hangGuard.Token))
        {
            received.Add(LogLine.Parse(line).Text);
            if (received.Count == 5)
            {
                // Five lines arrived while the task is still blocked on the gate: they were streamed live.
                (await _bench.Client.GetRunAsync(_bench.Namespace, run.Id)).Instance("stream").State.ShouldBe("running");
                gate.Open();
            }
        }

        received.ShouldBe(Enumerable.Range(1, 10).Select(i => $"line {i}"));
        var finished = await _bench.Client.GetRunAsync(_bench.Namespace, run.Id);
        finished.Instance("stream").History.Single().State.ShouldBe("succeeded");
    }
}
