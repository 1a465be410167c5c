using Dapper;
using Genie.Client;
using Genie.Server.Tests.Infrastructure;
using Genie.Server.Tests.Runs;

namespace Genie.Server.Tests.Access;

/// <summary>
/// Runs, versions and events name the key or token that caused them, and a run reaches into another namespace's
/// jobs only with the grants it was triggered with.
/// </summary>
public sealed class ActorTests(GenieApp app) : IClassFixture<GenieApp>
{
    private const string Child = """
        apiVersion: genie.dev/v1
        kind: Job
        metadata: {name: child}
        spec:
          tasks:
            - name: say
              command: [echo, child]
        """;

    private const string Parent = """
        apiVersion: genie.dev/v1
        kind: Job
        metadata: {name: parent}
        spec:
          tasks:
            - name: call
              job: {name: child, namespace: shared, wait: true}
        """;

    [Fact]
    public async Task Versions_runs_and_events_carry_the_key_that_caused_them()
    {
        var (client, prefix) = await KeyAsync("operator:actors");

        var applied = await client.ApplyJobAsync("actors", "traced", TestSpecs.Yaml("traced"));
        var run = await client.UntilFinishedAsync("actors", (await client.TriggerRunAsync("actors", "traced")).Id);
        await client.RetryRunAsync("actors", run.Id, "all");

        (await client.GetJobVersionAsync("actors", "traced", applied.Result.Job.Version)).AppliedBy.ShouldBe("key:" + prefix);
        run.TriggeredBy.ShouldBe("key:" + prefix);
        await using var db = await app.OpenDatabaseAsync();
        var actors = (await db.QueryAsync<(string Type, string Actor)>(
            "select type, actor from events where aggregate_id in (@run, 'actors/traced') order by id", new { run = run.Id })).ToList();
        actors.ShouldContain(("job.applied", "key:" + prefix));
        actors.ShouldContain(("run.created", "key:" + prefix));
        actors.Where(a => a.Type == "run.state_changed").Select(a => a.Actor).ShouldContain("key:" + prefix, "the retry");
    }

    [Fact]
    public async Task A_child_job_in_another_namespace_runs_only_when_the_parents_trigger_may_trigger_there()
    {
        var admin = app.CreateGenieClient();
        await admin.ApplyJobAsync("shared", "child", Child);
        var (teamOnly, _) = await KeyAsync("operator:team");
        var (both, _) = await KeyAsync("operator:team", "operator:shared");

        // Applying such a job needs the right there too: on Airflow, the DAG itself triggers the child.
        var refused = await Should.ThrowAsync<GenieApiException>(() => teamOnly.ApplyJobAsync("team", "parent", Parent));
        refused.StatusCode.ShouldBe(403);
        refused.Problem.Detail!.ShouldContain("spec.tasks[0].job.namespace `shared`");
        await admin.ApplyJobAsync("team", "parent", Parent);

        var denied = await teamOnly.UntilFinishedAsync("team", (await teamOnly.TriggerRunAsync("team", "parent")).Id);
        var allowed = await both.UntilFinishedAsync("team", (await both.TriggerRunAsync("team", "parent")).Id);

        denied.State.ShouldBe("failed");
        var call = denied.Tasks!.Single(t => t.Name == "call");
        call.ChildRunId.ShouldBeNull();
        call.Reason!.ShouldContain("may not trigger runs in namespace shared");
        allowed.State.ShouldBe("succeeded");
        var child = await admin.GetRunAsync("shared", allowed.Tasks!.Single(t => t.Name == "call").ChildRunId!);
        child.State.ShouldBe("succeeded");
    }

    private async Task<(GenieClient Client, string Prefix)> KeyAsync(params string[] grants)
    {
        var created = await app.CreateGenieClient().CreateApiKeyAsync(string.Join(",", grants), grants);
        return (new GenieClient(TestCredentials.Authorize(app.CreateClient(), created.Key)), created.ApiKey.Prefix);
    }
}
