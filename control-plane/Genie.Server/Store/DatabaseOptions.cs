namespace Genie.Server.Store;

/// <summary>Where Genie keeps its state: an external PostgreSQL server or a private embedded cluster.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Genie:Database";

    /// <summary>Npgsql connection string; when empty Genie starts its own cluster under <see cref="GenieOptions.DataDir"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder holding initdb/pg_ctl/postgres; found on PATH or under /usr/lib/postgresql when empty.</summary>
    public string? PostgresBinDir { get; set; }

    /// <summary>Name of the database Genie creates inside the embedded cluster.</summary>
    public string DatabaseName { get; set; } = "genie";
}
