using System.Xml.Linq;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Genie.Cli.Completion;

/// <summary>
/// The command tree as completion needs it: for each command path (`""`, `"context"`, `"context set"`) its
/// subcommands and its options. Read from Spectre's own model (`cli xmldoc`) of <see cref="CommandTree"/>, so a new
/// command completes without touching the script.
/// </summary>
public sealed record CommandModel(IReadOnlyDictionary<string, IReadOnlyList<string>> Children, IReadOnlyDictionary<string, IReadOnlyList<string>> Options)
{
    public static async Task<CommandModel> ReadAsync(CancellationToken cancellationToken)
    {
        using var xml = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(xml) });
        console.Profile.Width = int.MaxValue / 2;
        var app = new CommandApp();
        app.Configure(config =>
        {
            CommandTree.Configure(config);
            config.Settings.Console = console;
        });
        await app.RunAsync(["cli", "xmldoc"], cancellationToken);

        var children = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var options = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        Walk(XDocument.Parse(xml.ToString()).Root!, "", children, options);
        return new CommandModel(children, options);
    }

    private static void Walk(XElement node, string path, Dictionary<string, IReadOnlyList<string>> children, Dictionary<string, IReadOnlyList<string>> options)
    {
        var commands = node.Elements("Command").ToList();
        children[path] = commands.Select(c => (string)c.Attribute("Name")!).ToList();
        options[path] = node.Element("Parameters")?.Elements("Option")
            .SelectMany(o => new[] { Flag("--", (string?)o.Attribute("Long")), Flag("-", (string?)o.Attribute("Short")) })
            .OfType<string>().ToList() ?? [];
        foreach (var command in commands)
        {
            var name = (string)command.Attribute("Name")!;
            Walk(command, path.Length == 0 ? name : $"{path} {name}", children, options);
        }
    }

    private static string? Flag(string dashes, string? names) =>
        string.IsNullOrEmpty(names) ? null : string.Join(' ', names.Split(',').Select(n => dashes + n.Trim()));
}
