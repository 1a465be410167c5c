using System.Globalization;
using Spectre.Console;

namespace Genie.Cli.Output;

/// <summary>
/// The consoles `genie` writes to. Colour only on a terminal and only without NO_COLOR; tables take the terminal's
/// width, or COLUMNS (else 160) when the output goes to a file or pipe.
/// </summary>
public static class Terminal
{
    private const int RedirectedWidth = 160;

    public static IAnsiConsole Out { get; } = Create(Console.Out, Console.IsOutputRedirected);

    public static IAnsiConsole Error { get; } = Create(Console.Error, Console.IsErrorRedirected);

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var colour = !redirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colour ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (redirected)
        {
            console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns)
                && columns > 0 ? columns : RedirectedWidth;
        }

        return console;
    }
}
