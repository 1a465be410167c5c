using System.Reflection;
using System.Text.Json;
using Genie.Core.Events;
using Genie.Core.Runs;
using Genie.Server.Store;

namespace Genie.Server.Tests.Events;

/// <summary>The outbox's payloads: one record per event type, each with a unique name and a schema version, written with the server's own options.</summary>
public sealed class EventContractTests
{
    private static readonly Type[] EventTypes = typeof(IGenieEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IGenieEvent).IsAssignableFrom(t))
        .OrderBy(t => t.Name)
        .ToArray();

    [Fact]
    public void Every_event_type_has_a_unique_name_a_version_and_an_aggregate()
    {
        var names = EventTypes.Select(t => Static<string>(t, nameof(IGenieEvent.Type))).ToList();
        names.ShouldBe(names.Distinct().ToList());
        names.OrderBy(n => n).ShouldBe([
            "attempt.finished", "attempt.started", "job.applied", "job.deleted", "run.created", "run.state_changed", "schedule.tick",
            "task.state_changed",
        ]);
        EventTypes.ShouldAllBe(t => Static<int>(t, nameof(IGenieEvent.SchemaVersion)) >= 1);
        EventTypes.ShouldAllBe(t => typeof(IRunEvent).IsAssignableFrom(t) != typeof(IJobEvent).IsAssignableFrom(t));
        foreach (var type in EventTypes)
        {
            var aggregate = (string)typeof(EventContractTests).GetMethod(nameof(AggregateTypeOf), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(type).Invoke(null, null)!;
            aggregate.ShouldBe(typeof(IRunEvent).IsAssignableFrom(type) ? "run" : "job", type.Name);
        }
    }

    [Fact]
    public void Payloads_use_wire_names_and_leave_the_envelope_out()
    {
        var runId = Guid.Parse("0199a0c2-3e1f-7000-8000-000000000001");
        var json = JsonSerializer.Serialize(new TaskStateChanged(
            runId, "ns", "job", "load", 2, TaskState.Running, TaskState.UpstreamFailed, "why", null, null, null, Actors.Executor), EventJson.Options);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        root.GetProperty("from").GetString().ShouldBe("running");
        root.GetProperty("to").GetString().ShouldBe("upstream_failed");
        root.GetProperty("runId").GetGuid().ShouldBe(runId);
        root.GetProperty("actor").GetString().ShouldBe("executor");
        root.GetProperty("exitCode").ValueKind.ShouldBe(JsonValueKind.Null);
        root.TryGetProperty("type", out _).ShouldBeFalse();
        root.TryGetProperty("schemaVersion", out _).ShouldBeFalse();
        ((IGenieEvent)new TaskStateChanged(runId, "ns", "job", "load", 2, TaskState.Running, TaskState.Failed, null, 1, null, null, "api"))
            .AggregateId().ShouldBe(runId.ToString());
        ((IGenieEvent)new JobDeleted("ns", "job", 3, "api")).AggregateId().ShouldBe("ns/job");
    }

    [Fact]
    public void Every_event_records_its_actor() =>
        EventTypes.ShouldAllBe(t => t.GetProperty(nameof(IGenieEvent.Actor))!.PropertyType == typeof(string));

    private static string AggregateTypeOf<TEvent>() where TEvent : IGenieEvent => TEvent.AggregateType;

    private static T Static<T>(Type type, string name) =>
        (T)type.GetProperty(name, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
}
