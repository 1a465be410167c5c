using System.ComponentModel;
using Genie.Cli.Connection;
using Genie.Cli.Output;
using Spectre.Console.Cli;

namespace Genie.Cli.Contexts;

/// <summary>`genie context set NAME --server URL --key KEY [--namespace NS]`: adds or changes a context.</summary>
public sealed class SetContextCommand : AsyncCommand<SetContextCommand.Settings>
{
    public sealed class Settings : NamedContextSettings
    {
        [CommandOption("--server <URL>")]
        [Description("Genie's URL")]
        public string? Server { get; init; }

        [CommandOption("--key <KEY>")]
        [Description("API key or token to present")]
        public string? Key { get; init; }

        [CommandOption("-n|--namespace <NS>")]
        [Description("Namespace commands default to")]
        public string? Namespace { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var config = await ContextStore.LoadAsync(cancellationToken);
        var existing = config.Find(settings.Name);
        var server = settings.Server ?? existing?.Server
            ?? throw new UsageException($"Context `{settings.Name}` is new: --server is required.");
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"The server `{server}` is not an http(s) URL.");
        }

        var entry = new ContextEntry
        {
            Name = settings.Name,
            Server = server,
            Key = settings.Key ?? existing?.Key,
            Namespace = settings.Namespace ?? existing?.Namespace,
        };
        var contexts = config.Contexts.Where(c => c.Name != settings.Name).Append(entry).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();

        // The first context becomes current, so `context set` alone is enough to start.
        await ContextStore.SaveAsync(config with { Contexts = contexts, Current = config.Current ?? settings.Name }, cancellationToken);
        OutputWriter.WriteLine($"Context {settings.Name} saved in {ContextStore.FilePath}.");
        return ExitCodes.Ok;
    }
}
