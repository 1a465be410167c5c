using System.Collections.Concurrent;
using Genie.Core.Airflow;
using Genie.Core.Specs;
using Genie.Server.Executors.Airflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Genie.Server.Tests.Executors.AirflowRuns;

/// <summary>The server's DAG compiler with a count of compilations per job and version.</summary>
public sealed class CountingDagCompiler
{
    private readonly ConcurrentDictionary<(string Job, int Version), int> _counts = new();

    /// <summary>How often version <paramref name="version"/> of job <paramref name="job"/> was compiled.</summary>
    public int Of(string job, int version) => _counts.GetValueOrDefault((job, version));

    /// <summary>Puts this count around the compiler the server registers.</summary>
    public void Install(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<IDagCompiler>(provider =>
            new Counted(ActivatorUtilities.CreateInstance<ConfiguredDagCompiler>(provider), this)));

    private sealed class Counted(IDagCompiler inner, CountingDagCompiler counts) : IDagCompiler
    {
        public CompiledDag Compile(JobDefinition job, int version)
        {
            counts._counts.AddOrUpdate((job.Metadata.Name, version), 1, (_, count) => count + 1);
            return inner.Compile(job, version);
        }
    }
}
