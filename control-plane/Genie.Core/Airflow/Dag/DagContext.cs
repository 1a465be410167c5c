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

    private readonly Dictionary<string, ResolvedTask> _resolved = new(StringComparer.Ordinal);
    private List<KeyValuePair<string, string>>? _paramEnvironment;

    /// <summary>A task with its inherited settings (resolved once per file: imports and operators both ask).</summary>
    public ResolvedTask Resolve(TaskSpec task)
    {
        if (!_resolved.TryGetValue(task.Name, out var resolved))
        {
            _resolved[task.Name] = resolved = ResolvedTask.Resolve(Job.Spec, task);
        }

        return resolved;
    }

    /// <summary>
    /// The <c>GENIE_PARAM_*</c> variable and container template of every param, in ordinal order of the names;
    /// every pod has the same ones, so they are made once per file.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> ParamEnvironment => _paramEnvironment ??= Job.Spec.Params.Keys
        .Order(StringComparer.Ordinal)
        .Select(name => new KeyValuePair<string, string>(
            ParamSpec.EnvironmentVariable(name), new JinjaTemplate(TextDestination.Container).Expression(Params.Text(name)).Build()))
        .ToList();
}
