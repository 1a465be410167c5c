using System.Text;

namespace Genie.Benchmarks.Compilation;

/// <summary>Single specs far larger than real ones, to show how parsing, validation and compilation grow with size.</summary>
public static class LargeSpecs
{
    /// <summary>A chain of <paramref name="tasks"/> tasks, each with a command, args, env and a timeout, as YAML.</summary>
    public static string Chain(int tasks)
    {
        var yaml = Header("chain-" + tasks);
        for (var i = 0; i < tasks; i++)
        {
            yaml.Append("    - name: step-").Append(i).Append('\n')
                .Append("      command: [python3, -c, \"print('step')\"]\n")
                .Append("      args: [\"--date=${{ params.date }}\", \"--index=").Append(i).Append("\"]\n")
                .Append("      env: {STEP: \"").Append(i).Append("\"}\n")
                .Append("      timeout: 10m\n");
            if (i > 0)
            {
                yaml.Append("      dependsOn: [step-").Append(i - 1).Append("]\n");
            }
        }

        return yaml.ToString();
    }

    /// <summary>
    /// <paramref name="tasks"/> tasks that each depend on <paramref name="unknownPerTask"/> tasks that do not exist:
    /// a small document (within the default limits) whose errors used to cost time in proportion to tasks × errors.
    /// </summary>
    public static string UnknownDependencies(int tasks, int unknownPerTask)
    {
        var yaml = Header("unknown-" + tasks);
        for (var i = 0; i < tasks; i++)
        {
            yaml.Append("    - {name: t").Append(i).Append(", command: [\"true\"], dependsOn: [")
                .AppendJoin(", ", Enumerable.Range(0, unknownPerTask).Select(d => $"t{i}-{d}"))
                .Append("]}\n");
        }

        return yaml.ToString();
    }

    private static StringBuilder Header(string name) => new StringBuilder()
        .Append("apiVersion: genie.dev/v1\nkind: Job\nmetadata: {name: ").Append(name).Append(", namespace: bench}\n")
        .Append("spec:\n  executor: airflow\n  params: {date: {type: string, default: \"2024-06-01\"}}\n")
        .Append("  defaults: {image: \"python:3.12-slim\"}\n  tasks:\n");
}
