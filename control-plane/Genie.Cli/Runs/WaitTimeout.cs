using System.Globalization;

namespace Genie.Cli.Runs;

/// <summary>Reads `--timeout` durations: a whole number with `s`, `m` or `h` (`90s`, `10m`, `2h`).</summary>
public static class WaitTimeout
{
    public static TimeSpan Parse(string text)
    {
        if (text.Length >= 2 && long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            switch (text[^1])
            {
                case 's': return TimeSpan.FromSeconds(amount);
                case 'm': return TimeSpan.FromMinutes(amount);
                case 'h': return TimeSpan.FromHours(amount);
            }
        }

        throw new UsageException($"--timeout `{text}` is not a duration such as 90s, 10m or 2h.");
    }
}
