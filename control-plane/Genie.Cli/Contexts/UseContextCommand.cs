using Genie.Cli.Connection;
using Genie.Cli.Output;
using Spectre.Console.Cli;

namespace Genie.Cli.Contexts;

/// <summary>`genie context use NAME`: makes a context the current one.</summary>
public sealed class UseContextCommand : AsyncCommand<NamedContextSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, NamedContextSettings settings, CancellationToken cancellationToken)
    {
        var config = await ContextStore.LoadAsync(cancellationToken);
        config.Require(settings.Name);
        await ContextStore.SaveAsync(config with { Current = settings.Name }, cancellationToken);
        OutputWriter.WriteLine($"Switched to context {settings.Name}.");
        return ExitCodes.Ok;
    }
}
