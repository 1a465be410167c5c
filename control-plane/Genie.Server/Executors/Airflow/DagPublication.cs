using System.Collections.Concurrent;
using Genie.Core.Airflow;
using Genie.Server.Executors.Airflow.Publishing;
using Genie.Server.Runs;
using Genie.Server.Store;

namespace Genie.Server.Executors.Airflow;

/// <summary>
/// Compiles a job version into its DAG file and publishes it to the bundle once; remembers it in
/// `dag_publications` so every later run of the version reuses it, and when Airflow has parsed it.
/// </summary>
public sealed class DagPublication(
    DagPublicationStore publications, JobPlans plans, IDagPublisher publisher, IDagCompiler compiler, TimeProvider time)
{
    // Every advance of an Airflow run asks for its version's hash tag; versions are immutable, so each version is
    // compiled once per process (to publish it, or after a restart for its tag) and only the tag is kept, not the file.
    private readonly ConcurrentDictionary<(long JobId, int Version), string> _versionTags = new();

    public async Task<PublishedDag> EnsureAsync(long jobId, int version, CancellationToken cancellationToken)
    {
        var known = await publications.GetAsync(jobId, version, cancellationToken);
        if (known is not null)
        {
            var tag = _versionTags.TryGetValue((jobId, version), out var kept) ? kept : (await CompileAsync(jobId, version, cancellationToken)).HashTag;
            return new PublishedDag(known.DagId, known.FileName, tag, known.PublishedAt, known.ParsedAt);
        }

        var compiled = await CompileAsync(jobId, version, cancellationToken);

        // Publishing replaces the job's file, so the newest version triggered is the one Airflow parses next.
        await publisher.PublishAsync(compiled.FileName, compiled.Source, cancellationToken);
        var now = time.GetUtcNow();
        await publications.InsertAsync(jobId, version, compiled.DagId, compiled.FileName, compiled.ContentHash, now, cancellationToken);
        return new PublishedDag(compiled.DagId, compiled.FileName, compiled.HashTag, now, null);
    }

    public Task MarkParsedAsync(long jobId, int version, CancellationToken cancellationToken) =>
        publications.MarkParsedAsync(jobId, version, time.GetUtcNow(), cancellationToken);

    /// <summary>Keeps Airflow's complaint about the version's file, for the job's DAG status.</summary>
    public Task RecordImportErrorAsync(long jobId, int version, string error, CancellationToken cancellationToken) =>
        publications.RecordImportErrorAsync(jobId, version, error, cancellationToken);

    // Compilation is deterministic, so this is the published file.
    private async Task<CompiledDag> CompileAsync(long jobId, int version, CancellationToken cancellationToken)
    {
        var plan = await plans.GetAsync(jobId, version, cancellationToken);
        var compiled = compiler.Compile(plan.Definition, version);
        _versionTags[(jobId, version)] = compiled.HashTag;
        return compiled;
    }

    /// <summary>Removes a deleted job's file so Airflow drops the DAG.</summary>
    public Task RemoveAsync(string ns, string job, CancellationToken cancellationToken) =>
        publisher.DeleteAsync(DagIds.For(ns, job) + ".py", cancellationToken);

}
