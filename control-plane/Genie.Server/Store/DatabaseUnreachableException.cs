namespace Genie.Server.Store;

/// <summary>The database Genie is configured with, or its embedded cluster, does not accept Genie's connections.</summary>
public sealed class DatabaseUnreachableException(string message, Exception inner) : Exception(message, inner);
