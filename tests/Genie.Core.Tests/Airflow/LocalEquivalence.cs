using Genie.Core.Airflow;
using Genie.Core.Runs;
using Genie.Core.Specs;

namespace Genie.Core.Tests.Airflow;

/// <summary>
/// Asserts that a rendered DAG gives every task what the local executor gives it: the same argv (after
/// Kubernetes' own expansion), the same environment, the same image, the same child params and the same
/// condition results, using <see cref="TaskInvocation"/>, the local executor's own code, as the oracle.
/// </summary>
internal static class LocalEquivalence
{
    /// <summary>Checks every task of <paramref name="job"/>; fails when jinja2 is missing, as then nothing was rendered to compare.</summary>
    public static void ShouldMatch(JobDefinition job, DagValues dag, IReadOnlyDictionary<string, ParamValue> parameters)
    {
        dag.Jinja.ShouldBeTrue(PythonProcess.JinjaMissing);

        foreach (var task in job.Spec.Tasks)
        {
            var values = dag.Tasks[AirflowTaskIds.For(task.Name)];
            if (task.Kind == TaskKind.Job)
            {
                JsonValues.StringMap(values.Rendered.GetProperty("conf"))
                    .ShouldBe(TaskInvocation.ChildParams(task.Job!, parameters), ignoreOrder: true, task.Name);
            }
            else
            {
                PodShouldMatch(job, task, values, parameters);
            }

            if (task.When.Count > 0)
            {
                var gate = dag.Tasks[AirflowTaskIds.WhenGate(task.Name)];
                var holds = task.When.All(c => c.IsSatisfiedBy(parameters.GetValueOrDefault(c.Param)));
                JsonValues.Strings(gate.Rendered.GetProperty("op_args")).ShouldBe([holds ? "run" : ""], task.Name);
            }
        }
    }

    private static void PodShouldMatch(JobDefinition job, TaskSpec task, DagTaskValues values, IReadOnlyDictionary<string, ParamValue> parameters)
    {
        var resolved = ResolvedTask.Resolve(job.Spec, task);
        var invocation = TaskInvocation.For(resolved, parameters,
            new TaskInvocation.Context("run-1", job.Metadata.Namespace!, job.Metadata.Name, 1, 0, task.Replicas));
        var rendered = values.Rendered;
        var argv = JsonValues.Strings(rendered.GetProperty("cmds"));
        if (rendered.TryGetProperty("arguments", out var arguments))
        {
            argv.AddRange(JsonValues.Strings(arguments));
        }

        argv.ShouldBe(invocation.Argv, task.Name);

        // The one documented difference: a param without a value is an empty variable, not a missing one.
        var environment = new Dictionary<string, string>(invocation.Environment, StringComparer.Ordinal);
        foreach (var name in job.Spec.Params.Keys.Where(n => !parameters.ContainsKey(n)))
        {
            environment[ParamSpec.EnvironmentVariable(name)] = "";
        }

        JsonValues.StringMap(rendered.GetProperty("env_vars")).ShouldBe(environment, ignoreOrder: true, task.Name);
        rendered.GetProperty("image").GetString()
            .ShouldBe(ParamReference.Substitute(resolved.Image!, name => parameters.GetValueOrDefault(name)?.ToText() ?? ""), task.Name);
    }
}
