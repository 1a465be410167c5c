using Genie.Core.Airflow.Dag;
using Genie.Core.Specs;

namespace Genie.Core.Airflow;

/// <summary>
/// Compiles one version of a job into one Airflow 3 DAG file that runs every task with the
/// KubernetesPodOperator (child jobs with the TriggerDagRunOperator) and reaches the same outcome as the
/// local executor; airflow/MAPPING.md describes the mapping. Pure and deterministic: the same job,
/// version and options always give byte-identical text, so republishing never makes Airflow re-parse.
/// </summary>
public static class DagCompiler
{
    /// <summary>
    /// The DAG file of <paramref name="job"/> (whose <c>metadata.namespace</c> is set) at
    /// <paramref name="version"/>. Throws <see cref="ArgumentException"/> when
    /// <see cref="AirflowCompatibility.Check"/> reports errors: such a job cannot run on Airflow as written.
    /// </summary>
    public static CompiledDag Compile(JobDefinition job, int version, DagCompilerOptions options)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(options);
        var errors = AirflowCompatibility.Check(job);
        if (errors.Count > 0)
        {
            throw new ArgumentException("the job cannot run on Airflow: " + string.Join("; ", errors), nameof(job));
        }

        var context = new DagContext(job, version, options);
        var plan = DagPlan.For(job);

        // The file names itself by a hash of its own text with the tag's value left out.
        using var file = DagSourceWriter.Write(context, plan);
        var hashTag = DagTags.HashTag(file.Sha256(DagTags.BlankHashTag));
        var dagId = DagIds.For(context.Namespace, job.Metadata.Name);
        return new CompiledDag(dagId, dagId + ".py", file.Text(hashTag), file.Sha256(hashTag)) { HashTag = hashTag };
    }
}
