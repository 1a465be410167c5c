using Dapper;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>`dag_publications`: which DAG file each job version became, when Airflow parsed it, and its import error.</summary>
public sealed class DagPublicationStore(NpgsqlDataSource dataSource)
{
    /// <summary>One row of `dag_publications`.</summary>
    public sealed record Publication(string DagId, string FileName, string SourceHash, DateTimeOffset PublishedAt, DateTimeOffset? ParsedAt, string? ImportError);

    public async Task<Publication?> GetAsync(long jobId, int version, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Publication>(new CommandDefinition("""
            select dag_id as dagid, file_name as filename, source_hash as sourcehash, published_at as publishedat, parsed_at as parsedat,
                   import_error as importerror
            from dag_publications where job_id = @jobId and version = @version
            """, new { jobId, version }, cancellationToken: cancellationToken));
    }

    /// <summary>Records a publication; a concurrent one of the same version wins and this one is dropped.</summary>
    public async Task InsertAsync(long jobId, int version, string dagId, string fileName, string sourceHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into dag_publications (job_id, version, dag_id, file_name, source_hash, published_at)
            values (@jobId, @version, @dagId, @fileName, @sourceHash, @now)
            on conflict (job_id, version) do nothing
            """, new { jobId, version, dagId, fileName, sourceHash, now }, cancellationToken: cancellationToken));
    }

    public async Task MarkParsedAsync(long jobId, int version, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "update dag_publications set parsed_at = coalesce(parsed_at, @now), import_error = null where job_id = @jobId and version = @version",
            new { jobId, version, now }, cancellationToken: cancellationToken));
    }

    public async Task RecordImportErrorAsync(long jobId, int version, string error, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "update dag_publications set import_error = @error where job_id = @jobId and version = @version",
            new { jobId, version, error }, cancellationToken: cancellationToken));
    }

    /// <summary>The job id of a version of a job (deleted jobs too); null when there is no such version.</summary>
    public async Task<long?> JobIdOfVersionAsync(string ns, string name, int version, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition("""
            select j.id from jobs j join job_versions v on v.job_id = j.id
            where j.namespace = @ns and j.name = @name and v.version = @version
            """, new { ns, name, version }, cancellationToken: cancellationToken));
    }
}
