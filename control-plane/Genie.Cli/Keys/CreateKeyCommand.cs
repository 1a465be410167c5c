using System.ComponentModel;
using Genie.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Genie.Cli.Keys;

/// <summary>`genie keys create NAME --grant operator:team-a [--expires 2027-06-01T00:00:00Z]`: prints the new key, the only time it is shown.</summary>
public sealed class CreateKeyCommand : GenieCommand<CreateKeyCommand.Settings>
{
    public sealed class Settings : GenieSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("What the key is for")]
        public string Name { get; init; } = "";

        [CommandOption("-g|--grant <GRANT>")]
        [Description("A grant (repeatable): viewer:NS, operator:NS, admin:NS, ROLE:*, cluster-admin")]
        public string[] Grants { get; init; } = [];

        [CommandOption("--expires <TIME>")]
        [Description("When the key stops working (RFC 3339)")]
        public DateTimeOffset? Expires { get; init; }
    }

    protected override async Task<int> RunAsync(CliSession session, Settings settings, CancellationToken cancellationToken)
    {
        var created = await session.Client.CreateApiKeyAsync(settings.Name, settings.Grants, settings.Expires, cancellationToken);
        if (session.Output.IsTable)
        {
            OutputWriter.WriteLine(created.Key);
            Terminal.Error.WriteLine($"Key {created.ApiKey.Prefix} created; it is shown only this once.");
        }
        else
        {
            session.Output.WriteData(created);
        }

        return ExitCodes.Ok;
    }
}
