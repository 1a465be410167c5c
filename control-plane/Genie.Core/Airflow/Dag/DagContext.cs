using Genie.Core.Airflow.Jinja;
using Genie.Core.Specs;

namespace Genie.Core.Airflow.Dag;

/// <summary>What every part of one DAG file is written from: the job, its version and the options.</summary>
internal sealed class DagContext(JobDefinition job, int version, DagCompilerOptions options)
{
    /// <summary>The job being compiled; its namespace is set.</summary>
    public JobDefinition Job { get; } = job;

    /// <summary>The job's namespace.</summary>
    public string Namespace { get; } = job.Metadata.Namespace
        ?? throw new ArgumentException("the job's metadata.namespace must be set before it is compiled", nameof(job));

    /// <summary>The job version the file is generated for.</summary>
    public int Version { get; } = version;

    /// <summary>Deployment settings.</summary>
    public DagCompilerOptions Options { get; } = options;

    /// <summary>Jinja expressions for the job's params.</summary>
    public ParamExpressions Params { get; } = new(job.Spec.Params);

    /// <summary>A task with its inherited settings.</summary>
    public ResolvedTask Resolve(TaskSpec task) => ResolvedTask.Resolve(Job.Spec, task);
}
