namespace Genie.Cli.Connection;

/// <summary>
/// Decides the connection of a command: a flag wins over the environment (GENIE_SERVER, GENIE_KEY or GENIE_TOKEN,
/// GENIE_CONTEXT), which wins over the context (--context, else GENIE_CONTEXT, else the current one).
/// </summary>
public static class ConnectionResolver
{
    public const string DefaultNamespace = "default";

    public static async Task<GenieConnection> ResolveAsync(GenieSettings settings, string? namespaceFlag, CancellationToken cancellationToken)
    {
        var config = await ContextStore.LoadAsync(cancellationToken);
        // A context asked for by name must exist; a current one that was deleted by hand is simply not used.
        var named = settings.Context ?? Env("GENIE_CONTEXT");
        var context = named is not null ? config.Require(named) : config.Current is { } current ? config.Find(current) : null;

        var server = settings.Server ?? Env("GENIE_SERVER") ?? context?.Server;
        var key = settings.Key ?? Env("GENIE_KEY") ?? Env("GENIE_TOKEN") ?? context?.Key;
        if (server is null)
        {
            throw new UsageException("No Genie server: pass --server, set GENIE_SERVER, or add a context with `genie context set`.");
        }

        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"The server `{server}` is not an http(s) URL.");
        }

        if (key is null)
        {
            throw new UsageException("No credential: pass --key, set GENIE_KEY (or GENIE_TOKEN), or set one in the context.");
        }

        return new GenieConnection(uri, key, namespaceFlag ?? context?.Namespace ?? DefaultNamespace);
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
