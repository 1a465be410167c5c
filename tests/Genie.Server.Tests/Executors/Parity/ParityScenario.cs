using System.Text.RegularExpressions;

namespace Genie.Server.Tests.Executors.Parity;

/// <summary>
/// A job (and the jobs its tasks call), what each task's process does, the params of the run and the run state both
/// executors must end in. In task lists, `script: auto` becomes the script of the task's <see cref="PodOutcome"/>
/// (`exit 0` without one). With <see cref="RetryFailed"/> the failed run is retried (mode `failed`) once.
/// </summary>
public sealed partial record ParityScenario(string Name, string Tasks, string ExpectedState)
{
    public string Settings { get; init; } = "";

    public IReadOnlyList<(string Name, object Value)> Params { get; init; } = [];

    public IReadOnlyList<PodOutcome> Outcomes { get; init; } = [];

    /// <summary>Jobs the scenario's job calls, applied and run once first (so Airflow has their DAGs): name, tasks, settings.</summary>
    public IReadOnlyList<(string Name, string Tasks, string Settings)> Children { get; init; } = [];

    public bool RetryFailed { get; init; }

    /// <summary>The job's name, which is the scenario's.</summary>
    public string Job => Name;

    /// <summary>The task list of <paramref name="job"/> with every `script: auto` filled in.</summary>
    public string TasksOf(string job, string tasks)
    {
        string? task = null;
        return string.Join('\n', tasks.Split('\n').Select(line =>
        {
            if (TaskName().Match(line) is { Success: true } name)
            {
                task = name.Groups[1].Value;
            }

            return line.Contains("script: auto", StringComparison.Ordinal)
                ? line.Replace("script: auto", $"script: '{PodOutcome.ScriptFor(Outcomes.Where(o => o.Job == job && o.Task == task).ToList())}'", StringComparison.Ordinal)
                : line;
        }));
    }

    /// <summary>Whether <paramref name="task"/> of the scenario's job calls another job (a `job:` task).</summary>
    public bool IsJobTask(string task)
    {
        string? current = null;
        foreach (var line in Tasks.Split('\n'))
        {
            if (TaskName().Match(line) is { Success: true } name)
            {
                current = name.Groups[1].Value;
            }

            if (current == task && line.TrimStart().StartsWith("job:", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => Name;

    [GeneratedRegex(@"^- name: (\S+)")]
    private static partial Regex TaskName();
}
