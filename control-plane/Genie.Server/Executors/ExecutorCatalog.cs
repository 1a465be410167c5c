using Genie.Core.Specs;
using Microsoft.Extensions.Options;

namespace Genie.Server.Executors;

/// <summary>The executors this server runs, found by kind or by the name runs store; and the executor a job gets.</summary>
public sealed class ExecutorCatalog(IEnumerable<IExecutorPort> ports, IOptions<GenieOptions> options)
{
    private readonly Dictionary<string, IExecutorPort> _byName = ports.ToDictionary(p => NameOf(p.Kind), StringComparer.Ordinal);

    /// <summary>The executor for a spec (its `executor`, else the server default), and whether this server runs it.</summary>
    public (ExecutorKind Kind, bool Available) For(JobSpec spec)
    {
        var kind = spec.Executor ?? options.Value.DefaultExecutor;
        return (kind, _byName.ContainsKey(NameOf(kind)));
    }

    /// <summary>The executor a run names in `runs.executor`; null when this server does not have it configured.</summary>
    public IExecutorPort? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The name stored in `runs.executor`: the word a spec writes, so renaming the enumeration never orphans runs.</summary>
    public static string NameOf(ExecutorKind kind) => SpecVocabulary.Executor.Word(kind);
}
