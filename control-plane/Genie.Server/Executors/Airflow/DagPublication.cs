using Dapper;
using Genie.Core.Airflow;
using Genie.Server.Executors.Airflow.Publishing;
using Genie.Server.Runs;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Genie.Server.Executors.Airflow;

/// <summary>
/// Compiles a job version into its DAG file and publishes it to the bundle once; remembers it in
/// `dag_publications` so every later run of the version reuses it, and when Airflow has parsed it.
/// </summary>
public sealed class DagPublication(
    NpgsqlDataSource dataSource, JobPlans plans, IDagPublisher publisher, IOptions<AirflowExecutionOptions> options, TimeProvider time)
{
    public async Task<PublishedDag> EnsureAsync(long jobId, int version, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var known = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
            select dag_id as dagid, file_name as filename, source_hash as sourcehash, published_at as publishedat, parsed_at as parsedat
            from dag_publications where job_id = @jobId and version = @version
            """, new { jobId, version }, cancellationToken: cancellationToken));
        var compiled = await CompileAsync(jobId, version, cancellationToken);
        if (known is not null)
        {
            return new PublishedDag(known.DagId, known.FileName, compiled.HashTag, Utc(known.PublishedAt), known.ParsedAt is null ? null : Utc(known.ParsedAt.Value));
        }

        // Publishing replaces the job's file, so the newest version triggered is the one Airflow parses next.
        await publisher.PublishAsync(compiled.FileName, compiled.Source, cancellationToken);
        var now = time.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into dag_publications (job_id, version, dag_id, file_name, source_hash, published_at)
            values (@jobId, @version, @DagId, @FileName, @ContentHash, @now)
            on conflict (job_id, version) do nothing
            """, new { jobId, version, compiled.DagId, compiled.FileName, compiled.ContentHash, now }, cancellationToken: cancellationToken));
        return new PublishedDag(compiled.DagId, compiled.FileName, compiled.HashTag, now, null);
    }

    public async Task MarkParsedAsync(long jobId, int version, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "update dag_publications set parsed_at = coalesce(parsed_at, @now), import_error = null where job_id = @jobId and version = @version",
            new { jobId, version, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>Keeps Airflow's complaint about the version's file, for the job's DAG status.</summary>
    public async Task RecordImportErrorAsync(long jobId, int version, string error, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "update dag_publications set import_error = @error where job_id = @jobId and version = @version",
            new { jobId, version, error }, cancellationToken: cancellationToken));
    }

    /// <summary>The DAG source of a job version; compilation is deterministic, so this is the published file.</summary>
    public async Task<CompiledDag> CompileAsync(long jobId, int version, CancellationToken cancellationToken)
    {
        var plan = await plans.GetAsync(jobId, version, cancellationToken);
        return DagCompiler.Compile(plan.Definition, version, options.Value.CompilerOptions);
    }

    /// <summary>Removes a deleted job's file so Airflow drops the DAG.</summary>
    public Task RemoveAsync(string ns, string job, CancellationToken cancellationToken) =>
        publisher.DeleteAsync(DagIds.For(ns, job) + ".py", cancellationToken);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed record Row(string DagId, string FileName, string SourceHash, DateTime PublishedAt, DateTime? ParsedAt);
}
