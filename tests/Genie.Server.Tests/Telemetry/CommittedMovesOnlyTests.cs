using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Genie.Client.Contracts;
using Genie.Core.Runs;
using Genie.Server.Runs.Transitions;
using Genie.Server.Store;
using Genie.Server.Telemetry;
using Genie.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Genie.Server.Tests.Telemetry;

/// <summary>Genie's meter counts what the one door committed: a move in a transaction that rolls back is never counted.</summary>
public sealed class CommittedMovesOnlyTests
{
    private const string Ns = "counted";

    [Fact]
    public async Task A_rolled_back_move_is_not_counted_and_the_committed_one_is()
    {
        await using var app = await GenieApp.StartAsync();
        using var runs = new RunCounts(app.Services.GetRequiredService<IMeterFactory>());
        var client = app.CreateGenieClient();
        await client.ApplyJobAsync(Ns, "later", TestSpecs.Yaml("later"));
        // Due in an hour: it stays queued, so the test's own moves are the only ones it gets.
        var run = await client.TriggerRunAsync(Ns, "later", new TriggerRunRequest(Delay: "1h"));
        runs.Of("none", "queued").ShouldBe(1);

        var changer = app.Services.GetRequiredService<StateChanger>();
        var store = app.Services.GetRequiredService<RunStore>();
        await Should.ThrowAsync<InvalidOperationException>(() => changer.RunAsync<bool>("test", async tx =>
        {
            var locked = await store.LockAsync(tx.Transaction, Guid.Parse(run.Id), CancellationToken.None);
            (await tx.MoveRunAsync(locked!, RunState.Cancelled, "rolled back", CancellationToken.None)).ShouldBeTrue();
            throw new InvalidOperationException("the transaction rolls back after the move");
        }, CancellationToken.None));
        runs.Of("queued", "cancelled").ShouldBe(0);
        (await client.GetRunAsync(Ns, run.Id)).State.ShouldBe("queued");

        await client.CancelRunAsync(Ns, run.Id);
        runs.Of("queued", "cancelled").ShouldBe(1);
    }

    /// <summary>`genie.runs` of one app's meter (tests run several apps in one process), by previous and new state.</summary>
    private sealed class RunCounts : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<(string From, string To), long> _counts = new();

        public RunCounts(IMeterFactory appMeters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == GenieInstruments.MeterName && ReferenceEquals(instrument.Meter.Scope, appMeters)
                    && instrument.Name == "genie.runs")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string? from = null, to = null;
                foreach (var tag in tags)
                {
                    if (tag.Key == "genie.run.previous_state")
                    {
                        from = tag.Value as string;
                    }
                    else if (tag.Key == "genie.run.state")
                    {
                        to = tag.Value as string;
                    }
                }

                _counts.AddOrUpdate((from!, to!), value, (_, sum) => sum + value);
            });
            _listener.Start();
        }

        public long Of(string from, string to) => _counts.GetValueOrDefault((from, to));

        public void Dispose() => _listener.Dispose();
    }
}
