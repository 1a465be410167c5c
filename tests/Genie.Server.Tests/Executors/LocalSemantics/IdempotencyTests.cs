using System.Net;
using System.Net.Http.Json;
using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>Idempotency-Key: repeating a trigger request gives back the run the first one created.</summary>
public sealed class IdempotencyTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly JobBench _bench = new(app, "idempotent");

    [Fact]
    public async Task A_repeated_key_returns_the_same_run_with_200()
    {
        await _bench.ApplyAsync("once", "- {name: work, command: [echo, once]}");
        using var http = app.CreateClient();

        using var first = await TriggerAsync(http, "once", "nightly-2024-06-01");
        using var second = await TriggerAsync(http, "once", "nightly-2024-06-01");

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var created = await first.Content.ReadFromJsonAsync<RunResource>(GenieJson.Options);
        var repeated = await second.Content.ReadFromJsonAsync<RunResource>(GenieJson.Options);
        repeated!.Id.ShouldBe(created!.Id);
        first.Headers.Location!.ToString().ShouldEndWith($"/runs/{created.Id}");
        var runs = await _bench.Client.ListRunsAsync(_bench.Namespace, new RunListQuery(Job: "once"));
        runs.Items.ShouldHaveSingleItem().Id.ShouldBe(created.Id);
        (await _bench.Client.UntilFinishedAsync(created)).State.ShouldBe("succeeded");
    }

    [Fact]
    public async Task A_repeated_key_after_the_run_finished_still_returns_it_and_starts_nothing()
    {
        await _bench.ApplyAsync("finished-once", "- {name: work, command: [echo, once]}");
        var run = await _bench.Client.UntilFinishedAsync(await _bench.Client.TriggerRunAsync(_bench.Namespace, "finished-once", idempotencyKey: "k"));

        var again = await _bench.Client.TriggerRunAsync(_bench.Namespace, "finished-once", idempotencyKey: "k");

        again.Id.ShouldBe(run.Id);
        again.State.ShouldBe("succeeded");
        (await _bench.Client.GetRunAsync(_bench.Namespace, run.Id)).Instance("work").Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task Simultaneous_requests_with_one_key_create_one_run()
    {
        await _bench.ApplyAsync("racy", "- {name: work, command: [echo, once]}");

        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            _bench.Client.TriggerRunAsync(_bench.Namespace, "racy", idempotencyKey: "same")));

        runs.Select(r => r.Id).Distinct().ShouldHaveSingleItem();
        (await _bench.Client.ListRunsAsync(_bench.Namespace, new RunListQuery(Job: "racy"))).Items.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Different_keys_create_different_runs()
    {
        await _bench.ApplyAsync("twice", "- {name: work, command: [echo, twice]}");

        var a = await _bench.Client.TriggerRunAsync(_bench.Namespace, "twice", idempotencyKey: "a");
        var b = await _bench.Client.TriggerRunAsync(_bench.Namespace, "twice", idempotencyKey: "b");

        a.Id.ShouldNotBe(b.Id);
    }

    private async Task<HttpResponseMessage> TriggerAsync(HttpClient http, string job, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/namespaces/{_bench.Namespace}/jobs/{job}/runs")
        {
            Content = JsonContent.Create(new TriggerRunRequest(), options: GenieJson.Options),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await http.SendAsync(request);
    }
}
