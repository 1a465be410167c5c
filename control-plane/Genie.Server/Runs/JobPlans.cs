using System.Collections.Concurrent;
using Genie.Core.Specs;
using Genie.Server.Store;

namespace Genie.Server.Runs;

/// <summary>
/// Job versions as executable plans, loaded from the stored canonical definition once and kept:
/// versions are immutable, so a cached plan never goes stale.
/// </summary>
public sealed class JobPlans(JobStore jobs)
{
    private readonly ConcurrentDictionary<(long JobId, int Version), JobPlan> _plans = new();

    public async Task<JobPlan> GetAsync(long jobId, int version, CancellationToken cancellationToken)
    {
        if (_plans.TryGetValue((jobId, version), out var cached))
        {
            return cached;
        }

        var json = await jobs.DefinitionAsync(jobId, version, cancellationToken)
            ?? throw new InvalidOperationException($"Job {jobId} has no version {version}.");
        return _plans.GetOrAdd((jobId, version), Parse(json));
    }

    // Stored definitions passed the limits in force when applied; later, lower limits must not stop them running.
    private static readonly SpecLimits Trusted = new()
    {
        MaxDocumentBytes = 1 << 28, MaxNodes = 1 << 24, MaxTasks = 1 << 20, MaxReplicas = 1 << 20, MaxParams = 1 << 20,
        MaxStringBytes = 1 << 26, MaxLabels = 1 << 20, MaxDependsOn = 1 << 20,
    };

    /// <summary>Reads a stored canonical definition back; it was valid when stored, so errors here are bugs.</summary>
    public static JobPlan Parse(string canonicalJson)
    {
        var parsed = JobSpecParser.Parse(canonicalJson, SpecFormat.Json, Trusted);
        return parsed.IsValid
            ? JobPlan.From(parsed.Job!)
            : throw new InvalidOperationException("A stored definition no longer parses: " +
                string.Join("; ", parsed.Errors.Select(e => $"{e.Path}: {e.Message}")));
    }
}
