using System.Globalization;
using Genie.Core.Airflow.Jinja;
using Genie.Core.Airflow.Python;
using Genie.Core.Specs;

namespace Genie.Core.Airflow.Dag;

/// <summary>
/// The KubernetesPodOperator of a command or script task. The pod runs what the local executor would
/// exec: <c>command</c> as the container command and <c>args</c> as its args, or <c>/bin/sh -c SCRIPT</c>;
/// it sees the same environment (the task's env, GENIE_* and GENIE_PARAM_*). Every string in a templated
/// field goes through <see cref="JinjaTemplate"/>, and container text also through Kubernetes' <c>$</c>
/// escaping. A task with replicas is mapped over its replica indexes with
/// <c>.partial(...).expand(name=[...])</c>: each mapped instance gets its own pod name, and
/// GENIE_REPLICA_INDEX is the instance's <c>map_index</c>, which is the position in that list.
/// </summary>
internal static class PodTaskArguments
{
    private static readonly string[] ShellPrefix = ["/bin/sh", "-c"];

    /// <summary>The operator construction for <paramref name="node"/>.</summary>
    public static PyExpr For(DagNode node, DagContext context)
    {
        var task = context.Resolve(node.Task!);
        var keywords = Keywords(node, task, context).ToList();
        var operatorClass = PyValues.Name("KubernetesPodOperator");
        if (task.Task.Replicas == 1)
        {
            return PyCall.Of(operatorClass, keywords, vertical: true);
        }

        var partial = PyCall.Of(new PyAttribute(operatorClass, "partial"), keywords, vertical: true);
        var podNames = Enumerable.Range(0, task.Task.Replicas)
            .Select(i => Templated(task.Task.Name + "-" + i.ToString(CultureInfo.InvariantCulture)));
        return PyCall.Of(new PyAttribute(partial, "expand"), [new PyKeyword("name", PyExpr.StrList(podNames))]);
    }

    /// <summary>Whether the operator of <paramref name="task"/> uses the <c>k8s</c> models (resources, tolerations).</summary>
    public static bool UsesKubernetesModels(ResolvedTask task) =>
        task.Resources is { } r && (r.Cpu ?? r.Memory ?? r.Limits?.Cpu ?? r.Limits?.Memory) is not null || task.Tolerations.Count > 0;

    private static IEnumerable<PyKeyword> Keywords(DagNode node, ResolvedTask task, DagContext context)
    {
        var spec = task.Task;
        yield return new PyKeyword("task_id", PyExpr.Str(node.TaskId));
        if (spec.Description is { } description)
        {
            yield return new PyKeyword("doc", PyExpr.Str(description));
        }

        yield return new PyKeyword("image", PyExpr.Str(SpecTemplate.Render(task.Image!, context.Params, TextDestination.Plain)));
        var (command, arguments) = spec.Kind == TaskKind.Script
            ? (ShellPrefix.Select(Container).ToList(), [Container(spec.Script!)])
            : (spec.Command.Select(c => ContainerTemplate(c, context)).ToList(), spec.Args.Select(a => ContainerTemplate(a, context)).ToList());
        yield return new PyKeyword("cmds", PyExpr.StrList(command));
        if (arguments.Count > 0)
        {
            yield return new PyKeyword("arguments", PyExpr.StrList(arguments));
        }

        yield return new PyKeyword("env_vars", PyExpr.StrDict(Environment(task, context)));
        if (task.Secrets.Count > 0)
        {
            yield return new PyKeyword("secrets", new PyList(task.Secrets.OrderBy(s => s.Env, StringComparer.Ordinal).Select(s => Secret(s, context)).ToList()));
        }

        if (Resources(task.Resources) is { } resources)
        {
            yield return new PyKeyword("container_resources", resources);
        }

        if (task.NodeSelector.Count > 0)
        {
            yield return new PyKeyword("node_selector", PyExpr.StrDict(task.NodeSelector.Select(e => Entry(e.Key, Templated(e.Value)))));
        }

        if (task.Tolerations.Count > 0)
        {
            yield return new PyKeyword("tolerations", new PyList(task.Tolerations.Select(Toleration).ToList()));
        }

        yield return new PyKeyword("labels", PyExpr.StrDict(Labels(spec, context)));
        yield return new PyKeyword("annotations", PyExpr.StrDict([Entry("genie.dev/run-id", "{{ run_id }}")]));
        yield return new PyKeyword("namespace", PyExpr.Str(Templated(context.Options.KubernetesNamespace)));
        if (context.Options.KubernetesConnectionId is { } connection)
        {
            yield return new PyKeyword("kubernetes_conn_id", PyExpr.Str(Templated(connection)));
        }

        if (context.Options.ServiceAccountName is { } account)
        {
            yield return new PyKeyword("service_account_name", PyExpr.Str(account));
        }

        // The provider skips on a listed code even after exit 0, where the local executor succeeds.
        var skipCodes = spec.SkipOnExitCodes.Where(c => c != 0).ToList();
        if (skipCodes.Count > 0)
        {
            yield return new PyKeyword("skip_on_exit_code", new PyList(skipCodes.Select(c => PyExpr.Int(c)).ToList()));
        }

        yield return new PyKeyword("get_logs", PyExpr.Bool(true));
        yield return new PyKeyword("on_finish_action", PyExpr.Str("delete_pod"));
        foreach (var keyword in SchedulingArguments.For(task, node, context))
        {
            yield return keyword;
        }
    }

    // GENIE_* are written last so they win over anything inherited, as with the local executor.
    private static Dictionary<string, string> Environment(ResolvedTask task, DagContext context)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in task.Env)
        {
            env[name] = ContainerTemplate(value, context);
        }

        foreach (var (name, template) in context.ParamEnvironment)
        {
            env[name] = template;
        }

        var replicas = task.Task.Replicas;
        env["GENIE_RUN_ID"] = "{{ run_id }}";
        env["GENIE_NAMESPACE"] = Container(context.Namespace);
        env["GENIE_JOB"] = Container(context.Job.Metadata.Name);
        env["GENIE_TASK"] = Container(task.Task.Name);
        env["GENIE_ATTEMPT"] = "{{ ti.try_number }}";
        env["GENIE_REPLICA_INDEX"] = replicas > 1 ? "{{ ti.map_index }}" : "0";
        env["GENIE_REPLICA_COUNT"] = replicas.ToString(CultureInfo.InvariantCulture);
        return env;
    }

    // Genie's labels come last so a job label cannot pass itself off as one of them.
    private static Dictionary<string, string> Labels(TaskSpec task, DagContext context)
    {
        var labels = context.Job.Metadata.Labels.ToDictionary(l => l.Key, l => Templated(l.Value), StringComparer.Ordinal);
        labels["genie.dev/namespace"] = Templated(context.Namespace);
        labels["genie.dev/job"] = Templated(context.Job.Metadata.Name);
        labels["genie.dev/task"] = Templated(task.Name);
        labels["genie.dev/version"] = context.Version.ToString(CultureInfo.InvariantCulture);
        return labels;
    }

    // The variable is the one the local executor sets; the Kubernetes Secret is the one Genie keeps in sync with it.
    private static PyExpr Secret(SecretRef secret, DagContext context) =>
        new PyCall(PyValues.Name("Secret"),
            [PyExpr.Str("env"), PyExpr.Str(secret.Env), PyExpr.Str(KubernetesSecretNames.For(context.Namespace, secret.Name)), PyExpr.Str(secret.Key)], []);

    private static PyExpr? Resources(ResourceSpec? resources)
    {
        if (resources is null)
        {
            return null;
        }

        var keywords = new List<PyKeyword>();
        var requests = Quantities(resources.Cpu, resources.Memory);
        if (requests.Count > 0)
        {
            keywords.Add(new PyKeyword("requests", PyExpr.StrDict(requests)));
        }

        var limits = Quantities(resources.Limits?.Cpu, resources.Limits?.Memory);
        if (limits.Count > 0)
        {
            keywords.Add(new PyKeyword("limits", PyExpr.StrDict(limits)));
        }

        return keywords.Count == 0 ? null : PyCall.Of(PyValues.KubernetesModel("V1ResourceRequirements"), keywords);
    }

    private static List<KeyValuePair<string, string>> Quantities(Quantity? cpu, Quantity? memory)
    {
        var entries = new List<KeyValuePair<string, string>>();
        if (cpu is not null)
        {
            entries.Add(Entry("cpu", Templated(cpu.Text)));
        }

        if (memory is not null)
        {
            entries.Add(Entry("memory", Templated(memory.Text)));
        }

        return entries;
    }

    private static PyExpr Toleration(Toleration toleration)
    {
        var keywords = new List<PyKeyword>();
        if (toleration.Key is { } key)
        {
            keywords.Add(new PyKeyword("key", PyExpr.Str(key)));
        }

        keywords.Add(new PyKeyword("operator", PyExpr.Str(SpecVocabulary.TolerationOperator.Word(toleration.Operator))));
        if (toleration.Value is { } value)
        {
            keywords.Add(new PyKeyword("value", PyExpr.Str(value)));
        }

        if (toleration.Effect is { } effect)
        {
            keywords.Add(new PyKeyword("effect", PyExpr.Str(SpecVocabulary.TaintEffect.Word(effect))));
        }

        return PyCall.Of(PyValues.KubernetesModel("V1Toleration"), keywords);
    }

    private static string ContainerTemplate(string specText, DagContext context) =>
        SpecTemplate.Render(specText, context.Params, TextDestination.Container);

    private static string Container(string text) => JinjaTemplate.Verbatim(text, TextDestination.Container);

    private static string Templated(string text) => JinjaTemplate.Verbatim(text, TextDestination.Plain);

    private static KeyValuePair<string, string> Entry(string key, string value) => new(key, value);
}
