using Genie.Core.Airflow;
using Genie.Core.Specs;
using Microsoft.Extensions.Options;

namespace Genie.Server.Executors.Airflow;

/// <summary><see cref="DagCompiler"/> with this server's compiler options (<c>Genie:Airflow</c>).</summary>
public sealed class ConfiguredDagCompiler(IOptions<AirflowExecutionOptions> options) : IDagCompiler
{
    public CompiledDag Compile(JobDefinition job, int version) => DagCompiler.Compile(job, version, options.Value.CompilerOptions);
}
