namespace Genie.Core.Specs;

/// <summary>
/// A task with everything it inherits from <c>spec.defaults</c> and <c>spec.secrets</c>, the job's retry and the job's priority
/// filled in: what an executor actually runs.
/// </summary>
public sealed record ResolvedTask(
    TaskSpec Task,
    string? Image,
    IReadOnlyDictionary<string, string> Env,
    IReadOnlyList<SecretRef> Secrets,
    ResourceSpec? Resources,
    IReadOnlyDictionary<string, string> NodeSelector,
    IReadOnlyList<Toleration> Tolerations,
    RetryPolicy Retry,
    int Priority)
{
    /// <summary>
    /// Merges: image replaces; env and node selector merge by key; secrets merge by environment variable;
    /// resources merge field by field; tolerations add up; retry merges field by field; priority replaces.
    /// </summary>
    public static ResolvedTask Resolve(JobSpec job, TaskSpec task)
    {
        var defaults = job.Defaults;
        return new ResolvedTask(
            task,
            task.Image ?? defaults.Image,
            Merge(defaults.Env, task.Env),
            job.Secrets.Concat(defaults.Secrets).Where(s => task.Secrets.All(t => t.Env != s.Env)).Concat(task.Secrets).ToList(),
            MergeResources(defaults.Resources, task.Resources),
            Merge(defaults.NodeSelector, task.NodeSelector),
            defaults.Tolerations.Concat(task.Tolerations).Distinct().ToList(),
            RetryPolicy.Resolve(job.Retry, task.Retry),
            task.Priority ?? job.Priority);
    }

    /// <summary>Field-by-field merge of resources; null when neither side sets any.</summary>
    public static ResourceSpec? MergeResources(ResourceSpec? inherited, ResourceSpec? own)
    {
        if (inherited is null || own is null)
        {
            return own ?? inherited;
        }

        var limits = inherited.Limits is null || own.Limits is null
            ? own.Limits ?? inherited.Limits
            : new ResourceLimits(own.Limits.Cpu ?? inherited.Limits.Cpu, own.Limits.Memory ?? inherited.Limits.Memory);
        return new ResourceSpec(own.Cpu ?? inherited.Cpu, own.Memory ?? inherited.Memory, limits);
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> inherited, IReadOnlyDictionary<string, string> own)
    {
        var merged = new Dictionary<string, string>(inherited, StringComparer.Ordinal);
        foreach (var (key, value) in own)
        {
            merged[key] = value;
        }

        return merged;
    }
}
