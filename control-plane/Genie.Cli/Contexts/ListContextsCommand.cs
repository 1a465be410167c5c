using Genie.Cli.Connection;
using Genie.Cli.Output;
using Spectre.Console.Cli;

namespace Genie.Cli.Contexts;

/// <summary>`genie context list`: the contexts with their servers and namespaces; keys are never shown.</summary>
public sealed class ListContextsCommand : AsyncCommand<ContextSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ContextSettings settings, CancellationToken cancellationToken)
    {
        var config = await ContextStore.LoadAsync(cancellationToken);
        var rows = config.Contexts
            .Select(c => new ContextRow(c.Name, c.Server, c.Namespace ?? ConnectionResolver.DefaultNamespace, c.Key is not null, c.Name == config.Current))
            .ToList();
        new OutputWriter(settings.Output).WriteList(rows,
        [
            new("CURRENT", r => r.Current ? "*" : ""),
            new("NAME", r => r.Name),
            new("SERVER", r => r.Server),
            new("NAMESPACE", r => r.Namespace),
            new("KEY", r => r.HasKey ? "set" : "none"),
        ]);
        return ExitCodes.Ok;
    }

    private sealed record ContextRow(string Name, string Server, string Namespace, bool HasKey, bool Current);
}
