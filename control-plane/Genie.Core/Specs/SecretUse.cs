namespace Genie.Core.Specs;

/// <summary>
/// A key of a named secret that a job spec uses, with the path it was written at (<c>spec.tasks[1].secrets[0]</c>,
/// <c>spec.notify[0].secret</c>).
/// </summary>
public sealed record SecretUse(string Path, string Name, string Key)
{
    /// <summary>Every secret the job uses: job-wide references first, then each task's, then the webhooks' signing keys, in document order.</summary>
    public static IReadOnlyList<SecretUse> Of(JobDefinition job)
    {
        var uses = job.Spec.Secrets.Select((s, i) => Of($"spec.secrets[{i}]", s))
            .Concat(job.Spec.Defaults.Secrets.Select((s, i) => Of($"spec.defaults.secrets[{i}]", s)));
        var tasks = job.Spec.Tasks.SelectMany((t, ti) => t.Secrets.Select((s, i) => Of($"spec.tasks[{ti}].secrets[{i}]", s)));
        var webhooks = job.Spec.Notify.Select((n, i) => n.Secret is { } secret ? new SecretUse($"spec.notify[{i}].secret", secret.Name, secret.Key) : null)
            .OfType<SecretUse>();
        return uses.Concat(tasks).Concat(webhooks).ToList();
    }

    private static SecretUse Of(string path, SecretRef secret) => new(path, secret.Name, secret.Key);
}
