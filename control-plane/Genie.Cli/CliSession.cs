using Genie.Cli.Output;
using Genie.Client;

namespace Genie.Cli;

/// <summary>What a command runs with: the client of the resolved Genie, the namespace it defaults to, and its output.</summary>
public sealed record CliSession(GenieClient Client, string Namespace, OutputWriter Output);
