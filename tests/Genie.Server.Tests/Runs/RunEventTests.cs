using Dapper;
using Genie.Client;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Runs;

/// <summary>Every run and task state change leaves an outbox event, in the order the changes happened.</summary>
public sealed class RunEventTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly GenieClient _client = app.CreateGenieClient();

    [Fact]
    public async Task A_run_writes_one_event_per_state_change_in_order()
    {
        await _client.ApplyJobAsync("events", "two-step", """
            apiVersion: genie.dev/v1
            kind: Job
            metadata: {name: two-step}
            spec:
              tasks:
                - {name: first, command: ["true"]}
                - {name: second, dependsOn: [first], command: ["false"]}
            """);
        var run = await _client.TriggerRunAsync("events", "two-step");
        (await _client.UntilFinishedAsync("events", run.Id)).State.ShouldBe("failed");

        await using var db = await app.OpenDatabaseAsync();
        var events = (await db.QueryAsync<string>("""
            select type || coalesce(':' || (payload ->> 'task'), '') from events
            where aggregate_type = 'run' and aggregate_id = @id order by id
            """, new { id = run.Id })).ToList();

        events.ShouldBe([
            "run.queued", "run.running",
            "task.queued:first", "task.running:first", "task.succeeded:first",
            "task.queued:second", "task.running:second", "task.failed:second",
            "run.failed",
        ]);
    }
}
