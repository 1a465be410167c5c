using Genie.Core.Specs;

namespace Genie.Core.Airflow;

/// <summary>
/// What a valid spec asks for that the generated Airflow DAG could not do exactly as the local executor
/// does, as errors with spec paths; the API rejects airflow-executor jobs with any. Differences of timing
/// only (retry jitter, when a <c>runIf: failure</c> task starts) are documented in airflow/MAPPING.md and
/// are not errors.
/// </summary>
public static class AirflowCompatibility
{
    /// <summary>Every problem, in document order.</summary>
    public static IReadOnlyList<SpecError> Check(JobDefinition job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var errors = new List<SpecError>();
        if (job.Metadata.Namespace is null)
        {
            errors.Add(new SpecError("metadata.namespace", "must be set: the DAG id is made of the namespace and the job name"));
        }

        SecretNames(job.Spec.Secrets, "spec", errors);
        SecretNames(job.Spec.Defaults.Secrets, "spec.defaults", errors);
        for (var i = 0; i < job.Spec.Tasks.Count; i++)
        {
            var task = job.Spec.Tasks[i];
            var path = $"spec.tasks[{i}]";
            if (task.Kind != TaskKind.Job && (task.Image ?? job.Spec.Defaults.Image) is null)
            {
                errors.Add(new SpecError(path + ".image", "is required with executor airflow: set it here or in spec.defaults.image"));
            }

            SecretNames(task.Secrets, path, errors);
        }

        return errors;
    }

    // Airflow's Secret helper upper-cases the variable it sets, so the task would see another name.
    private static void SecretNames(IReadOnlyList<SecretRef> secrets, string path, List<SpecError> errors)
    {
        for (var i = 0; i < secrets.Count; i++)
        {
            var env = secrets[i].Env;
            if (env != env.ToUpperInvariant())
            {
                errors.Add(new SpecError($"{path}.secrets[{i}].env",
                    $"`{env}` would be set as `{env.ToUpperInvariant()}` with executor airflow (its Secret helper upper-cases the variable name): use upper case"));
            }
        }
    }
}
