namespace Genie.Server.Store.Embedded;

/// <summary>The embedded PostgreSQL cluster could not be created, started or stopped.</summary>
public sealed class EmbeddedPostgresException(string message) : Exception(message);
