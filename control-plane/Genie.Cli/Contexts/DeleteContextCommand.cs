using Genie.Cli.Connection;
using Genie.Cli.Output;
using Spectre.Console.Cli;

namespace Genie.Cli.Contexts;

/// <summary>`genie context delete NAME`: forgets a context and its key.</summary>
public sealed class DeleteContextCommand : AsyncCommand<NamedContextSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, NamedContextSettings settings, CancellationToken cancellationToken)
    {
        var config = await ContextStore.LoadAsync(cancellationToken);
        config.Require(settings.Name);
        await ContextStore.SaveAsync(config with
        {
            Contexts = config.Contexts.Where(c => c.Name != settings.Name).ToList(),
            Current = config.Current == settings.Name ? null : config.Current,
        }, cancellationToken);
        OutputWriter.WriteLine($"Context {settings.Name} deleted.");
        return ExitCodes.Ok;
    }
}
