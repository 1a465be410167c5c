using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Genie.Core.Specs;

/// <summary>
/// The deterministic JSON form of a job: spec field names, keys sorted ordinally, nulls and empty lists
/// or maps left out, durations in Go's canonical form, quantities as written. Documents that mean the
/// same give the same text and hash; the text is itself a valid JSON spec that parses back to the same job.
/// </summary>
public static class JobCanonicalForm
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>The canonical JSON text.</summary>
    public static string ToJson(JobDefinition job)
    {
        using var buffer = Utf8(job);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>SHA-256 of the canonical JSON's UTF-8 bytes, as lower-case hex.</summary>
    public static string ContentHash(JobDefinition job)
    {
        // Hashes the writer's bytes as they are: the text's round trip through a string would give the same bytes.
        using var buffer = Utf8(job);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
    }

    private static MemoryStream Utf8(JobDefinition job)
    {
        var buffer = new MemoryStream();
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        WriteSorted(writer, Job(job));
        writer.Flush();
        return buffer;
    }

    private static JsonObject Job(JobDefinition job) => Object(
        ("apiVersion", job.ApiVersion),
        ("kind", job.Kind),
        ("metadata", Object(
            ("name", job.Metadata.Name),
            ("namespace", job.Metadata.Namespace),
            ("group", job.Metadata.Group),
            ("labels", Map(job.Metadata.Labels, v => v)))),
        ("spec", Spec(job.Spec)));

    private static JsonObject Spec(JobSpec spec) => Object(
        ("description", spec.Description),
        ("executor", Word(SpecVocabulary.Executor, spec.Executor)),
        ("schedule", spec.Schedule is { } s
            ? Object(("cron", s.Cron.Expression), ("timezone", s.Timezone), ("catchUp", s.CatchUp))
            : null),
        ("concurrency", spec.Concurrency is { } c
            ? Object(("maxActiveRuns", c.MaxActiveRuns), ("onConflict", SpecVocabulary.ConflictPolicy.Word(c.OnConflict)), ("key", c.Key))
            : null),
        ("params", Map(spec.Params, Param)),
        ("timeout", Duration(spec.Timeout)),
        ("retry", Retry(spec.Retry)),
        ("priority", spec.Priority),
        ("defaults", Object(
            ("image", spec.Defaults.Image),
            ("resources", Resources(spec.Defaults.Resources)),
            ("env", Map(spec.Defaults.Env, v => v)),
            ("secrets", List(spec.Defaults.Secrets, Secret)),
            ("nodeSelector", Map(spec.Defaults.NodeSelector, v => v)),
            ("tolerations", List(spec.Defaults.Tolerations, Toleration)))),
        ("notify", List(spec.Notify, n => Object(
            ("on", List(n.On, e => SpecVocabulary.RunEvent.Word(e))),
            ("webhook", n.Webhook)))),
        ("tasks", List(spec.Tasks, Task)));

    private static JsonObject Param(ParamSpec param) => Object(
        ("type", SpecVocabulary.ParamType.Word(param.Type)),
        ("required", param.Required),
        ("default", Value(param.Default)),
        ("enum", List(param.Enum, Value)),
        ("description", param.Description));

    private static JsonObject Task(TaskSpec task) => Object(
        ("name", task.Name),
        ("description", task.Description),
        ("image", task.Image),
        ("command", List(task.Command, v => v)),
        ("args", List(task.Args, v => v)),
        ("script", task.Script),
        ("job", task.Job is { } job
            ? Object(("name", job.Name), ("namespace", job.Namespace), ("params", Map(job.Params, v => v)), ("wait", job.Wait))
            : null),
        ("env", Map(task.Env, v => v)),
        ("secrets", List(task.Secrets, Secret)),
        ("resources", Resources(task.Resources)),
        ("nodeSelector", Map(task.NodeSelector, v => v)),
        ("tolerations", List(task.Tolerations, Toleration)),
        ("dependsOn", List(task.DependsOn, v => v)),
        ("replicas", task.Job is null ? task.Replicas : null),
        ("when", List(task.When, Condition)),
        ("runIf", SpecVocabulary.RunIf.Word(task.RunIf)),
        ("optional", task.Optional),
        ("retry", Retry(task.Retry)),
        ("timeout", Duration(task.Timeout)),
        ("skipOnExitCodes", List(task.SkipOnExitCodes, v => v)),
        ("priority", task.Priority));

    private static JsonObject Condition(TaskCondition condition) => Object(
        ("param", condition.Param),
        (SpecVocabulary.ConditionOperator.Word(condition.Operator), condition.Operator == ConditionOperator.In
            ? List(condition.Values, Value)
            : Value(condition.Values[0])));

    private static JsonObject? Retry(RetrySpec? retry) => retry is null ? null : Object(
        ("limit", retry.Limit),
        ("backoff", Word(SpecVocabulary.Backoff, retry.Backoff)),
        ("delay", Duration(retry.Delay)),
        ("maxDelay", Duration(retry.MaxDelay)));

    private static JsonObject? Resources(ResourceSpec? resources) => resources is null ? null : Object(
        ("cpu", resources.Cpu?.Text),
        ("memory", resources.Memory?.Text),
        ("limits", resources.Limits is { } l ? Object(("cpu", l.Cpu?.Text), ("memory", l.Memory?.Text)) : null));

    private static JsonObject Secret(SecretRef secret) => Object(("name", secret.Name), ("key", secret.Key), ("env", secret.Env));

    private static JsonObject Toleration(Toleration toleration) => Object(
        ("key", toleration.Key),
        ("operator", SpecVocabulary.TolerationOperator.Word(toleration.Operator)),
        ("value", toleration.Value),
        ("effect", Word(SpecVocabulary.TaintEffect, toleration.Effect)));

    private static JsonNode? Value(ParamValue? value) => value switch
    {
        ParamValue.Text t => t.Value,
        ParamValue.Integer i => i.Value,
        ParamValue.Number n => n.Value,
        ParamValue.Boolean b => b.Value,
        _ => null,
    };

    private static string? Word<T>(Vocabulary<T> vocabulary, T? value)
        where T : struct, Enum => value is { } v ? vocabulary.Word(v) : null;

    private static string? Duration(TimeSpan? duration) => duration is { } d ? SpecDuration.Format(d) : null;

    private static JsonObject Object(params (string Name, JsonNode? Value)[] properties)
    {
        var result = new JsonObject();
        foreach (var (name, value) in properties)
        {
            if (value is not null)
            {
                result[name] = value;
            }
        }

        return result;
    }

    private static JsonObject Map<T>(IReadOnlyDictionary<string, T> map, Func<T, JsonNode?> value)
    {
        var result = new JsonObject();
        foreach (var (key, item) in map)
        {
            result[key] = value(item);
        }

        return result;
    }

    private static JsonArray List<T>(IEnumerable<T> items, Func<T, JsonNode?> item) => new(items.Select(item).ToArray());

    // Empty lists and maps mean the same as absent ones, so they are left out like nulls.
    private static void WriteSorted(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                var properties = obj.ToArray();
                Array.Sort(properties, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
                foreach (var (name, value) in properties)
                {
                    if (!IsEmpty(value))
                    {
                        writer.WritePropertyName(name);
                        WriteSorted(writer, value);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteSorted(writer, item);
                }

                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonObject obj => obj.All(p => IsEmpty(p.Value)),
        JsonArray array => array.Count == 0,
        _ => false,
    };
}
