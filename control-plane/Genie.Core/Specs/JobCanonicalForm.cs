using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Genie.Core.Specs;

/// <summary>
/// The deterministic JSON form of a job: spec field names, keys sorted ordinally, nulls and empty lists
/// or maps left out, durations in Go's canonical form, quantities as written. Documents that mean the
/// same give the same text and hash; the text is itself a valid JSON spec that parses back to the same job.
/// </summary>
/// <remarks>
/// Written straight from the spec records (every DAG file carries the hash, so it is on the compiler's path):
/// each object lists its fields in ordinal order of their names, and an object whose fields are all absent or
/// empty is left out like an empty list.
/// </remarks>
public static class JobCanonicalForm
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>The canonical JSON text.</summary>
    public static string ToJson(JobDefinition job) => Encoding.UTF8.GetString(Utf8(job).WrittenSpan);

    /// <summary>SHA-256 of the canonical JSON's UTF-8 bytes, as lower-case hex.</summary>
    public static string ContentHash(JobDefinition job) => Convert.ToHexStringLower(SHA256.HashData(Utf8(job).WrittenSpan));

    private static ArrayBufferWriter<byte> Utf8(JobDefinition job)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        Job(writer, job);
        writer.Flush();
        return buffer;
    }

    private static void Job(Utf8JsonWriter w, JobDefinition job)
    {
        w.WriteStartObject();
        Text(w, "apiVersion", job.ApiVersion);
        Text(w, "kind", job.Kind);
        w.WriteStartObject("metadata");
        Text(w, "group", job.Metadata.Group);
        Map(w, "labels", job.Metadata.Labels);
        Text(w, "name", job.Metadata.Name);
        Text(w, "namespace", job.Metadata.Namespace);
        w.WriteEndObject();
        w.WriteStartObject("spec");
        Spec(w, job.Spec);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Spec(Utf8JsonWriter w, JobSpec spec)
    {
        if (spec.Concurrency is { } c)
        {
            w.WriteStartObject("concurrency");
            Text(w, "key", c.Key);
            w.WriteNumber("maxActiveRuns", c.MaxActiveRuns);
            w.WriteString("onConflict", SpecVocabulary.ConflictPolicy.Word(c.OnConflict));
            w.WriteEndObject();
        }

        var defaults = spec.Defaults;
        if (defaults.Image is not null || !IsEmpty(defaults.Resources) || defaults.Env.Count > 0 || defaults.Secrets.Count > 0
            || defaults.NodeSelector.Count > 0 || defaults.Tolerations.Count > 0)
        {
            w.WriteStartObject("defaults");
            Map(w, "env", defaults.Env);
            Text(w, "image", defaults.Image);
            Map(w, "nodeSelector", defaults.NodeSelector);
            Resources(w, defaults.Resources);
            List(w, "secrets", defaults.Secrets, Secret);
            List(w, "tolerations", defaults.Tolerations, Toleration);
            w.WriteEndObject();
        }

        Text(w, "description", spec.Description);
        Text(w, "executor", Word(SpecVocabulary.Executor, spec.Executor));
        List(w, "notify", spec.Notify, static (w, n) =>
        {
            w.WriteStartObject();
            List(w, "on", n.On, static (w, e) => w.WriteStringValue(SpecVocabulary.RunEvent.Word(e)));
            if (n.Secret is { } secret)
            {
                w.WriteStartObject("secret");
                Text(w, "key", secret.Key);
                Text(w, "name", secret.Name);
                w.WriteEndObject();
            }

            Text(w, "webhook", n.Webhook);
            w.WriteEndObject();
        });
        if (spec.Params.Count > 0)
        {
            w.WriteStartObject("params");
            foreach (var name in SortedKeys(spec.Params))
            {
                w.WritePropertyName(name);
                Param(w, spec.Params[name]);
            }

            w.WriteEndObject();
        }

        w.WriteNumber("priority", spec.Priority);
        Retry(w, spec.Retry);
        if (spec.Schedule is { } s)
        {
            w.WriteStartObject("schedule");
            w.WriteBoolean("catchUp", s.CatchUp);
            Text(w, "cron", s.Cron.Expression);
            Text(w, "timezone", s.Timezone);
            w.WriteEndObject();
        }

        List(w, "secrets", spec.Secrets, Secret);
        List(w, "tasks", spec.Tasks, Task);
        Text(w, "timeout", Duration(spec.Timeout));
    }

    private static void Param(Utf8JsonWriter w, ParamSpec param)
    {
        w.WriteStartObject();
        if (param.Default is { } value && IsValue(value))
        {
            w.WritePropertyName("default");
            Value(w, value);
        }

        Text(w, "description", param.Description);
        List(w, "enum", param.Enum, Value);
        w.WriteBoolean("required", param.Required);
        w.WriteString("type", SpecVocabulary.ParamType.Word(param.Type));
        w.WriteEndObject();
    }

    private static void Task(Utf8JsonWriter w, TaskSpec task)
    {
        w.WriteStartObject();
        List(w, "args", task.Args, Text);
        List(w, "command", task.Command, Text);
        List(w, "dependsOn", task.DependsOn, Text);
        Text(w, "description", task.Description);
        Map(w, "env", task.Env);
        Text(w, "image", task.Image);
        if (task.Job is { } job)
        {
            w.WriteStartObject("job");
            Text(w, "name", job.Name);
            Text(w, "namespace", job.Namespace);
            Map(w, "params", job.Params);
            w.WriteBoolean("wait", job.Wait);
            w.WriteEndObject();
        }

        Text(w, "name", task.Name);
        Map(w, "nodeSelector", task.NodeSelector);
        w.WriteBoolean("optional", task.Optional);
        if (task.Priority is { } priority)
        {
            w.WriteNumber("priority", priority);
        }

        if (task.Job is null)
        {
            w.WriteNumber("replicas", task.Replicas);
        }

        Resources(w, task.Resources);
        Retry(w, task.Retry);
        w.WriteString("runIf", SpecVocabulary.RunIf.Word(task.RunIf));
        Text(w, "script", task.Script);
        List(w, "secrets", task.Secrets, Secret);
        List(w, "skipOnExitCodes", task.SkipOnExitCodes, static (w, code) => w.WriteNumberValue(code));
        Text(w, "timeout", Duration(task.Timeout));
        List(w, "tolerations", task.Tolerations, Toleration);
        List(w, "when", task.When, Condition);
        w.WriteEndObject();
    }

    // The operator's word is the key of the operand(s); every word sorts before "param".
    private static void Condition(Utf8JsonWriter w, TaskCondition condition)
    {
        w.WriteStartObject();
        var word = SpecVocabulary.ConditionOperator.Word(condition.Operator);
        if (condition.Operator == ConditionOperator.In)
        {
            List(w, word, condition.Values, Value);
        }
        else if (IsValue(condition.Values[0]))
        {
            w.WritePropertyName(word);
            Value(w, condition.Values[0]);
        }

        Text(w, "param", condition.Param);
        w.WriteEndObject();
    }

    private static void Retry(Utf8JsonWriter w, RetrySpec? retry)
    {
        if (retry is null || retry is { Limit: null, Backoff: null, Delay: null, MaxDelay: null })
        {
            return;
        }

        w.WriteStartObject("retry");
        Text(w, "backoff", Word(SpecVocabulary.Backoff, retry.Backoff));
        Text(w, "delay", Duration(retry.Delay));
        if (retry.Limit is { } limit)
        {
            w.WriteNumber("limit", limit);
        }

        Text(w, "maxDelay", Duration(retry.MaxDelay));
        w.WriteEndObject();
    }

    private static void Resources(Utf8JsonWriter w, ResourceSpec? resources)
    {
        if (IsEmpty(resources))
        {
            return;
        }

        w.WriteStartObject("resources");
        Text(w, "cpu", resources!.Cpu?.Text);
        if (resources.Limits is { } limits && (limits.Cpu ?? limits.Memory) is not null)
        {
            w.WriteStartObject("limits");
            Text(w, "cpu", limits.Cpu?.Text);
            Text(w, "memory", limits.Memory?.Text);
            w.WriteEndObject();
        }

        Text(w, "memory", resources.Memory?.Text);
        w.WriteEndObject();
    }

    private static bool IsEmpty(ResourceSpec? resources) =>
        resources is null || (resources.Cpu ?? resources.Memory ?? resources.Limits?.Cpu ?? resources.Limits?.Memory) is null;

    private static void Secret(Utf8JsonWriter w, SecretRef secret)
    {
        w.WriteStartObject();
        Text(w, "env", secret.Env);
        Text(w, "key", secret.Key);
        Text(w, "name", secret.Name);
        w.WriteEndObject();
    }

    private static void Toleration(Utf8JsonWriter w, Toleration toleration)
    {
        w.WriteStartObject();
        Text(w, "effect", Word(SpecVocabulary.TaintEffect, toleration.Effect));
        Text(w, "key", toleration.Key);
        w.WriteString("operator", SpecVocabulary.TolerationOperator.Word(toleration.Operator));
        Text(w, "value", toleration.Value);
        w.WriteEndObject();
    }

    // Param values of another kind have no JSON form and count as absent (null inside a list).
    private static bool IsValue(ParamValue value) =>
        value is ParamValue.Text or ParamValue.Integer or ParamValue.Number or ParamValue.Boolean;

    private static void Value(Utf8JsonWriter w, ParamValue value)
    {
        switch (value)
        {
            case ParamValue.Text t:
                w.WriteStringValue(t.Value);
                break;
            case ParamValue.Integer i:
                w.WriteNumberValue(i.Value);
                break;
            case ParamValue.Number n:
                w.WriteNumberValue(n.Value);
                break;
            case ParamValue.Boolean b:
                w.WriteBooleanValue(b.Value);
                break;
            default:
                w.WriteNullValue();
                break;
        }
    }

    private static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void Text(Utf8JsonWriter w, string value) => w.WriteStringValue(value);

    private static void Map(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string> map)
    {
        if (map.Count == 0)
        {
            return;
        }

        w.WriteStartObject(name);
        foreach (var key in SortedKeys(map))
        {
            w.WriteString(key, map[key]);
        }

        w.WriteEndObject();
    }

    private static void List<T>(Utf8JsonWriter w, string name, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> item)
    {
        if (items.Count == 0)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var value in items)
        {
            item(w, value);
        }

        w.WriteEndArray();
    }

    private static string[] SortedKeys<T>(IReadOnlyDictionary<string, T> map)
    {
        var keys = new string[map.Count];
        var i = 0;
        foreach (var key in map.Keys)
        {
            keys[i++] = key;
        }

        Array.Sort(keys, StringComparer.Ordinal);
        return keys;
    }

    private static string? Word<T>(Vocabulary<T> vocabulary, T? value)
        where T : struct, Enum => value is { } v ? vocabulary.Word(v) : null;

    private static string? Duration(TimeSpan? duration) => duration is { } d ? SpecDuration.Format(d) : null;
}
