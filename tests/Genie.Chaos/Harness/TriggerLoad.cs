using System.Collections.Concurrent;
using System.Diagnostics;
using Genie.Client;

namespace Genie.Chaos.Harness;

/// <summary>
/// A steady stream of triggers over HTTP, each with its own idempotency key, as a careful client sends them: a
/// request that is refused or never answered (503, connection reset, timeout) is sent again with the same key
/// until it is answered 2xx, so a run whose answer was lost must not be created twice.
/// </summary>
public sealed class TriggerLoad(ChaosSize size, IReadOnlyList<string> jobs)
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(300);
    private readonly ConcurrentQueue<TriggerRecord> _triggers = new();
    private readonly ConcurrentBag<Task> _sending = [];
    private IReadOnlyList<GenieClient> _targets = [];
    private int _next;

    public IReadOnlyList<TriggerRecord> Triggers => _triggers.ToList();

    /// <summary>Where requests go from now on, round robin (a restarted server listens on a new port).</summary>
    public void PointAt(params GenieClient[] targets) => Volatile.Write(ref _targets, targets);

    /// <summary>Triggers at the size's rate for its load duration; requests still being retried carry on in the background.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var interval = TimeSpan.FromSeconds(1 / size.TriggersPerSecond);
        for (var i = 0; clock.Elapsed < size.Load; i++)
        {
            _ = TriggerAsync(jobs[i % jobs.Count], cancellationToken);
            var wait = interval * (i + 1) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }
        }
    }

    /// <summary>One more trigger of <paramref name="job"/>, retried like the others; its record.</summary>
    public Task<TriggerRecord> TriggerAsync(string job, CancellationToken cancellationToken)
    {
        var record = new TriggerRecord(job, Guid.NewGuid().ToString("N"));
        _triggers.Enqueue(record);
        var sending = SendUntilAnsweredAsync(record, cancellationToken);
        _sending.Add(sending);
        return sending;
    }

    /// <summary>Waits until every trigger was answered 2xx or gave up, then sends every tenth answered key again, which must name the same run.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_sending);
        foreach (var record in Triggers.Where(t => t.Answered).Where((_, i) => i % 10 == 0))
        {
            await SendUntilAnsweredAsync(record, cancellationToken);
        }
    }

    private async Task<TriggerRecord> SendUntilAnsweredAsync(TriggerRecord record, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var targets = Volatile.Read(ref _targets);
            var client = targets[(int)((uint)Interlocked.Increment(ref _next) % targets.Count)];
            try
            {
                var run = await client.TriggerRunAsync(ChaosJobs.Namespace, record.Job, idempotencyKey: record.Key, cancellationToken: cancellationToken);
                record.Answer(run.Id);
                return record;
            }
            catch (GenieApiException e)
            {
                record.Refuse(e.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (e.StatusCode is >= 400 and < 500 && e.StatusCode != 429)
                {
                    return record;
                }
            }
            catch (HttpRequestException)
            {
                record.Refuse("connection");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                record.Refuse("timeout");
            }

            await Task.Delay(RetryPause, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        return record;
    }
}
