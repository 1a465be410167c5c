using System.ComponentModel;
using Genie.Cli.Output;
using Spectre.Console.Cli;

namespace Genie.Cli.Keys;

/// <summary>`genie keys revoke PREFIX`: the key stops working (at once on the replica asked, within seconds on the others).</summary>
public sealed class RevokeKeyCommand : GenieCommand<RevokeKeyCommand.Settings>
{
    public sealed class Settings : GenieSettings
    {
        [CommandArgument(0, "<PREFIX>")]
        [Description("The key's 8-character prefix")]
        public string Prefix { get; init; } = "";
    }

    protected override async Task<int> RunAsync(CliSession session, Settings settings, CancellationToken cancellationToken)
    {
        await session.Client.RevokeApiKeyAsync(settings.Prefix, cancellationToken);
        OutputWriter.WriteLine($"Key {settings.Prefix} revoked.");
        return ExitCodes.Ok;
    }
}
