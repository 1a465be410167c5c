using Genie.Core.Specs.Parsing;

namespace Genie.Core.Specs.Binding;

/// <summary>
/// Binds <c>spec.tasks</c>: each task runs exactly one of command, script or child job; the list as a
/// whole must form a DAG (checked by <see cref="GraphChecker"/>).
/// </summary>
internal static class TaskBinder
{
    private static readonly string[] Actions = ["command", "script", "job"];

    // Settings a child job task has no process for.
    private static readonly string[] ProcessOnlyFields = [.. WorkloadBinder.Fields, "replicas", "skipOnExitCodes"];

    private static readonly string[] Fields =
    [
        "name", "description", .. Actions, "args", .. WorkloadBinder.Fields, "dependsOn", "replicas", "when", "runIf",
        "optional", "retry", "timeout", "skipOnExitCodes", "priority",
    ];

    /// <summary>The tasks that bound, in order; every problem, including DAG problems, is reported.</summary>
    public static List<TaskSpec> BindAll(BindingContext context, Field field, JobSpec job)
    {
        var read = context.Read;
        if (!read.Require(field))
        {
            return [];
        }

        if (field.Node is not SequenceNode sequence)
        {
            read.Mismatch(field, "a list of tasks");
            return [];
        }

        if (sequence.Items.Count == 0)
        {
            read.Error(field, "must list at least one task");
        }

        if (sequence.Items.Count > context.Limits.MaxTasks)
        {
            read.Error(field, $"has {sequence.Items.Count} tasks; at most {context.Limits.MaxTasks} are allowed");
            return [];
        }

        var tasks = new List<TaskSpec>();
        var graph = new GraphChecker(read);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var item = field.Item(sequence.Items[i], i);
            var o = read.Object(item, Fields, required: true);
            if (o is not null)
            {
                tasks.Add(Bind(context, o, job, graph));
            }
        }

        graph.Check();
        return tasks;
    }

    private static TaskSpec Bind(BindingContext context, ObjectReader o, JobSpec job, GraphChecker graph)
    {
        var read = context.Read;
        var name = read.Name(o["name"], SpecNames.IsDns1123Label, "a task name", SpecNames.Dns1123LabelRule, required: true);
        var dependsOn = DependsOn(context, o["dependsOn"]);
        graph.Add(o, dependsOn);
        var kind = Action(read, o);
        var isJob = kind == TaskKind.Job;
        if (isJob)
        {
            foreach (var field in ProcessOnlyFields.Where(o.Has))
            {
                read.Error(o[field], $"`{field}` does not apply to a `job` task: it triggers another job, which has its own");
            }
        }

        var env = isJob ? [] : WorkloadBinder.Env(context, o["env"], job.Secrets.Concat(job.Defaults.Secrets).Select(s => s.Env).ToHashSet());
        var runIf = o.Has("runIf") ? read.Word(o["runIf"], SpecVocabulary.RunIf) : RunIf.Success;
        if (runIf == RunIf.Failure && dependsOn.Count == 0)
        {
            read.Error(o["runIf"], "`failure` needs `dependsOn`: the task runs when an upstream task fails");
        }

        var task = new TaskSpec
        {
            Name = name ?? "",
            Description = read.String(o["description"]),
            Image = isJob ? null : WorkloadBinder.Image(context, o["image"]),
            Command = kind == TaskKind.Command ? Command(context, o["command"]) : [],
            Args = Args(context, o, kind),
            Script = kind == TaskKind.Script ? Script(read, o["script"]) : null,
            Job = isJob ? ChildJobBinder.Bind(context, o["job"]) : null,
            Env = env,
            Secrets = isJob ? [] : WorkloadBinder.Secrets(context, o["secrets"], env.Keys.Concat(job.Defaults.Env.Keys).ToHashSet()),
            Resources = isJob ? null : WorkloadBinder.Resources(context, o["resources"]),
            NodeSelector = isJob ? [] : WorkloadBinder.NodeSelector(context, o["nodeSelector"]),
            Tolerations = isJob ? [] : WorkloadBinder.Tolerations(context, o["tolerations"]),
            DependsOn = dependsOn.Select(d => d.Name).ToList(),
            Replicas = isJob ? 1 : (int?)read.Integer(o["replicas"], 1, context.Limits.MaxReplicas) ?? 1,
            When = ConditionBinder.Bind(context, o["when"]),
            RunIf = runIf ?? RunIf.Success,
            Optional = read.Boolean(o["optional"]) ?? false,
            Retry = RetryBinder.Bind(read, o["retry"]),
            Timeout = read.Duration(o["timeout"]),
            SkipOnExitCodes = isJob ? [] : ExitCodes(read, o["skipOnExitCodes"]),
            Priority = (int?)read.Integer(o["priority"], -JobSpec.MaxPriority, JobSpec.MaxPriority),
        };
        CheckInheritedLimits(read, o, job.Defaults.Resources, task.Resources);
        if (job.Executor == ExecutorKind.Airflow && !isJob && task.Image is null && job.Defaults.Image is null && !o.Has("image"))
        {
            read.Error(o["image"], "is required with executor airflow: set it here or in spec.defaults.image");
        }

        return task;
    }

    // Limits and requests may come from different levels; the merged pair must still be consistent.
    private static void CheckInheritedLimits(FieldReader read, ObjectReader o, ResourceSpec? inherited, ResourceSpec? own)
    {
        if (inherited is null || own is null || ResolvedTask.MergeResources(inherited, own) is not { Limits: { } limits } merged)
        {
            return;
        }

        var pairs = new[]
        {
            ("cpu", merged.Cpu, limits.Cpu, own.Cpu is not null && own.Limits?.Cpu is not null),
            ("memory", merged.Memory, limits.Memory, own.Memory is not null && own.Limits?.Memory is not null),
        };
        foreach (var (name, request, limit, bothOwn) in pairs)
        {
            // A pair set entirely on the task was already checked where it is written.
            if (!bothOwn && request is not null && limit is not null && limit.Value < request.Value)
            {
                read.Error(o["resources"], $"{name} request `{request.Text}` is above the limit `{limit.Text}` (limits come from spec.defaults.resources where not set here)");
            }
        }
    }

    // Exactly one action; a missing or doubled one is reported and the first present one is bound.
    private static TaskKind? Action(FieldReader read, ObjectReader o)
    {
        var present = Actions.Where(o.Has).ToList();
        if (present.Count == 0)
        {
            read.Error(o.Self, "a task needs one of `command`, `script` or `job`");
            return null;
        }

        if (present.Count > 1)
        {
            var names = present.Count == 2
                ? $"`{present[0]}` and `{present[1]}` cannot both be set"
                : "`command`, `script` and `job` cannot all be set";
            read.Error(o[present[^1]], $"{names}: choose one");
        }

        return (TaskKind)Array.IndexOf(Actions, present[0]);
    }

    private static List<string> Command(BindingContext context, Field field)
    {
        var read = context.Read;
        var command = read.List(field, f => read.RequiredItem(f, context.Template), "strings");
        if (field.Node is SequenceNode { Items.Count: 0 })
        {
            read.Error(field, "must not be empty: give the program and its arguments");
        }
        else if (command.Count > 0 && string.IsNullOrWhiteSpace(command[0]))
        {
            read.Error(field.Item(((SequenceNode)field.Node!).Items[0], 0), "the program name must not be empty");
        }

        return command;
    }

    private static List<string> Args(BindingContext context, ObjectReader o, TaskKind? kind)
    {
        if (!o.Has("args"))
        {
            return [];
        }

        if (kind is TaskKind.Command or null)
        {
            return context.Read.List(o["args"], f => context.Read.RequiredItem(f, context.Template), "strings");
        }

        context.Read.Error(o["args"], kind == TaskKind.Script
            ? "`args` only applies to `command`: a script reads params from environment variables"
            : "`args` only applies to `command`: pass values to a child job with `job.params`");
        return [];
    }

    private static string? Script(FieldReader read, Field field)
    {
        var script = read.NonBlankString(field);
        if (script is not null && ParamReference.ContainsPlaceholderSyntax(script))
        {
            var example = ParamReference.Scan(script).References.FirstOrDefault()?.Name ?? "name";
            read.Error(field, "`${{ ... }}` is not substituted in scripts: params reach scripts as environment variables, " +
                              $"e.g. \"${ParamSpec.EnvironmentVariable(example)}\"");
        }

        return script;
    }

    private static List<GraphChecker.Dependency> DependsOn(BindingContext context, Field field)
    {
        var read = context.Read;
        var entries = read.List(field, f => read.RequiredItem(f, read.NonBlankString) is { } name ? new GraphChecker.Dependency(name, f) : null, "task names");
        if (entries.Count > context.Limits.MaxDependsOn)
        {
            read.Error(field, $"lists {entries.Count} tasks; at most {context.Limits.MaxDependsOn} are allowed");
        }

        return entries;
    }

    private static List<int> ExitCodes(FieldReader read, Field field)
    {
        var codes = new List<int>();
        foreach (var item in read.Items(field, "exit codes"))
        {
            if (item.IsAbsent)
            {
                read.Error(item, "must not be null");
                continue;
            }

            if (read.Integer(item, 0, TaskSpec.MaxExitCode) is not { } code)
            {
                continue;
            }

            if (codes.Contains((int)code))
            {
                read.Error(item, $"{code} is listed twice");
            }
            else
            {
                codes.Add((int)code);
            }
        }

        return codes;
    }
}
