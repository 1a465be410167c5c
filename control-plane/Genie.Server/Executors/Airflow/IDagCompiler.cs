using Genie.Core.Airflow;
using Genie.Core.Specs;

namespace Genie.Server.Executors.Airflow;

/// <summary>Compiles a job version into its Airflow DAG file; the seam through which tests count compilations.</summary>
public interface IDagCompiler
{
    /// <summary>The DAG file of <paramref name="job"/> at <paramref name="version"/>, as <see cref="DagCompiler.Compile"/> gives it.</summary>
    CompiledDag Compile(JobDefinition job, int version);
}
