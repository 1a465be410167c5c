using System.Collections.Concurrent;
using System.Diagnostics;
using Genie.Benchmarks.Harness;
using Genie.Client;

namespace Genie.Benchmarks.EventDelivery;

/// <summary>
/// How soon a client of the event stream hears of a commit: one client follows `GET /api/v1/events` (GenieClient's
/// SSE reader, one connection) while triggers go one at a time, spaced as the peers' pickup latency is. For each
/// trigger the time from sending the request to the client having parsed the run's `run.created` event is measured
/// (an upper bound of commit → received: it includes the request and the trigger's transaction), and the time from
/// the trigger's answer to that event (commit precedes the answer, so this leaves out the trigger; negative when the
/// event arrives first). All runs queue behind one long run of their job, so no task process competes for the cores.
/// </summary>
public sealed class EventDeliveryBenchmark : IBenchmark
{
    private const string Ns = "bench-events";
    private const string Job = "queued";

    public string Area => "Event stream";

    public int Order => 15;

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await using var server = await context.StartGenieAsync("events", null, cancellationToken);
        var client = server.CreateClient();
        await client.ApplyJobAsync(Ns, Job, Spec, cancellationToken: cancellationToken);
        var triggers = context.Settings.Size(250, 10);
        var spacing = TimeSpan.FromMilliseconds(50);

        var rounds = await context.RoundsAsync(async _ =>
        {
            var received = new ConcurrentDictionary<string, long>();
            using var listening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var listener = ListenAsync(client, received, listening.Token);

            // The first trigger is the client's proof of being subscribed; it is not measured.
            var first = await client.TriggerRunAsync(Ns, Job, cancellationToken: cancellationToken);
            await UntilReceivedAsync(received, first.Id, cancellationToken);

            var sent = new List<(string Run, long Sent, long Answered)>();
            for (var i = 0; i < triggers; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var run = await client.TriggerRunAsync(Ns, Job, cancellationToken: cancellationToken);
                sent.Add((run.Id, start, Stopwatch.GetTimestamp()));
                await Task.Delay(spacing, cancellationToken);
            }

            foreach (var (run, _, _) in sent)
            {
                await UntilReceivedAsync(received, run, cancellationToken);
            }

            await listening.CancelAsync();
            await listener;
            var fromRequest = sent.Select(s => Stopwatch.GetElapsedTime(s.Sent, received[s.Run]).TotalMilliseconds).ToList();
            var fromAnswer = sent.Select(s => Stopwatch.GetElapsedTime(s.Answered, received[s.Run]).TotalMilliseconds).ToList();
            return (fromRequest, fromAnswer);
        });

        var note = $"{triggers} triggers one at a time, {spacing.TotalMilliseconds:0} ms apart; one SSE client (GenieClient.StreamEventsAsync) following the namespace";
        foreach (var percentile in new[] { 50, 99 })
        {
            context.Results.Add(new BenchResult(Area, $"trigger sent → run.created received p{percentile}", ResultTable.Genie,
                Samples.Median(rounds.Select(r => Samples.Percentile(r.fromRequest, percentile))), "ms", Better.Lower,
                Note: note + "; includes the trigger request and its transaction (an upper bound of commit → received)"));
            context.Results.Add(new BenchResult(Area, $"trigger answered → run.created received p{percentile}", ResultTable.Genie,
                Samples.Median(rounds.Select(r => Samples.Percentile(r.fromAnswer, percentile))), "ms", Better.Lower,
                Note: note + "; the commit precedes the answer, so this is a lower bound of commit → received (negative: the event came first)"));
        }
    }

    private static async Task ListenAsync(GenieClient client, ConcurrentDictionary<string, long> received, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in client.StreamEventsAsync(new EventStreamFilter(Ns), lastEventId: 0, cancellationToken))
            {
                if (e.Type == "run.created")
                {
                    received.TryAdd(e.Aggregate.Id, Stopwatch.GetTimestamp());
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The round is over.
        }
    }

    private static async Task UntilReceivedAsync(ConcurrentDictionary<string, long> received, string run, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp();
        while (!received.ContainsKey(run))
        {
            if (Stopwatch.GetElapsedTime(deadline) > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException($"The event stream did not deliver run {run}'s creation within 30 s.");
            }

            await Task.Delay(1, cancellationToken);
        }
    }

    private const string Spec = """
        apiVersion: genie.dev/v1
        kind: Job
        metadata: {name: queued}
        spec:
          executor: local
          concurrency: {maxActiveRuns: 1, onConflict: queue}
          tasks:
            - {name: hold, command: [sleep, "3600"]}
        """;
}
