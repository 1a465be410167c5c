namespace Genie.Cli.Connection;

/// <summary>Where a command talks to, as whom, and its default namespace, after flags, environment and context were weighed.</summary>
public sealed record GenieConnection(Uri Server, string Key, string Namespace);
