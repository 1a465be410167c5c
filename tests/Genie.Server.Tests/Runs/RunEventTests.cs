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
            select type || coalesce(':' || (payload ->> 'task'), '') || coalesce(':' || (payload ->> 'from'), '')
                   || coalesce('->' || coalesce(payload ->> 'to', payload ->> 'state'), '')
            from events
            where aggregate_type = 'run' and aggregate_id = @id order by id
            """, new { id = run.Id })).ToList();

        events.ShouldBe([
            "run.created->queued", "run.state_changed:queued->running",
            "task.state_changed:first:pending->queued", "attempt.started:first", "task.state_changed:first:queued->running",
            "attempt.finished:first->succeeded", "task.state_changed:first:running->succeeded",
            "task.state_changed:second:pending->queued", "attempt.started:second", "task.state_changed:second:queued->running",
            "attempt.finished:second->failed", "task.state_changed:second:running->failed",
            "run.state_changed:running->failed",
        ]);

        // Who did what: the API created the run, the executor did the rest; every event says its schema version.
        var actors = (await db.QueryAsync<(string Type, string Actor, int Version, string PayloadActor)>("""
            select type, actor, schema_version, payload ->> 'actor' from events
            where aggregate_type = 'run' and aggregate_id = @id order by id
            """, new { id = run.Id })).ToList();
        actors.ShouldAllBe(e => e.Version == 1 && e.Actor == e.PayloadActor);
        actors.Select(e => e.Actor).Distinct().ShouldBe([TestCredentials.AdminActor, "executor"]);
        actors[0].Type.ShouldBe("run.created");
        actors[0].Actor.ShouldBe(TestCredentials.AdminActor);
        (await db.ExecuteScalarAsync<string>("select triggered_by from runs where id = @id::uuid", new { id = run.Id })).ShouldBe(TestCredentials.AdminActor);
        (await _client.GetRunAsync("events", run.Id)).TriggeredBy.ShouldBe(TestCredentials.AdminActor);
    }
}
