using System.Text.Json;
using Genie.Portal.Graph;

namespace Genie.Portal.Jobs;

/// <summary>Reads the parts of a job's canonical definition (the JSON the API returns) that pages show.</summary>
public static class JobDefinitionReader
{
    /// <summary>The `spec` object, or an undefined element when the definition has none.</summary>
    public static JsonElement Spec(JsonElement definition) =>
        definition.ValueKind == JsonValueKind.Object && definition.TryGetProperty("spec", out var spec) ? spec : default;

    public static bool HasSchedule(JsonElement definition) =>
        Spec(definition) is { ValueKind: JsonValueKind.Object } spec && spec.TryGetProperty("schedule", out _);

    public static string? Description(JsonElement definition) =>
        Spec(definition) is { ValueKind: JsonValueKind.Object } spec ? Text(spec, "description") : null;

    /// <summary>The tasks of the definition with their dependencies and kinds, in spec order.</summary>
    public static IReadOnlyList<DagTask> Tasks(JsonElement definition) =>
        Spec(definition) is { ValueKind: JsonValueKind.Object } spec && spec.TryGetProperty("tasks", out var tasks) && tasks.ValueKind == JsonValueKind.Array
            ? tasks.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.Object).Select(Task).ToList()
            : [];

    private static DagTask Task(JsonElement task)
    {
        var childJob = task.TryGetProperty("job", out var job) && job.ValueKind == JsonValueKind.Object
            ? (Text(job, "namespace") is { } ns ? $"{ns}/" : "") + Text(job, "name")
            : null;
        var kind = childJob is not null ? DagTaskKind.Job : Text(task, "script") is not null ? DagTaskKind.Script : DagTaskKind.Command;
        var dependsOn = task.TryGetProperty("dependsOn", out var d) && d.ValueKind == JsonValueKind.Array
            ? d.EnumerateArray().Select(x => x.GetString()).OfType<string>().ToList()
            : [];
        var replicas = task.TryGetProperty("replicas", out var r) && r.ValueKind == JsonValueKind.Number && r.TryGetInt32(out var n) ? n : 1;
        var optional = task.TryGetProperty("optional", out var o) && o.ValueKind == JsonValueKind.True;
        return new DagTask(Text(task, "name") ?? "", dependsOn, kind, childJob, replicas, optional);
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
