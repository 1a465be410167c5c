using System.Text;
using System.Text.Json;

namespace Genie.Benchmarks.LocalExecution;

/// <summary>The specs the local executor benchmark applies: the cheapest possible task alone or followed by a second, and a long chain of tasks that stamp their own start and end.</summary>
public static class BenchJobs
{
    public const string Namespace = "bench";

    /// <summary>One task running `true`, so a run's time is the executor's own overhead plus one process.</summary>
    public static string SingleTask(string name) => LocalJob(name, """
            - {name: noop, command: ["true"]}
        """);

    /// <summary>Two tasks running `true`, the second after the first: the smallest run with a hand-off in it.</summary>
    public static string TwoTasks(string name) => LocalJob(name, """
            - {name: a, command: ["true"]}
            - {name: b, command: ["true"], dependsOn: [a]}
        """);

    /// <summary>A local-executor job of this namespace with the given task list (YAML lines indented under `tasks:`).</summary>
    private static string LocalJob(string name, string tasks) => $$"""
        apiVersion: genie.dev/v1
        kind: Job
        metadata: {name: {{name}}, namespace: {{Namespace}}}
        spec:
          executor: local
          tasks:
        {{tasks}}
        """;

    /// <summary><paramref name="tasks"/> tasks running <see cref="TaskStamps.Command"/>, each depending on the one before.</summary>
    public static string Chain(string name, int tasks)
    {
        // JSON is YAML's flow style, and JSON's string escaping keeps the script's quotes and dollars intact.
        var command = JsonSerializer.Serialize(TaskStamps.Command);
        var yaml = new StringBuilder()
            .Append("apiVersion: genie.dev/v1\nkind: Job\n")
            .Append("metadata: {name: ").Append(name).Append(", namespace: ").Append(Namespace).Append("}\n")
            .Append("spec:\n  executor: local\n  tasks:\n");
        for (var i = 0; i < tasks; i++)
        {
            yaml.Append("    - {name: ").Append(StepName(i)).Append(", command: ").Append(command);
            if (i > 0)
            {
                yaml.Append(", dependsOn: [").Append(StepName(i - 1)).Append(']');
            }

            yaml.Append("}\n");
        }

        return yaml.ToString();
    }

    public static string StepName(int index) => $"step-{index:D4}";
}
