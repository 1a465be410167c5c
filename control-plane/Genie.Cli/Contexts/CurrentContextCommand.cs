using Genie.Cli.Connection;
using Genie.Cli.Output;
using Spectre.Console.Cli;

namespace Genie.Cli.Contexts;

/// <summary>`genie context current`: the name of the current context.</summary>
public sealed class CurrentContextCommand : AsyncCommand<ContextSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ContextSettings settings, CancellationToken cancellationToken)
    {
        var config = await ContextStore.LoadAsync(cancellationToken);
        if (config.Current is null)
        {
            throw new UsageException("No current context; add one with `genie context set`.");
        }

        OutputWriter.WriteLine(config.Current);
        return ExitCodes.Ok;
    }
}
