using System.Net;
using System.Text.Json;
using Genie.Client;
using Genie.Core.Events;
using Genie.Server.Events;
using Genie.Server.Store;
using Genie.Server.Tests.Infrastructure;
using Genie.Server.Tests.Runs;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Genie.Server.Tests.Events;

/// <summary>`GET /api/v1/events` against the real server and PostgreSQL: live delivery, filters, resume, commit order, access, the listener's loss.</summary>
public sealed class EventStreamTests(GenieApp app) : IClassFixture<GenieApp>
{
    private const string TwoTasks = """
        apiVersion: genie.dev/v1
        kind: Job
        metadata:
          name: pair
        spec:
          tasks:
            - name: first
              command: [sleep, "0.3"]
            - name: second
              command: ["true"]
              dependsOn: [first]
        """;

    [Fact]
    public async Task A_runs_events_arrive_live_in_commit_order_and_match_the_outbox()
    {
        var client = app.CreateGenieClient();
        await client.ApplyJobAsync("live", "pair", TwoTasks);
        await using var probe = await EventStreamProbe.OpenAsync(app.CreateClient(), "?namespace=live");

        var run = await client.TriggerRunAsync("live", "pair");
        var seen = await probe.UntilAsync(i => i.EventType == "run.state_changed" && EventStreamProbe.Data(i).GetProperty("payload").GetProperty("to").GetString() == "succeeded");
        // A stream starts at the last settled event: the apply's event, committed a moment before, may come first
        // when another transaction of the cluster was still open then.
        var items = seen.SkipWhile(i => i.EventType == "job.applied").ToList();

        items[0].EventType.ShouldBe("run.created");
        items.Select(i => EventStreamProbe.Data(i).GetProperty("aggregate").GetProperty("id").GetString()).Distinct().ShouldBe([run.Id]);
        var first = EventStreamProbe.Data(items[0]);
        first.GetProperty("schemaVersion").GetInt32().ShouldBe(1);
        first.GetProperty("actor").GetString().ShouldBe(TestCredentials.AdminActor);
        first.GetProperty("payload").GetProperty("job").GetString().ShouldBe("pair");
        first.GetProperty("occurredAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UnixEpoch);
        items.Select(i => i.EventId).ShouldBe(items.Select(i => EventStreamProbe.Data(i).GetProperty("id").GetInt64().ToString()));
        items.Select(i => long.Parse(i.EventId!)).ShouldBe(await RunEventIdsAsync(run.Id));
    }

    [Fact]
    public async Task The_client_streams_a_runs_events_from_the_start()
    {
        var client = app.CreateGenieClient();
        await client.ApplyJobAsync("client", "pair", TwoTasks);
        var run = await client.TriggerRunAsync("client", "pair");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var seen = new List<Genie.Client.Contracts.GenieEvent>();
        await foreach (var e in client.StreamEventsAsync(new EventStreamFilter(Run: run.Id), lastEventId: 0, timeout.Token))
        {
            seen.Add(e);
            if (e.Type == "run.state_changed" && e.Payload.GetProperty("to").GetString() == "succeeded")
            {
                break;
            }
        }

        seen.Select(e => e.Id).ShouldBe(await RunEventIdsAsync(run.Id));
        seen.ShouldAllBe(e => e.Aggregate.Type == "run" && e.Aggregate.Id == run.Id);
        seen.Select(e => e.Type).ShouldContain("attempt.finished");
    }

    [Fact]
    public async Task Filters_select_by_namespace_job_and_run()
    {
        var client = app.CreateGenieClient();
        await client.ApplyJobAsync("filter-a", "one", TestSpecs.Yaml("one"));
        await client.ApplyJobAsync("filter-a", "two", TestSpecs.Yaml("two"));
        await client.ApplyJobAsync("filter-b", "one", TestSpecs.Yaml("one"));
        var run = await client.UntilFinishedAsync("filter-a", (await client.TriggerRunAsync("filter-a", "one")).Id);
        await client.UntilFinishedAsync("filter-a", (await client.TriggerRunAsync("filter-a", "one")).Id);
        await EverythingSettledAsync();

        var byNamespace = await AllAsync(app.CreateClient(), "?namespace=filter-a");
        byNamespace.Select(e => Namespace(e)).Distinct().ShouldBe(["filter-a"]);
        byNamespace.Count(e => e.GetProperty("type").GetString() == "job.applied").ShouldBe(2);

        var byJob = await AllAsync(app.CreateClient(), "?namespace=filter-a&job=one");
        byJob.ShouldAllBe(e => e.GetProperty("payload").GetProperty("job").GetString() == "one");
        byJob.Count(e => e.GetProperty("type").GetString() == "run.created").ShouldBe(2);

        var byRun = await AllAsync(app.CreateClient(), $"?run={run.Id}");
        byRun.Select(e => e.GetProperty("id").GetInt64()).ShouldBe(await RunEventIdsAsync(run.Id));

        using var bad = await app.CreateClient().GetAsync("/api/v1/events?namespace=Not_A_Label&run=nope&since=-1&follow=maybe");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await bad.Content.ReadAsStringAsync();
        foreach (var path in new[] { "query.namespace", "query.run", "query.since", "query.follow" })
        {
            problem.ShouldContain(path);
        }
    }

    [Fact]
    public async Task Resuming_after_an_id_continues_with_no_gap_and_no_duplicate()
    {
        await AppendAsync(Enumerable.Range(0, 20).Select(i => Applied("resume", $"job-{i}")).ToArray());
        await EverythingSettledAsync();
        var all = await AllAsync(app.CreateClient(), "?namespace=resume");
        var ids = all.Select(e => e.GetProperty("id").GetInt64()).ToList();
        ids.Count.ShouldBe(20);

        var middle = ids[7];
        (await AllAsync(app.CreateClient(), $"?namespace=resume&since={middle}")).Select(e => e.GetProperty("id").GetInt64()).ShouldBe(ids[8..]);

        // The header, as a browser sends it on reconnecting, wins over the `since` of the URL it reconnects to.
        await using var resumed = await EventStreamProbe.OpenAsync(app.CreateClient(), "?namespace=resume&follow=false&since=0", middle.ToString());
        (await resumed.ToEndAsync()).Select(i => long.Parse(i.EventId!)).ShouldBe(ids[8..]);

        // Live after the resume point: the events that follow arrive once, after the replayed ones.
        await using var live = await EventStreamProbe.OpenAsync(app.CreateClient(), $"?namespace=resume&since={ids[^3]}");
        await AppendAsync(Applied("resume", "later"));
        (await live.UntilAsync(i => Job(i) == "later")).Select(Job).ShouldBe(["job-18", "job-19", "later"]);
    }

    [Fact]
    public async Task An_event_that_commits_after_a_higher_id_is_still_streamed_in_transaction_order()
    {
        await using var live = await EventStreamProbe.OpenAsync(app.CreateClient(), "?namespace=out-of-order");
        var existing = await AllAsync(app.CreateClient(), "");
        var before = existing.Count == 0 ? 0 : existing[^1].GetProperty("id").GetInt64();

        await using var slow = await app.OpenDatabaseAsync();
        await using var slowTransaction = await slow.BeginTransactionAsync();
        await EventOutbox.AppendAsync(slowTransaction, [Applied("out-of-order", "early")], CancellationToken.None);
        await using var fast = await app.OpenDatabaseAsync();
        await using (var fastTransaction = await fast.BeginTransactionAsync())
        {
            await EventOutbox.AppendAsync(fastTransaction, [Applied("out-of-order", "late")], CancellationToken.None);
            await fastTransaction.CommitAsync();
        }

        // The later id is committed and notified while the lower one is still open: streaming it now, by id, would
        // move a stream's position past the lower id before that commits.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var heldBack = await BacklogGaugeAsync(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        await slowTransaction.CommitAsync();
        heldBack.ShouldBeGreaterThanOrEqualTo(1, "the committed late event waits for the early one: the outbox backlog");

        var items = await live.UntilAsync(i => Job(i) == "late");
        items.Select(Job).ShouldBe(["early", "late"]);
        var early = long.Parse(items[0].EventId!);
        var late = long.Parse(items[1].EventId!);
        early.ShouldBeLessThan(late);

        // Resuming keeps the same order: after the early event comes the late one, after the late one nothing of the two.
        (await AllAsync(app.CreateClient(), $"?namespace=out-of-order&since={before}")).Select(e => e.GetProperty("id").GetInt64()).ShouldBe([early, late]);
        (await AllAsync(app.CreateClient(), $"?namespace=out-of-order&since={early}")).Select(e => e.GetProperty("id").GetInt64()).ShouldBe([late]);
        (await AllAsync(app.CreateClient(), $"?namespace=out-of-order&since={late}")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_caller_sees_only_the_namespaces_it_may_see_and_cluster_events_only_as_cluster_admin()
    {
        await AppendAsync(Applied("seen", "mine"), Applied("unseen", "theirs"),
            new PendingEvent(DateTimeOffset.UtcNow, "cluster", "genie", "cluster.test", 1, "test", "{}"));
        var admin = app.CreateGenieClient();
        var viewer = TestCredentials.Authorize(app.CreateClient(), (await admin.CreateApiKeyAsync("seen viewer", ["viewer:seen"])).Key);
        var everyNamespace = TestCredentials.Authorize(app.CreateClient(), (await admin.CreateApiKeyAsync("all viewer", ["viewer:*"])).Key);
        await EverythingSettledAsync();

        var seenByViewer = await AllAsync(viewer, "");
        seenByViewer.ShouldNotBeEmpty();
        seenByViewer.ShouldAllBe(e => Namespace(e) == "seen");
        (await AllAsync(viewer, "?namespace=unseen")).ShouldBeEmpty();

        var seenByEveryNamespace = await AllAsync(everyNamespace, "");
        seenByEveryNamespace.Select(Namespace).ShouldContain("unseen");
        seenByEveryNamespace.ShouldAllBe(e => Namespace(e) != null);
        (await AllAsync(app.CreateClient(), "")).Select(e => e.GetProperty("type").GetString()).ShouldContain("cluster.test");

        // Live too: the viewer's open stream carries its namespace's next event and not the other's.
        await using var live = await EventStreamProbe.OpenAsync(viewer);
        await AppendAsync(Applied("unseen", "hidden"), Applied("seen", "shown"));
        (await live.UntilAsync(i => Job(i) == "shown")).Select(Job).ShouldBe(["shown"]);

        using var anonymous = await app.CreateAnonymousClient().GetAsync("/api/v1/events?follow=false");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_stream_recovers_when_the_listening_connection_is_killed_and_loses_nothing()
    {
        var hub = app.Services.GetRequiredService<EventHub>();
        await using var live = await EventStreamProbe.OpenAsync(app.CreateClient(), "?namespace=blip");
        var killed = await UntilAsync(() => hub.ListenerProcessId, pid => pid != 0);

        await using (var admin = await app.OpenDatabaseAsync())
        await using (var terminate = new NpgsqlCommand("select pg_terminate_backend(@pid)", admin))
        {
            terminate.Parameters.AddWithValue("pid", killed);
            ((bool)(await terminate.ExecuteScalarAsync())!).ShouldBeTrue();
        }

        // Committed while the listener is gone (it reconnects after a short delay): read from the table when it is back.
        await AppendAsync(Applied("blip", "during"));
        await UntilAsync(() => hub.ListenerProcessId, pid => pid != 0 && pid != killed);
        await AppendAsync(Applied("blip", "after"));

        (await live.UntilAsync(i => Job(i) == "after")).Select(Job).ShouldBe(["during", "after"]);
    }

    private static PendingEvent Applied(string ns, string job) =>
        PendingEvent.Of(DateTimeOffset.UtcNow, new JobApplied(ns, job, 1, "hash", "created", "test"));

    private static string? Job(System.Net.ServerSentEvents.SseItem<string> item) =>
        EventStreamProbe.Data(item).GetProperty("payload").GetProperty("job").GetString();

    private static string? Namespace(JsonElement e) =>
        e.GetProperty("payload").TryGetProperty("namespace", out var ns) ? ns.GetString() : null;

    private async Task AppendAsync(params PendingEvent[] events)
    {
        await using var connection = await app.OpenDatabaseAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await EventOutbox.AppendAsync(transaction, events, CancellationToken.None);
        await transaction.CommitAsync();
    }

    /// <summary>What the stream shows now, without following (`follow=false`), from the first kept event unless the query says.</summary>
    // `follow=false` sends only settled events: while another test's transaction anywhere in the cluster is open, events
    // just committed wait for it. Waits (up to 30 s) until the stream has settled every event committed so far.
    private async Task EverythingSettledAsync()
    {
        await using var connection = await app.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("select coalesce(max(id), 0) from events", connection);
        var last = (long)(await command.ExecuteScalarAsync())!;
        var patience = DateTimeOffset.UtcNow.AddSeconds(30);
        while (DateTimeOffset.UtcNow < patience
               && !(await AllAsync(app.CreateClient(), $"?since={Math.Max(0, last - 1)}")).Any(e => e.GetProperty("id").GetInt64() == last))
        {
            await Task.Delay(50);
        }
    }

    private static async Task<List<JsonElement>> AllAsync(HttpClient http, string query)
    {
        var separator = query.Length == 0 ? "?" : "&";
        var since = query.Contains("since=", StringComparison.Ordinal) ? "" : "&since=0";
        await using var probe = await EventStreamProbe.OpenAsync(http, query + separator + "follow=false" + since);
        return (await probe.ToEndAsync()).Select(EventStreamProbe.Data).ToList();
    }

    private async Task<List<long>> RunEventIdsAsync(string runId)
    {
        await using var connection = await app.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("select id from events where aggregate_type = 'run' and aggregate_id = @id order by id", connection);
        command.Parameters.AddWithValue("id", runId);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    private static async Task<T> UntilAsync<T>(Func<T> read, Func<T, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = read();
            if (done(value))
            {
                return value;
            }

            DateTimeOffset.UtcNow.ShouldBeLessThan(deadline, "waited 30 s");
            await Task.Delay(20);
        }
    }

    // The `genie.outbox.backlog` gauge as a metrics reader would observe it now.
    private static Task<long> BacklogGaugeAsync(System.Diagnostics.Metrics.IMeterFactory appMeters)
    {
        long observed = -1;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // This app's meter only: other test classes run their own servers in this process.
            if (instrument.Meter.Scope == appMeters && instrument.Meter.Name == Genie.Server.Telemetry.GenieInstruments.MeterName
                && instrument.Name == "genie.outbox.backlog")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => observed = Math.Max(observed, value));
        listener.Start();
        listener.RecordObservableInstruments();
        return Task.FromResult(observed);
    }
}
