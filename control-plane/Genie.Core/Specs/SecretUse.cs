namespace Genie.Core.Specs;

/// <summary>A secret reference of a job spec with the path it was written at (<c>spec.tasks[1].secrets[0]</c>).</summary>
public sealed record SecretUse(string Path, SecretRef Secret)
{
    /// <summary>Every secret reference of the job, job-wide ones first, then each task's, in document order.</summary>
    public static IReadOnlyList<SecretUse> Of(JobDefinition job)
    {
        var uses = job.Spec.Secrets.Select((s, i) => new SecretUse($"spec.secrets[{i}]", s))
            .Concat(job.Spec.Defaults.Secrets.Select((s, i) => new SecretUse($"spec.defaults.secrets[{i}]", s)));
        var tasks = job.Spec.Tasks.SelectMany((t, ti) => t.Secrets.Select((s, i) => new SecretUse($"spec.tasks[{ti}].secrets[{i}]", s)));
        return uses.Concat(tasks).ToList();
    }
}
