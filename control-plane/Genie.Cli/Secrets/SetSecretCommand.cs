using System.ComponentModel;
using Genie.Client;
using Spectre.Console.Cli;

namespace Genie.Cli.Secrets;

/// <summary>
/// `genie secrets set NAME --data KEY=VALUE... [--from-file KEY=PATH...]`: creates the secret, or replaces all its values
/// when it exists. Values given as files keep them out of the shell's history.
/// </summary>
public sealed class SetSecretCommand : GenieCommand<SetSecretCommand.Settings>
{
    public sealed class Settings : NamespacedSettings
    {
        [CommandArgument(0, "<NAME>")]
        public string Name { get; init; } = "";

        [CommandOption("-d|--data <KEY=VALUE>")]
        [Description("A value (repeatable)")]
        public string[] Data { get; init; } = [];

        [CommandOption("--from-file <KEY=PATH>")]
        [Description("A value read from a file (repeatable)")]
        public string[] Files { get; init; } = [];
    }

    protected override async Task<int> RunAsync(CliSession session, Settings settings, CancellationToken cancellationToken)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in settings.Data.Select(p => Split(p, "--data")))
        {
            data[key] = value;
        }

        foreach (var (key, path) in settings.Files.Select(p => Split(p, "--from-file")))
        {
            data[key] = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : throw new UsageException($"{path}: no such file.");
        }

        if (data.Count == 0)
        {
            throw new UsageException("Give the secret's values with --data KEY=VALUE or --from-file KEY=PATH.");
        }

        Genie.Client.Contracts.SecretResource secret;
        try
        {
            secret = await session.Client.CreateSecretAsync(session.Namespace, settings.Name, data, cancellationToken);
        }
        catch (GenieApiException e) when (e.StatusCode == 409)
        {
            secret = await session.Client.RotateSecretAsync(session.Namespace, settings.Name, data, cancellationToken);
        }

        session.Output.WriteOne(secret,
        [
            new("Secret", s => $"{s.Namespace}/{s.Name}"),
            new("Keys", s => string.Join(", ", s.Keys)),
            new("Rotated", s => Times.Stamp(s.RotatedAt)),
        ]);
        return ExitCodes.Ok;
    }

    private static (string Key, string Value) Split(string pair, string option)
    {
        var separator = pair.IndexOf('=', StringComparison.Ordinal);
        return separator > 0 ? (pair[..separator], pair[(separator + 1)..]) : throw new UsageException($"{option} `{pair}` is not KEY=VALUE.");
    }
}
