using Genie.Server.Executors.Airflow.Client;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// Keeps the fake honest: Genie's client drives the fake Airflow through Prism in proxy mode, which checks every
/// request and every answer of the fake (successes, 404s, 409s) against the official specs.
/// </summary>
public sealed class FakeAirflowConformanceTests
{
    private const string DagId = "genie__team__conformance";

    [Fact]
    public async Task The_fakes_answers_to_every_client_call_match_the_official_spec()
    {
        await using var airflow = await FakeAirflow.StartAsync();
        var apiProxy = PrismServer.ProxyAsync(AirflowReference.Spec(AirflowReference.RestApiSpec), airflow.BaseUrl);
        var authProxy = PrismServer.ProxyAsync(AirflowReference.Spec(AirflowReference.SimpleAuthManagerSpec), airflow.BaseUrl);
        await using var api = await apiProxy;
        await using var auth = await authProxy;
        var recorder = new PrismRecorder(new AuthPathRouter(auth.BaseUri, new SocketsHttpHandler()));
        var client = TestAirflowClient.Create(
            new AirflowOptions
            {
                BaseUrl = api.BaseUri.ToString(),
                Username = FakeAirflow.Username,
                Password = FakeAirflow.Password,
                MaxRetries = 0,
            },
            handler: recorder);

        airflow.PublishDag(DagId, ["genie", "hash:0f1e"], parseAfterPolls: 2, source: FakeDagFiles.Compile("""
                - {name: extract, command: [echo]}
                - {name: load, dependsOn: [extract], replicas: 3, command: [echo]}
            """, job: "conformance"));
        airflow.SetOutcome(DagId, "load", FakeTaskOutcome.Exits(1, 0));
        airflow.AddImportError("other.py", "Traceback (most recent call last):\nSyntaxError: invalid syntax");
        var failure = await Record.ExceptionAsync(() => RunScenarioAsync(client, airflow));

        var exchanges = recorder.Exchanges;
        var broken = exchanges.Where(e => e.Violations.Count > 0 || e.StatusCode is 422 or 500).ToList();
        broken.ShouldBeEmpty(
            $"Prism found requests or fake answers that break the spec:\n{string.Join('\n', broken)}\n--- all:\n{string.Join('\n', exchanges)}");
        failure.ShouldBeNull();
        exchanges.Select(e => e.StatusCode).ShouldContain(404);
        exchanges.Select(e => e.StatusCode).ShouldContain(409);
    }

    private static async Task RunScenarioAsync(AirflowClient client, FakeAirflow airflow)
    {
        var ct = CancellationToken.None;
        (await client.GetDagAsync(DagId, ct)).ShouldBeNull();
        (await client.GetDagAsync(DagId, ct)).ShouldNotBeNull();
        (await client.GetImportErrorsAsync(ct)).ShouldHaveSingleItem();
        await client.SetPausedAsync(DagId, paused: false, ct);
        (await client.TriggerAsync(DagId, "genie-run:1+a", new Dictionary<string, object?> { ["n"] = 1 }, ct)).Outcome.ShouldBe(AirflowTriggerOutcome.Created);
        (await client.TriggerAsync(DagId, "genie-run:1+a", new Dictionary<string, object?>(), ct)).Outcome.ShouldBe(AirflowTriggerOutcome.AlreadyExists);
        (await client.GetDagRunAsync(DagId, "never", ct)).ShouldBeNull();
        // Extract takes four scheduler steps (scheduled, queued, running, success), the mapped load three more to fail.
        for (var poll = 0; poll < 6; poll++)
        {
            await client.GetTaskInstancesAsync(DagId, "genie-run:1+a", ct);
        }

        (await client.GetDagRunAsync(DagId, "genie-run:1+a", ct))!.State.ShouldBe(AirflowDagRunState.Failed);
        (await client.GetTaskLogAsync(DagId, "genie-run:1+a", "load", tryNumber: 1, mapIndex: 2, ct)).ShouldNotBeEmpty();
        await client.ClearFailedTasksAsync(DagId, "genie-run:1+a", ct);
        airflow.Advance(DagId, "genie-run:1+a", steps: 1);
        await client.MarkDagRunFailedAsync(DagId, "genie-run:1+a", ct);
        (await client.GetTaskInstancesAsync(DagId, "genie-run:1+a", ct)).Count.ShouldBe(5);
    }
}
