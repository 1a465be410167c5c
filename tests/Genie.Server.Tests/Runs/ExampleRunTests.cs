using System.Text.Json;
using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Runs;

/// <summary>The specs in examples/ apply and run to success on the local executor, as the README promises.</summary>
public sealed class ExampleRunTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly GenieClient _client = app.CreateGenieClient();

    [Fact]
    public async Task Hello_greets_with_its_param()
    {
        await _client.ApplyJobAsync("default", "hello", RepositoryFiles.ReadExample("hello.yaml"));

        var run = await _client.TriggerRunAsync("default", "hello", new TriggerRunRequest(Params("who", "readme")));
        var finished = await _client.UntilFinishedAsync("default", run.Id);

        finished.State.ShouldBe("succeeded");
        (await _client.GetTaskLogAsync("default", run.Id, "greet")).ShouldContain("stdout hello, readme");
    }

    [Fact]
    public async Task Fanout_runs_its_replicas_and_conditions()
    {
        await _client.ApplyJobAsync("default", "fanout", RepositoryFiles.ReadExample("fanout.json"), SpecMediaType.Json);

        var run = await _client.TriggerRunAsync("default", "fanout");
        var finished = await _client.UntilFinishedAsync("default", run.Id);

        finished.State.ShouldBe("succeeded");
        finished.Tasks!.Count(t => t.Name == "work" && t.State == "succeeded").ShouldBe(5);
        finished.TaskNamed("announce").State.ShouldBe("skipped");
        finished.TaskNamed("on-failure").State.ShouldBe("skipped");
        finished.TaskNamed("cleanup").State.ShouldBe("succeeded");
    }

    [Fact]
    public async Task Nightly_etl_runs_with_its_child_job()
    {
        await _client.ApplyJobAsync("analytics", "publish", RepositoryFiles.ReadExample("publish.yaml"));
        await _client.ApplyJobAsync("analytics", "nightly-etl", RepositoryFiles.ReadExample("nightly-etl.yaml"));

        var run = await _client.TriggerRunAsync("analytics", "nightly-etl", new TriggerRunRequest(Params("date", "2024-06-01")));
        var finished = await _client.UntilFinishedAsync("analytics", run.Id);

        finished.State.ShouldBe("succeeded");
        var downstream = finished.TaskNamed("downstream");
        downstream.ChildRunId.ShouldNotBeNull();
        var child = await _client.GetRunAsync("analytics", downstream.ChildRunId!);
        child.State.ShouldBe("succeeded");
        child.ParentRunId.ShouldBe(run.Id);
        child.Params["date"].GetString().ShouldBe("2024-06-01");
    }

    private static Dictionary<string, JsonElement> Params(string name, string value) =>
        new() { [name] = JsonSerializer.SerializeToElement(value) };
}
