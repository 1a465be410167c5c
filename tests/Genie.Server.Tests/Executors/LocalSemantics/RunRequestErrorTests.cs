using System.Net;
using System.Net.Http.Json;
using System.Text;
using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>Requests about runs that cannot be honoured: unknown runs and jobs, malformed bodies, each with a problem document.</summary>
public sealed class RunRequestErrorTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly JobBench _bench = new(app, "errors");

    [Fact]
    public async Task An_unknown_run_is_404_for_every_operation()
    {
        var unknown = Guid.NewGuid().ToString();

        var answers = new[]
        {
            await Should.ThrowAsync<GenieApiException>(() => _bench.Client.GetRunAsync(_bench.Namespace, unknown)),
            await Should.ThrowAsync<GenieApiException>(() => _bench.Client.CancelRunAsync(_bench.Namespace, unknown)),
            await Should.ThrowAsync<GenieApiException>(() => _bench.Client.SuspendRunAsync(_bench.Namespace, unknown)),
            await Should.ThrowAsync<GenieApiException>(() => _bench.Client.ResumeRunAsync(_bench.Namespace, unknown)),
            await Should.ThrowAsync<GenieApiException>(() => _bench.Client.RetryRunAsync(_bench.Namespace, unknown)),
            await Should.ThrowAsync<GenieApiException>(() => _bench.Client.GetTaskLogAsync(_bench.Namespace, unknown, "work")),
        };

        answers.ShouldAllBe(e => e.StatusCode == 404);
    }

    [Fact]
    public async Task A_run_of_another_namespace_is_not_found()
    {
        await _bench.ApplyAsync("mine", "- {name: work, command: [echo, mine]}");
        var run = await _bench.RunAsync("mine");

        var error = await Should.ThrowAsync<GenieApiException>(() => _bench.Client.GetRunAsync("other", run.Id));
        var cancel = await Should.ThrowAsync<GenieApiException>(() => _bench.Client.CancelRunAsync("other", run.Id));

        error.StatusCode.ShouldBe(404);
        cancel.StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task A_malformed_run_id_is_400_with_its_path()
    {
        var error = await Should.ThrowAsync<GenieApiException>(() => _bench.Client.GetRunAsync(_bench.Namespace, "not-a-run"));

        error.StatusCode.ShouldBe(400);
        error.Problem.Errors!.ShouldHaveSingleItem().Path.ShouldBe("path.id");
    }

    [Fact]
    public async Task Triggering_an_unknown_job_is_404()
    {
        var error = await Should.ThrowAsync<GenieApiException>(() => _bench.TriggerAsync("nobody"));

        error.StatusCode.ShouldBe(404);
    }

    [Theory]
    [InlineData("""{"params": 5}""", "body.params")]
    [InlineData("""{"params": {"x": 1}, "delay": 5}""", "body.delay")]
    [InlineData("""{"delay": "soon"}""", "body.delay")]
    [InlineData("""{"delay": "1s", "at": "2030-01-01T00:00:00Z"}""", "body.delay")]
    [InlineData("""{"at": "tomorrow"}""", "body.at")]
    [InlineData("""{"params": {}, "colour": "blue"}""", "body.colour")]
    [InlineData("""{"params": {"x": 1""", "body.params.x")]
    [InlineData("""[1, 2]""", "body")]
    public async Task A_malformed_trigger_body_is_400_with_a_path(string body, string path)
    {
        await _bench.ApplyAsync("target", "- {name: work, command: [echo, target]}");
        using var http = app.CreateClient();

        using var response = await http.PostAsync($"/api/v1/namespaces/{_bench.Namespace}/jobs/target/runs",
            new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<ApiProblem>(GenieJson.Options)).ShouldNotBeNull();
        problem.Errors.ShouldNotBeNull().ShouldHaveSingleItem().Path.ShouldBe(path);
        (await _bench.Client.ListRunsAsync(_bench.Namespace, new RunListQuery(Job: "target"))).Items.ShouldBeEmpty();
    }
}
