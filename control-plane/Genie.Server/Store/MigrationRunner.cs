using System.Reflection;
using Dapper;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>
/// Applies the numbered SQL files in Store/Migrations at start, each in its own transaction,
/// under an advisory lock so replicas starting together apply each file exactly once.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    // Any constant works; it only has to be the same in every replica.
    private const long AdvisoryLockKey = 0x47656E69654D6967;

    /// <summary>One numbered migration file.</summary>
    public sealed record Migration(int Version, string Name, string Sql);

    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "select pg_advisory_lock(@key)", new { key = AdvisoryLockKey }, cancellationToken: cancellationToken));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                create table if not exists schema_migrations (
                    version    integer     primary key,
                    name       text        not null,
                    applied_at timestamptz not null default now()
                )
                """, cancellationToken: cancellationToken));
            var applied = (await connection.QueryAsync<int>(new CommandDefinition(
                "select version from schema_migrations", cancellationToken: cancellationToken))).ToHashSet();

            foreach (var migration in Load().Where(m => !applied.Contains(m.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(
                    "insert into schema_migrations (version, name) values (@Version, @Name)",
                    new { migration.Version, migration.Name }, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied migration {Version} {Name}", migration.Version, migration.Name);
            }
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "select pg_advisory_unlock(@key)", new { key = AdvisoryLockKey }, cancellationToken: CancellationToken.None));
        }
    }

    /// <summary>
    /// Runs another schema installer under the migrations' lock: Hangfire.PostgreSql creates and migrates its schema
    /// when its storage is built, and two replicas starting together on a fresh database must not both create it.
    /// Synchronous, as the installer it guards is.
    /// </summary>
    public T RunExclusive<T>(Func<T> install)
    {
        using var connection = dataSource.OpenConnection();
        connection.Execute("select pg_advisory_lock(@key)", new { key = AdvisoryLockKey });
        try
        {
            return install();
        }
        finally
        {
            connection.Execute("select pg_advisory_unlock(@key)", new { key = AdvisoryLockKey });
        }
    }

    /// <summary>The migrations embedded in this assembly, in version order; file names are `NNNN_name.sql`.</summary>
    public static IReadOnlyList<Migration> Load()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        const string prefix = "Migrations/";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name =>
            {
                var file = Path.GetFileNameWithoutExtension(name[prefix.Length..]);
                var separator = file.IndexOf('_', StringComparison.Ordinal);
                var version = separator > 0 && int.TryParse(file[..separator], out var v)
                    ? v
                    : throw new InvalidOperationException($"Migration `{file}` must be named NNNN_description.sql.");
                return new Migration(version, file[(separator + 1)..], Read(assembly, name));
            })
            .OrderBy(m => m.Version)
            .ToList();
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
