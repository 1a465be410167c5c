using System.Data.Common;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>
/// Npgsql's automatic preparation, on unless the connection string sets `Max Auto Prepare` itself: Genie sends the same
/// few dozen statements over and over (a trigger sends six in four round trips), and a prepared one skips PostgreSQL's parse and plan.
/// A pooler that cannot keep prepared statements (PgBouncer before 1.21 in transaction mode) needs `Max Auto Prepare=0`.
/// </summary>
public static class AutoPrepare
{
    /// <summary>More than the distinct statements Genie sends often, so none is evicted to make room for another.</summary>
    public const int MaxStatements = 256;

    /// <summary>Prepared from the second use: a statement sent once (a migration, a rare lookup) is not worth a slot.</summary>
    public const int MinUsages = 2;

    public static string Apply(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = MaxStatements, AutoPrepareMinUsages = MinUsages }.ConnectionString;
    }
}
