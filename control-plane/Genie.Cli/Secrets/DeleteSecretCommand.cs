using System.ComponentModel;
using Genie.Cli.Output;
using Spectre.Console.Cli;

namespace Genie.Cli.Secrets;

/// <summary>`genie secrets delete NAME`.</summary>
public sealed class DeleteSecretCommand : GenieCommand<DeleteSecretCommand.Settings>
{
    public sealed class Settings : NamespacedSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("The secret's name")]
        public string Name { get; init; } = "";
    }

    protected override async Task<int> RunAsync(CliSession session, Settings settings, CancellationToken cancellationToken)
    {
        await session.Client.DeleteSecretAsync(session.Namespace, settings.Name, cancellationToken);
        OutputWriter.WriteLine($"Secret {session.Namespace}/{settings.Name} deleted.");
        return ExitCodes.Ok;
    }
}
