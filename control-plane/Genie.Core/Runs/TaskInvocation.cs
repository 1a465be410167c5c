using System.Globalization;
using Genie.Core.Specs;

namespace Genie.Core.Runs;

/// <summary>
/// The program, arguments and environment of one attempt of one task instance. `${{ params.x }}` is
/// replaced inside argv elements and env values as whole text, never through a shell; scripts run as
/// `/bin/sh -c SCRIPT` and see params only as GENIE_PARAM_NAME variables.
/// </summary>
public sealed record TaskInvocation(IReadOnlyList<string> Argv, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>Identity of the attempt, exposed to the task as GENIE_* variables.</summary>
    public sealed record Context(string RunId, string Namespace, string Job, int Attempt, int Replica, int ReplicaCount);

    public static TaskInvocation For(ResolvedTask task, IReadOnlyDictionary<string, ParamValue> parameters, Context context)
    {
        string Substitute(string text) => ParamReference.Substitute(text, name => parameters.GetValueOrDefault(name)?.ToText() ?? "");

        IReadOnlyList<string> argv = task.Task.Kind == TaskKind.Script
            ? ["/bin/sh", "-c", task.Task.Script!]
            : task.Task.Command.Concat(task.Task.Args).Select(Substitute).ToList();

        var environment = task.Env.ToDictionary(e => e.Key, e => Substitute(e.Value), StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            environment[ParamSpec.EnvironmentVariable(name)] = value.ToText();
        }

        // Genie's own variables win over anything the spec sets, so tasks can rely on them.
        environment["GENIE_RUN_ID"] = context.RunId;
        environment["GENIE_NAMESPACE"] = context.Namespace;
        environment["GENIE_JOB"] = context.Job;
        environment["GENIE_TASK"] = task.Task.Name;
        environment["GENIE_ATTEMPT"] = context.Attempt.ToString(CultureInfo.InvariantCulture);
        environment["GENIE_REPLICA_INDEX"] = context.Replica.ToString(CultureInfo.InvariantCulture);
        environment["GENIE_REPLICA_COUNT"] = context.ReplicaCount.ToString(CultureInfo.InvariantCulture);
        return new TaskInvocation(argv, environment);
    }

    /// <summary>The params a child job receives: the parent's values substituted into the spec's text.</summary>
    public static IReadOnlyDictionary<string, string> ChildParams(ChildJobSpec child, IReadOnlyDictionary<string, ParamValue> parameters) =>
        child.Params.ToDictionary(
            p => p.Key,
            p => ParamReference.Substitute(p.Value, name => parameters.GetValueOrDefault(name)?.ToText() ?? ""),
            StringComparer.Ordinal);
}
