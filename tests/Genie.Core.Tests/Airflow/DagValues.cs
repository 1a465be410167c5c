using System.Text.Json;
using Genie.Core.Airflow;
using Genie.Core.Specs;

namespace Genie.Core.Tests.Airflow;

/// <summary>
/// A generated DAG file as python3 reads it (Scripts/dag_values.py): the DAG's keywords, each task's
/// operator, keywords, mapped keywords and upstream tasks, and, when jinja2 is installed, its templated
/// fields rendered for one run (container text also expanded as the kubelet would).
/// </summary>
internal sealed class DagValues
{
    private DagValues(JsonElement root)
    {
        Jinja = root.GetProperty("jinja").GetBoolean();
        Dag = root.GetProperty("dag");
        Order = root.GetProperty("order").EnumerateArray().Select(e => e.GetString()!).ToList();
        Tasks = root.GetProperty("tasks").EnumerateObject().ToDictionary(p => p.Name, p => new DagTaskValues(p.Value), StringComparer.Ordinal);
    }

    /// <summary>Whether templated fields were rendered.</summary>
    public bool Jinja { get; }

    /// <summary>The keywords of <c>DAG(...)</c>.</summary>
    public JsonElement Dag { get; }

    /// <summary>Task ids in the order the file defines them.</summary>
    public IReadOnlyList<string> Order { get; }

    /// <summary>Tasks by id.</summary>
    public IReadOnlyDictionary<string, DagTaskValues> Tasks { get; }

    /// <summary>Reads <paramref name="dagPath"/>, rendering for a run with <paramref name="parameters"/>.</summary>
    public static DagValues Read(string dagPath, JobDefinition job, IReadOnlyDictionary<string, ParamValue> parameters, int mapIndex = 0)
    {
        var conf = job.Spec.Params.Keys.ToDictionary(
            name => name, name => DagRunConf.For(parameters).GetValueOrDefault(name), StringComparer.Ordinal);
        var context = JsonSerializer.Serialize(new { @params = conf, run_id = "run-1", try_number = 1, map_index = mapIndex });
        var contextPath = Path.Combine(Path.GetDirectoryName(dagPath)!, Path.GetFileNameWithoutExtension(dagPath) + ".context.json");
        File.WriteAllText(contextPath, context);
        var result = PythonProcess.Python(PythonProcess.DagValues, dagPath, contextPath);
        result.ExitCode.ShouldBe(0, result.Output);
        return new DagValues(JsonDocument.Parse(result.Stdout).RootElement.Clone());
    }
}

/// <summary>One task of <see cref="DagValues"/>.</summary>
internal sealed class DagTaskValues(JsonElement task)
{
    /// <summary>The operator class.</summary>
    public string Operator { get; } = task.GetProperty("operator").GetString()!;

    /// <summary>Keywords of the operator (of <c>partial</c> for a mapped task).</summary>
    public JsonElement Keywords { get; } = task.GetProperty("keywords");

    /// <summary>Keywords of <c>expand</c>; empty unless mapped.</summary>
    public JsonElement Expand { get; } = task.GetProperty("expand");

    /// <summary>Templated keywords, rendered.</summary>
    public JsonElement Rendered { get; } = task.GetProperty("rendered");

    /// <summary>Upstream task ids.</summary>
    public IReadOnlyList<string> Upstream { get; } = task.GetProperty("upstream").EnumerateArray().Select(e => e.GetString()!).ToList();

    /// <summary>The string value of a keyword.</summary>
    public string? Text(string keyword) => Keywords.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The trigger rule.</summary>
    public string TriggerRule => Text("trigger_rule") ?? "all_success";

    /// <summary>How many task instances a run has: the length of the mapped list, else one.</summary>
    public int Instances => Expand.ValueKind == JsonValueKind.Object && Expand.EnumerateObject().Any()
        ? Expand.EnumerateObject().First().Value.GetArrayLength()
        : 1;
}

/// <summary>Reads JSON values into .NET collections for comparisons.</summary>
internal static class JsonValues
{
    /// <summary>A JSON array of strings.</summary>
    public static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();

    /// <summary>A JSON object of strings.</summary>
    public static Dictionary<string, string> StringMap(JsonElement map) =>
        map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
}
