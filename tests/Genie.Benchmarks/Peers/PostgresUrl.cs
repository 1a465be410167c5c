using System.Globalization;
using Npgsql;

namespace Genie.Benchmarks.Peers;

/// <summary>Turns an Npgsql connection string into the postgres:// URL node-postgres (and so every peer) takes.</summary>
public static class PostgresUrl
{
    public static string FromConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Host is null || builder.Database is null)
        {
            throw new ArgumentException("The connection string names no host or database.", nameof(connectionString));
        }

        // node-postgres percent-decodes user, password and database, so generated passwords survive any character.
        var credentials = builder.Username is null
            ? ""
            : Uri.EscapeDataString(builder.Username)
              + (builder.Password is null ? "" : ":" + Uri.EscapeDataString(builder.Password))
              + "@";
        return string.Create(CultureInfo.InvariantCulture,
            $"postgres://{credentials}{builder.Host}:{builder.Port}/{Uri.EscapeDataString(builder.Database)}");
    }
}
