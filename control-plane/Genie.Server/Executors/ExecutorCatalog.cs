using Genie.Core.Specs;
using Microsoft.Extensions.Options;

namespace Genie.Server.Executors;

/// <summary>The executors this server runs; each one's registration adds its kind.</summary>
public sealed record ExecutorRegistration(ExecutorKind Kind);

/// <summary>Chooses the executor of a job: its spec's `executor`, else the server default, if this server has it.</summary>
public sealed class ExecutorCatalog(IEnumerable<ExecutorRegistration> registrations, IOptions<GenieOptions> options)
{
    private readonly HashSet<ExecutorKind> _available = registrations.Select(r => r.Kind).ToHashSet();

    /// <summary>The executor for a spec, and whether this server runs it.</summary>
    public (ExecutorKind Kind, bool Available) For(JobSpec spec)
    {
        var kind = spec.Executor ?? options.Value.DefaultExecutor;
        return (kind, _available.Contains(kind));
    }

    /// <summary>The name stored in `runs.executor`.</summary>
    public static string NameOf(ExecutorKind kind) => kind.ToString().ToLowerInvariant();
}
